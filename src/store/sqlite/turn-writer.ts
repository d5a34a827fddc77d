import { ETagConflictError, type FinishedTurn, type TurnWriter } from '../ports';
import type { Clock } from '../store-options';
import { prepareActivityCount } from './activity-log';
import { prepareInteraction } from './contact-repository';
import type { SqliteDb } from './database';
import { prepareStateWrite } from './state-store';

type Outcome = { eTag: string; activityError?: unknown } | { conflict: ETagConflictError };

/**
 * TurnWriter on the embedded database: the interaction, the state and the count in one transaction, one commit per
 * turn instead of three (docs/performance.md). The count runs in a savepoint, so its failure undoes only itself; a
 * state eTag conflict commits the interaction before it is thrown, as the separate writes did.
 */
export function createSqliteTurnWriter(db: SqliteDb, now: Clock): TurnWriter {
  const writeState = prepareStateWrite(db, now);
  const interact = prepareInteraction(db);
  const count = prepareActivityCount(db);
  const save = db.transaction((turn: FinishedTurn): Outcome => {
    if (turn.interaction) interact(turn.interaction.user, turn.interaction.at, { locale: turn.interaction.locale });
    let eTag: string;
    try {
      eTag = writeState(turn.state.key, turn.state.data, turn.state.expectedETag);
    } catch (err) {
      if (err instanceof ETagConflictError) return { conflict: err };
      throw err;
    }
    if (!turn.activity) return { eTag };
    try {
      count(turn.activity);
      return { eTag };
    } catch (activityError) {
      return { eTag, activityError };
    }
  });
  return {
    async save(turn) {
      const outcome = save(turn);
      if ('conflict' in outcome) throw outcome.conflict;
      return outcome;
    },
  };
}
