import assert from 'node:assert/strict';
import type { DossierInput, Store } from '../../../src/store';

const at = (iso: string) => new Date(iso);

function dossier(code: string, o: Partial<DossierInput> = {}): DossierInput {
  return {
    code,
    procedure: 'tam-tru',
    status: 'received',
    receivedAt: at('2026-03-02T01:00:00Z'),
    dueAt: at('2026-03-10T10:00:00Z'),
    updatedAt: at('2026-03-02T01:00:00Z'),
    applicantMasked: 'Nguyễn V. B.',
    phoneLast4: '5678',
    ...o,
  };
}

const RETURNED = ['returned', 'returned_by_post'];

/** Dossier records: upsert-if-newer, history, report aggregation, watchers. */
export function dossiersContract(store: () => Store): void {
  describe('dossiers', () => {
    it('creates, applies a newer or same-time version, and ignores an older one', async () => {
      const r = store().dossiers;
      assert.equal((await r.upsert(dossier('A-1'))).outcome, 'created');
      const newer = await r.upsert(dossier('A-1', { status: 'processing', updatedAt: at('2026-03-03T01:00:00Z'), note: 'n' }));
      assert.equal(newer.outcome, 'applied');
      assert.deepEqual(newer.record.statusChangedAt, at('2026-03-03T01:00:00Z'));
      const older = await r.upsert(dossier('A-1', { status: 'rejected', updatedAt: at('2026-03-02T12:00:00Z') }));
      assert.equal(older.outcome, 'ignored');
      assert.equal(older.record.status, 'processing');
      const same = await r.upsert(dossier('A-1', { status: 'processing', updatedAt: at('2026-03-03T01:00:00Z'), unit: 'U' }));
      assert.equal(same.outcome, 'applied');
      const stored = await r.get('A-1');
      assert.equal(stored?.unit, 'U');
      assert.equal(stored?.note, undefined, 'a version replaces the record whole');
      assert.deepEqual(stored?.statusChangedAt, at('2026-03-03T01:00:00Z'), 'same status keeps its start');
      assert.deepEqual(await r.history('A-1'), [
        { status: 'received', at: at('2026-03-02T01:00:00Z') },
        { status: 'processing', at: at('2026-03-03T01:00:00Z') },
      ]);
      assert.equal(await r.get('NOPE-1'), undefined);
      assert.deepEqual(await r.history('NOPE-1'), []);
    });

    it('round-trips every field', async () => {
      const full = dossier('B-1', {
        status: 'returned', completedAt: at('2026-03-09T03:00:00Z'), submission: 'online', returnMethod: 'post',
        unit: 'Công an phường A', note: 'Ghi chú',
      });
      await store().dossiers.upsert(full);
      assert.deepEqual(await store().dossiers.get('B-1'), { ...full, statusChangedAt: full.updatedAt });
    });

    it('applies a batch in order, as single upserts would', async () => {
      const results = await store().dossiers.upsertMany([
        dossier('C-1'),
        dossier('C-1', { status: 'ready', updatedAt: at('2026-03-05T00:00:00Z') }),
        dossier('C-1', { status: 'processing', updatedAt: at('2026-03-04T00:00:00Z') }),
        dossier('C-2'),
      ]);
      assert.deepEqual(results.map((x) => x.outcome), ['created', 'applied', 'ignored', 'created']);
      assert.equal((await store().dossiers.get('C-1'))?.status, 'ready');
    });

    it('aggregates the report on Vietnam days and months', async () => {
      const r = store().dossiers;
      await r.upsert(dossier('R-1', { submission: 'online', status: 'returned', completedAt: at('2026-03-09T03:00:00Z') })); // early
      await r.upsert(dossier('R-2', { submission: 'in_person', status: 'returned', completedAt: at('2026-03-10T16:30:00Z') })); // 23:30 on the due day
      await r.upsert(dossier('R-3', { procedure: 'ho-chieu', status: 'returned_by_post', completedAt: at('2026-03-10T17:30:00Z') })); // 00:30 next day
      await r.upsert(dossier('R-4', { procedure: 'ho-chieu', receivedAt: at('2026-02-28T17:30:00Z'), status: 'rejected', completedAt: at('2026-03-05T00:00:00Z') }));
      const byProcedure = await r.report({ from: at('2026-02-28T17:00:00Z'), to: at('2026-03-31T17:00:00Z'), groupBy: 'procedure', returnedStatuses: RETURNED });
      assert.deepEqual(byProcedure, [
        { group: 'ho-chieu', received: 2, receivedOnline: 0, receivedInPerson: 0, returned: 1, returnedEarly: 0, returnedOnTime: 0, returnedLate: 1 },
        { group: 'tam-tru', received: 2, receivedOnline: 1, receivedInPerson: 1, returned: 2, returnedEarly: 1, returnedOnTime: 1, returnedLate: 0 },
      ]);
      const byMonth = await r.report({ from: at('2026-01-01T00:00:00Z'), to: at('2026-12-31T00:00:00Z'), groupBy: 'month', returnedStatuses: RETURNED });
      assert.deepEqual(byMonth.map((l) => [l.group, l.received, l.returned]), [['2026-03', 4, 3]]);
      const byUnit = await r.report({ from: at('2026-01-01T00:00:00Z'), to: at('2026-12-31T00:00:00Z'), groupBy: 'unit', returnedStatuses: RETURNED });
      assert.deepEqual(byUnit.map((l) => l.group), ['']);
    });

    it('lists by status, procedure, unit, open and due range, in pages, newest or soonest due first', async () => {
      const r = store().dossiers;
      await r.upsertMany([
        dossier('L-1', { receivedAt: at('2026-03-01T01:00:00Z'), dueAt: at('2026-03-05T10:00:00Z'), unit: 'P1' }),
        dossier('L-2', { status: 'processing', receivedAt: at('2026-03-02T01:00:00Z'), dueAt: at('2026-03-04T10:00:00Z'), unit: 'P1' }),
        dossier('L-3', { status: 'returned', completedAt: at('2026-03-06T01:00:00Z'), receivedAt: at('2026-03-03T01:00:00Z'), dueAt: at('2026-03-03T10:00:00Z'), unit: 'P2' }),
        dossier('L-4', { procedure: 'ho-chieu', receivedAt: at('2026-03-04T01:00:00Z'), dueAt: at('2026-03-20T10:00:00Z') }),
      ]);
      const codes = async (filter: Partial<Parameters<typeof r.list>[0]>) => {
        const page = await r.list({ order: 'received', offset: 0, limit: 10, ...filter });
        return [page.total, page.records.map((d) => d.code)];
      };
      assert.deepEqual(await codes({}), [4, ['L-4', 'L-3', 'L-2', 'L-1']]);
      assert.deepEqual(await codes({ limit: 2, offset: 2 }), [4, ['L-2', 'L-1']]);
      assert.deepEqual(await codes({ statuses: ['processing', 'returned'] }), [2, ['L-3', 'L-2']]);
      assert.deepEqual(await codes({ procedure: 'ho-chieu' }), [1, ['L-4']]);
      assert.deepEqual(await codes({ unit: 'P1' }), [2, ['L-2', 'L-1']]);
      const closed = { closedStatuses: ['returned', 'returned_by_post', 'rejected', 'withdrawn'] };
      assert.deepEqual(await codes({ open: closed, dueBefore: at('2026-03-10T00:00:00Z'), order: 'due' }), [2, ['L-2', 'L-1']]);
      assert.deepEqual(await codes({ open: closed, dueFrom: at('2026-03-05T00:00:00Z'), dueBefore: at('2026-03-21T00:00:00Z'), order: 'due' }), [2, ['L-1', 'L-4']]);
      const full = (await r.list({ order: 'due', offset: 0, limit: 1, procedure: 'ho-chieu' })).records[0];
      assert.deepEqual(full, await r.get('L-4'), 'a listed record is the whole record');
    });

    it('keeps one watcher per user and code, refreshing the language', async () => {
      const r = store().dossiers;
      await r.watch('W-1', { channel: 'rest', userId: 'u1', locale: 'vi' });
      await r.watch('W-1', { channel: 'rest', userId: 'u1', locale: 'en' });
      await r.watch('W-1', { channel: 'zalo', userId: 'u2', locale: 'vi' });
      assert.deepEqual(await r.watchers('W-1'), [
        { channel: 'rest', userId: 'u1', locale: 'en' },
        { channel: 'zalo', userId: 'u2', locale: 'vi' },
      ]);
      await r.unwatch('W-1', { channel: 'rest', userId: 'u1' });
      assert.deepEqual((await r.watchers('W-1')).map((w) => w.userId), ['u2']);
      assert.deepEqual(await r.watchers('W-2'), []);
    });
  });
}
