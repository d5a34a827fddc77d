import type { TurnReader } from '../ports';
import type { Clock } from '../store-options';
import type { SqliteDb } from './database';
import { handoffColumns, toHandoffRecord, type HandoffRow } from './handoff-repository';
import { CLAIMABLE_FOR_USER } from './outbox-repository';
import { isoTime } from '../../util/iso-time';

/** The statement's one row as an array, its columns in SELECT order. */
type TurnRow = [stateData: string | null, stateETag: string | null, handoff: string | null, outboxWaiting: number];

/**
 * TurnReader on the embedded database: the memory (`StateStore.read`), the open hand-off (`HandoffRepository.findOpen`)
 * and whether the outbox holds a claimable message (`OutboxRepository.claimable`) in one statement. In WAL mode each
 * statement run on its own is a read transaction that takes and drops a read mark of the shared memory (two `fcntl`
 * calls, slow on a paravirtualised machine): one statement instead of three (docs/performance.md, one-read round).
 * Nothing is kept between turns: a hand-off another process opened is seen by the next turn.
 */
export function createSqliteTurnReader(db: SqliteDb, now: Clock): TurnReader {
  // A row in any case: the state and the hand-off are LEFT JOINed to one constant row. At most one hand-off per user
  // is open (index `handoffs_one_open_per_user`); the outbox's condition is `claimable`'s (`CLAIMABLE_FOR_USER`; its unqualified
  // columns are the subquery's own table's). The hand-off comes as one JSON object of its row, NULL when there is none
  // (almost every turn): the driver builds a row object with a property per column, and thirteen NULL columns were a
  // quarter of the statement's cost in-process (docs/performance.md, turn-cost round). Read raw, as an array: a row
  // object is built a property at a time, each column's name made a V8 string (10.8 → 9.9 µs a read in-process;
  // docs/performance.md, twelfth round).
  const select = db.prepare<{ key: string; channel: string; userId: string; at: string }, TurnRow>(
    `SELECT s.data AS state_data, s.etag AS state_etag,
       CASE WHEN h.id IS NULL THEN NULL ELSE json_object(${handoffColumns
         .split(', ')
         .map((c) => `'${c}', h.${c}`)
         .join(', ')}) END AS handoff,
       EXISTS (SELECT 1 FROM outbox WHERE ${CLAIMABLE_FOR_USER}) AS outbox_waiting
     FROM (SELECT 1) AS one
     LEFT JOIN state AS s ON s.key = @key
     LEFT JOIN handoffs AS h ON h.channel = @channel AND h.user_id = @userId AND h.status <> 'closed'`,
  ).raw(true);
  return {
    async read(key, user) {
      const [stateData, stateETag, handoff, outboxWaiting] = select.get({ key, channel: user.channel, userId: user.userId, at: isoTime(now()) })!;
      return {
        state: stateETag === null ? undefined : { data: JSON.parse(stateData!), eTag: stateETag },
        openHandoff: handoff === null ? undefined : toHandoffRecord(JSON.parse(handoff) as HandoffRow),
        outboxWaiting: outboxWaiting === 1,
      };
    },
  };
}
