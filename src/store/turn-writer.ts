import type { ActivityLog, ContactRepository, StateStore, TurnWriter } from './ports';

/** A TurnWriter for stores without multi-document transactions (MongoDB here): the three writes one after another. */
export function sequentialTurnWriter(state: StateStore, contacts: Pick<ContactRepository, 'recordInteraction'>, activity: Pick<ActivityLog, 'record'>): TurnWriter {
  return {
    async save(turn) {
      if (turn.interaction) await contacts.recordInteraction(turn.interaction.user, turn.interaction.at, { locale: turn.interaction.locale });
      const eTag = await state.write(turn.state.key, turn.state.data, turn.state.expectedETag);
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
