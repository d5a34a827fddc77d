import type { HandoffRepository } from '../../store/ports';
import type { Handler } from '../handler';
import { menuButton } from './menu';

/** "gặp cán bộ": flags the conversation for an officer (idempotent) and says what happens next. */
export function createHandoffHandler(handoffs: HandoffRepository): Handler {
  return async (turn) => {
    const user = { channel: turn.channel, userId: turn.userId };
    const existing = await handoffs.findOpen(user);
    const record = existing ?? (await handoffs.open({ ...user, reason: turn.intent, lastMessage: turn.text.slice(0, 500) }));
    turn.memory.handoffId = record.id;
    const key = existing ? 'handoff.already' : 'handoff.opened';
    await turn.say({ text: `${turn.t(key, { id: record.id })}\n${turn.t('handoff.urgent')}`, buttons: [menuButton(turn.t)] });
  };
}
