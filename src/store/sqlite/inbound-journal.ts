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

export interface SqliteInboundJournal extends InboundJournal {
  flush(): void;
}

/** A row to write or to delete at the next commit, and whom to tell once it is committed. */
interface Pending<T> {
  row: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

type NewRow = [id: string, channel: string, body: string, receivedAt: string, leasedUntil: string];

/**
 * InboundJournal on the embedded database: a lease column makes each claim exclusive between processes.
 *
 * Group commit (docs/performance.md, "Ack round 2"): the deliveries kept and the deliveries forgotten in one event-loop
 * iteration are written in one transaction, at the head of its check phase (or sooner, by `flush`: the turn gate runs
 * it before the next turn takes the loop), instead of one commit each. Each call still settles only after its commit,
 * so no platform hears 200 before its delivery is on disk, and nothing else changes: a removal not yet committed when
 * the process dies leaves its row, replayed and de-duplicated by the inbox, like a death just before its own commit.
 * If the group's transaction fails, each row is written again in a transaction of its own, so one call's failure is
 * its own.
 */
export function createSqliteInboundJournal(db: SqliteDb, now: Clock = systemClock): SqliteInboundJournal {
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

  const writeAll = db.transaction((adds: readonly Pending<NewRow>[], removals: readonly Pending<string>[]) => {
    for (const a of adds) insert.run(...a.row);
    for (const r of removals) remove.run(r.row);
  });
  let added: Pending<NewRow>[] = [];
  let removed: Pending<string>[] = [];
  const flush = () => {
    const adds = added;
    const removals = removed;
    added = [];
    removed = [];
    if (adds.length + removals.length === 0) return;
    try {
      writeAll(adds, removals);
    } catch {
      // Rolled back whole: each written again on its own, so one row's failure is that call's alone.
      for (const a of adds) settle(a, () => insert.run(...a.row));
      for (const r of removals) settle(r, () => remove.run(r.row));
      return;
    }
    for (const p of adds) p.resolve();
    for (const p of removals) p.resolve();
  };
  const settle = (pending: Pending<unknown>, write: () => unknown) => {
    try {
      write();
    } catch (err) {
      return pending.reject(err);
    }
    pending.resolve();
  };
  /** Queues `row` for the next commit: the check phase of this iteration, unless `flush` runs first. */
  const queue = <T>(into: Pending<T>[], row: T) =>
    new Promise<void>((resolve, reject) => {
      if (added.length + removed.length === 0) setImmediate(flush);
      into.push({ row, resolve, reject });
    });

  return {
    flush,
    async add(channel, body, leaseMs) {
      const id = randomUUID();
      const at = now();
      await queue(added, [id, channel, body, at.toISOString(), new Date(at.getTime() + leaseMs).toISOString()]);
      return id;
    },
    remove(id) {
      return queue(removed, id);
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
