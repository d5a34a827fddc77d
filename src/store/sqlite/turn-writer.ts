import { ETagConflictError, type FinishedTurn, type TurnWriter } from '../ports';
import { stateToJson } from '../state-json';
import type { Clock } from '../store-options';
import { prepareActivityCount } from './activity-log';
import { prepareInteraction } from './contact-repository';
import type { SqliteDb } from './database';
import { prepareRecentLinesAppend } from './recent-lines';
import { prepareStateWrite } from './state-store';

type Saved = { eTag: string; activityError?: unknown };
type Outcome = Saved | { conflict: ETagConflictError };

/** A finished turn waiting for the next commit, its memory already serialised (later changes to it are not written). */
interface Queued {
  turn: FinishedTurn;
  json: string;
  resolve: (saved: Saved) => void;
  reject: (err: unknown) => void;
}

/** Turns committed together at most; a batch that fills up is committed at once, inside the save that filled it. */
const MAX_BATCH = 64;

export interface SqliteTurnWriter extends TurnWriter {
  /** Commits the turns waiting now (the store's `close()` does, so none is left behind). */
  flush(): void;
}

/**
 * TurnWriter on the embedded database: the interaction, the state, the lines and the count of a turn in one transaction, and
 * the turns that finish in the same event-loop iteration in the same one (group commit, docs/performance.md): they
 * are queued and committed together in the check phase, one COMMIT and one copy of the shared index pages in the WAL
 * instead of one per turn. A turn's save settles only after its commit, so no answer leaves before its memory is
 * written and the conversation's lock (the inbox) is held until then.
 *
 * Each turn keeps the rules of its own transaction: the count runs in a savepoint, so its failure undoes only itself;
 * a state eTag conflict commits the interaction before it is thrown. If anything throws in a batch (a full disk, a
 * constraint), the batch is rolled back and its turns are written again one transaction each, so one turn's error
 * is that turn's alone and every other turn of the batch is kept.
 */
export function createSqliteTurnWriter(db: SqliteDb, now: Clock, maxBatch = MAX_BATCH): SqliteTurnWriter {
  const writeState = prepareStateWrite(db, now);
  const interact = prepareInteraction(db);
  const count = prepareActivityCount(db);
  const appendLines = prepareRecentLinesAppend(db);
  const write = ({ turn, json }: Queued): Outcome => {
    if (turn.interaction) interact(turn.interaction.user, turn.interaction.at, { locale: turn.interaction.locale });
    let eTag: string;
    try {
      eTag = writeState(turn.state.key, json, turn.state.expectedETag);
    } catch (err) {
      if (err instanceof ETagConflictError) return { conflict: err };
      throw err;
    }
    if (turn.lines) appendLines(turn.lines);
    if (!turn.activity) return { eTag };
    try {
      count(turn.activity);
      return { eTag };
    } catch (activityError) {
      return { eTag, activityError };
    }
  };
  const writeOne = db.transaction(write);
  const writeAll = db.transaction((batch: Queued[]) => batch.map(write));
  const settle = (queued: Queued, outcome: Outcome) => ('conflict' in outcome ? queued.reject(outcome.conflict) : queued.resolve(outcome));

  let queue: Queued[] = [];
  let scheduled = false;
  const flush = () => {
    const batch = queue;
    queue = [];
    if (batch.length > 1) {
      let outcomes: Outcome[] | undefined;
      try {
        outcomes = writeAll(batch);
      } catch {
        // Rolled back whole: written again below, one transaction per turn.
      }
      if (outcomes) return batch.forEach((queued, i) => settle(queued, outcomes[i]));
    }
    for (const queued of batch) {
      try {
        settle(queued, writeOne(queued));
      } catch (err) {
        queued.reject(err);
      }
    }
  };

  return {
    save(turn) {
      return new Promise<Saved>((resolve, reject) => {
        queue.push({ turn, json: stateToJson(turn.state.key, turn.state.data), resolve, reject });
        if (queue.length >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            flush();
          });
        }
      });
    },
    flush,
  };
}
