import type { HandoffRepository, OutboxRepository, StateStore, TurnReader } from './ports';

/**
 * A TurnReader over the separate ports, for stores where one query cannot read them together (MongoDB here): the
 * memory, the open hand-off and the outbox's probe asked at once, each as its own port answers it.
 */
export function parallelTurnReader(
  state: Pick<StateStore, 'read'>,
  handoffs: Pick<HandoffRepository, 'findOpen'>,
  outbox: Pick<OutboxRepository, 'claimable'>,
): TurnReader {
  return {
    async read<T>(key: string, user: { channel: string; userId: string }) {
      const [stored, openHandoff, outboxWaiting] = await Promise.all([state.read<T>(key), handoffs.findOpen(user), outbox.claimable(user)]);
      return { state: stored, openHandoff, outboxWaiting };
    },
  };
}
