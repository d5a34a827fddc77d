import type { ConversationLine } from '../../bot/conversation-lines';
import type { Handler } from '../../bot/handler';
import { menuButton } from '../../bot/handlers/menu';
import type { OfficerPresence } from '../../bot/officer-presence';
import type { Turn } from '../../bot/turn';
import type { HandoffMessage, HandoffRecord } from '../../store/ports';
import { describeHours, describeSession, type DutySchedule } from '../duty-hours';
import type { HandoffService } from '../handoff-service';

// The open hand-off found (or opened) during a turn, so the lines of that turn go to its transcript.
const openHandoff = Symbol('open hand-off');

/** The hand-off as the bot sees it: the "gặp cán bộ" handler and the presence that keeps the bot from talking over an officer. */
export function createHandoffChat(service: HandoffService, schedule: DutySchedule): { handler: Handler; presence: OfficerPresence } {
  const remember = (turn: Turn, record: HandoffRecord | undefined) => turn.context.turnState.set(openHandoff, record);
  const user = (turn: Turn) => ({ channel: turn.channel, userId: turn.userId });

  const presence: OfficerPresence = {
    holds(turn, open) {
      remember(turn, open);
      return open !== undefined && service.officerHolds(open);
    },
    heard(turn, lines) {
      const open = turn.context.turnState.get(openHandoff) as HandoffRecord | undefined;
      return open && lines.length > 0 ? service.record(open.id, lines.map(toMessage)) : undefined;
    },
  };

  /** "gặp cán bộ": opens (or finds) the request and says honestly who answers, when, and what to do meanwhile. */
  const handler: Handler = async (turn) => {
    const before = (await turn.earlierLines()).map(toMessage);
    const { record, created } = await service.request(user(turn), turn.locale, turn.intent, before);
    remember(turn, record);
    const { t } = turn;
    const duty = service.duty();
    const hours = describeHours(t, schedule.hours);
    const when = duty.onDuty
      ? t('handoff:onDuty')
      : duty.next
        ? t('handoff:offDuty', { hours, next: describeSession(t, duty.next) })
        : t('handoff:offDutyNoSession', { hours });
    const lines = [t(created ? 'handoff:opened' : 'handoff:already', { reference: record.id }), when, t('handoff:whatNext'), t('handoff:urgent')];
    await turn.say({ text: lines.join('\n'), buttons: [menuButton(t)] });
  };

  return { handler, presence };
}

function toMessage(line: ConversationLine): HandoffMessage {
  return { at: new Date(line.at), from: line.from, text: line.text };
}
