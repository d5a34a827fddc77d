import { randomUUID } from 'node:crypto';
import { assertListLimit } from '../list-limit';
import type { DeliveryProgress, InboundJournal } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

interface JournalRow {
  id: string;
  channel: string;
  body: string;
  received_at: string;
  attempts: number;
  progress: string | null;
}

/** InboundJournal on the embedded database: a lease column makes each claim exclusive between processes. */
export function createSqliteInboundJournal(db: SqliteDb, now: Clock = systemClock): InboundJournal {
  const insert = db.prepare('INSERT INTO inbound_journal (id, channel, body, received_at, leased_until) VALUES (?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM inbound_journal WHERE id = ?');
  const selectAbandoned = db.prepare<[string, string, number], JournalRow>(
    `SELECT id, channel, body, received_at, attempts, progress FROM inbound_journal WHERE channel = ? AND leased_until <= ?
     ORDER BY received_at, rowid LIMIT ?`,
  );
  const lease = db.prepare('UPDATE inbound_journal SET leased_until = ?, attempts = attempts + 1 WHERE id = ?');
  const postpone = db.prepare('UPDATE inbound_journal SET leased_until = ?, progress = COALESCE(?, progress) WHERE id = ?');
  const countWaiting = db.prepare<[], { channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM inbound_journal GROUP BY channel');
  const claimTx = db.transaction((channel: string, limit: number, leaseMs: number) => {
    const at = now();
    const rows = selectAbandoned.all(channel, at.toISOString(), limit);
    const until = new Date(at.getTime() + leaseMs).toISOString();
    for (const r of rows) lease.run(until, r.id);
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      body: r.body,
      receivedAt: new Date(r.received_at),
      attempts: r.attempts + 1,
      ...(r.progress ? { progress: JSON.parse(r.progress) as DeliveryProgress } : {}),
    }));
  });

  return {
    async add(channel, body, leaseMs) {
      const id = randomUUID();
      const at = now();
      insert.run(id, channel, body, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString());
      return id;
    },
    async remove(id) {
      remove.run(id);
    },
    async claimAbandoned(channel, limit, leaseMs) {
      assertListLimit(limit);
      // IMMEDIATE: two processes recovering at once must not both read the same abandoned rows.
      return claimTx.immediate(channel, limit, leaseMs);
    },
    async retryLater(id, delayMs, progress) {
      postpone.run(new Date(now().getTime() + delayMs).toISOString(), progress ? JSON.stringify(progress) : null, id);
    },
    async waiting() {
      return Object.fromEntries(countWaiting.all().map((r) => [r.channel, r.n]));
    },
  };
}
