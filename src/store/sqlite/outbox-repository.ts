import { randomUUID } from 'node:crypto';
import { assertListLimit } from '../list-limit';
import type { ChannelUser, OutboxMessage, OutboxRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenRows } from './citizen-rows';
import type { SqliteDb } from './database';

interface OutboxRow {
  id: string;
  channel: string;
  user_id: string;
  kind: string;
  data: string;
  created_at: string;
}

const columns = 'id, channel, user_id, kind, data, created_at';

/** OutboxRepository on the embedded database: the UNIQUE key dedupes, a lease column makes claims exclusive. */
/** The parameters of `CLAIMABLE_FOR_USER`. */
export interface ClaimableParams {
  channel: string;
  userId: string;
  /** Now, as ISO text: a lease that ran out by then is free again. */
  at: string;
}

/** An outbox row `claim` would take now for one citizen: not delivered, its lease free or run out (named parameters). */
export const CLAIMABLE_FOR_USER = `channel = @channel AND user_id = @userId AND delivered_at IS NULL
  AND (claimed_until IS NULL OR claimed_until <= @at)`;

export function createSqliteOutboxRepository(db: SqliteDb, now: Clock = systemClock): OutboxRepository {
  const insert = db.prepare(
    `INSERT INTO outbox (id, key, channel, user_id, kind, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(key) DO NOTHING`,
  );
  const selectPending = db.prepare<[string, string, number], OutboxRow>(
    `SELECT ${columns} FROM outbox WHERE channel = ? AND user_id = ? AND delivered_at IS NULL
     ORDER BY created_at, rowid LIMIT ?`,
  );
  const selectClaimable = db.prepare<[ClaimableParams & { limit: number }], OutboxRow>(
    `SELECT ${columns} FROM outbox WHERE ${CLAIMABLE_FOR_USER} ORDER BY created_at, rowid LIMIT @limit`,
  );
  const anyClaimable = db.prepare<[ClaimableParams], { found: number }>(`SELECT 1 AS found FROM outbox WHERE ${CLAIMABLE_FOR_USER} LIMIT 1`);
  const claimable = (user: ChannelUser) => anyClaimable.get({ channel: user.channel, userId: user.userId, at: now().toISOString() }) !== undefined;
  const lease = db.prepare('UPDATE outbox SET claimed_until = ? WHERE id = ?');
  const deliver = db.prepare('UPDATE outbox SET delivered_at = ? WHERE id = ?');
  const putBack = db.prepare('UPDATE outbox SET delivered_at = NULL, claimed_until = NULL WHERE id = ?');
  // Row values order the pages; '' sorts before every channel, so a first page starts from ('', '').
  const selectRecipients = db.prepare<{ channels: string; kinds: string; channel: string; userId: string; limit: number }, { channel: string; user_id: string }>(
    `SELECT DISTINCT channel, user_id FROM outbox
     WHERE delivered_at IS NULL AND channel IN (SELECT value FROM json_each(@channels)) AND kind IN (SELECT value FROM json_each(@kinds))
       AND (channel, user_id) > (@channel, @userId)
     ORDER BY channel, user_id LIMIT @limit`,
  );
  const countWaiting = db.prepare<[], { channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM outbox WHERE delivered_at IS NULL GROUP BY channel');

  const claimTx = db.transaction((channel: string, userId: string, limit: number, leaseMs: number) => {
    const at = now();
    const rows = selectClaimable.all({ channel, userId, at: at.toISOString(), limit });
    const until = new Date(at.getTime() + leaseMs).toISOString();
    for (const r of rows) lease.run(until, r.id);
    return rows.map(toMessage);
  });
  const deliverTx = db.transaction((ids: readonly string[]) => {
    const at = now().toISOString();
    for (const id of ids) deliver.run(at, id);
  });
  const requeueTx = db.transaction((ids: readonly string[]) => {
    for (const id of ids) putBack.run(id);
  });

  return {
    ...citizenRows<OutboxRow & { delivered_at: string | null }>(db, {
      table: 'outbox',
      columns: `${columns}, delivered_at`,
      order: 'created_at, rowid',
      exported: (r) => ({ ...toMessage(r), deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at) }),
    }),
    async enqueue(input) {
      const data = JSON.stringify(input.data);
      return insert.run(randomUUID(), input.key, input.channel, input.userId, input.kind, data, now().toISOString()).changes === 1;
    },
    async pending(user, limit) {
      assertListLimit(limit);
      return selectPending.all(user.channel, user.userId, limit).map(toMessage);
    },
    async claim(user, limit, leaseMs) {
      assertListLimit(limit);
      // Every turn asks, and almost always nothing waits: a plain read answers that without taking the write lock.
      // A message queued just after this read is claimed by the next turn, as one queued just after the claim would be.
      if (!claimable(user)) return [];
      // IMMEDIATE: two processes claiming for one user must not both read the same unclaimed rows.
      return claimTx.immediate(user.channel, user.userId, limit, leaseMs);
    },
    async claimable(user) {
      return claimable(user);
    },
    async markDelivered(ids) {
      deliverTx(ids);
    },
    async requeue(ids) {
      requeueTx(ids);
    },
    async recipients(channels, kinds, limit, after) {
      assertListLimit(limit);
      const from = { channel: after?.channel ?? '', userId: after?.userId ?? '' };
      return selectRecipients
        .all({ channels: JSON.stringify(channels), kinds: JSON.stringify(kinds), ...from, limit })
        .map((r) => ({ channel: r.channel, userId: r.user_id }));
    },
    async waiting() {
      return Object.fromEntries(countWaiting.all().map((r) => [r.channel, r.n]));
      },
  };
}

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    kind: r.kind,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: new Date(r.created_at),
  };
}
