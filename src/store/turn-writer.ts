import type { ActivityLog, ContactRepository, RecentLineStore, StateStore, TurnWriter } from './ports';

/**
 * A TurnWriter for stores without multi-document transactions (MongoDB here): the writes one after another, the lines
 * only once the state is written (a stale eTag appends nothing, as in one transaction).
 */
export function sequentialTurnWriter(
  state: StateStore,
  contacts: Pick<ContactRepository, 'recordInteraction'>,
  activity: Pick<ActivityLog, 'record'>,
  recentLines: Pick<RecentLineStore, 'append'>,
): TurnWriter {
  return {
    async save(turn) {
      if (turn.interaction) await contacts.recordInteraction(turn.interaction.user, turn.interaction.at, { locale: turn.interaction.locale });
      const eTag = await state.write(turn.state.key, turn.state.data, turn.state.expectedETag);
      if (turn.lines) await recentLines.append(turn.lines);
      if (!turn.activity) return { eTag };
      try {
        await activity.record(turn.activity);
        return { eTag };
      } catch (activityError) {
        return { eTag, activityError };
      }
    },
  };
}
