import assert from 'node:assert/strict';
import { ETagConflictError, type Store } from '../../../src/store';

/** StateStore: eTag compare-and-set, JSON fidelity, delete and retention. */
export function stateContract(store: () => Store): void {
  describe('state', () => {
    it('answers undefined for a key never written', async () => {
      assert.equal(await store().state.read('web/conversations/none/DialogState'), undefined);
    });

    it('creates with an insert-only write and reads back data and eTag', async () => {
      const eTag = await store().state.write('k', { step: 1 }, null);
      assert.equal(typeof eTag, 'string');
      assert.ok(eTag.length > 0);
      assert.deepEqual(await store().state.read('k'), { data: { step: 1 }, eTag });
    });

    it('rejects a second insert-only write of the same key and keeps the first value', async () => {
      const eTag = await store().state.write('k', { v: 'first' }, null);
      await assert.rejects(store().state.write('k', { v: 'second' }, null), (err: unknown) => {
        assert.ok(err instanceof ETagConflictError);
        assert.equal(err.key, 'k');
        return true;
      });
      assert.deepEqual(await store().state.read('k'), { data: { v: 'first' }, eTag });
    });

    it('updates with the current eTag and answers a new one', async () => {
      const first = await store().state.write('k', { v: 1 }, null);
      const second = await store().state.write('k', { v: 2 }, first);
      assert.notEqual(second, first);
      assert.deepEqual(await store().state.read('k'), { data: { v: 2 }, eTag: second });
    });

    it('rejects a stale eTag and keeps the newer value', async () => {
      const first = await store().state.write('k', { v: 1 }, null);
      const second = await store().state.write('k', { v: 2 }, first);
      await assert.rejects(store().state.write('k', { v: 'stale' }, first), ETagConflictError);
      assert.deepEqual(await store().state.read('k'), { data: { v: 2 }, eTag: second });
    });

    it('rejects an eTag for a key that does not exist instead of creating it', async () => {
      await assert.rejects(store().state.write('ghost', { v: 1 }, 'some-etag'), ETagConflictError);
      assert.equal(await store().state.read('ghost'), undefined);
    });

    it("creates and overwrites with '*' whatever is stored", async () => {
      const created = await store().state.write('k', { v: 1 }, '*');
      const overwritten = await store().state.write('k', { v: 2 }, '*');
      assert.notEqual(overwritten, created);
      assert.deepEqual(await store().state.read('k'), { data: { v: 2 }, eTag: overwritten });
      await assert.rejects(store().state.write('k', { v: 3 }, created), ETagConflictError);
    });

    it('round-trips nested JSON with Vietnamese text exactly as JSON would', async () => {
      const data = {
        dialogStack: [{ id: 'thủ-tục', state: { options: { prompt: 'Bạn cần làm thủ tục gì?' }, values: {}, stepIndex: 2 } }],
        profile: { hoTen: 'Nguyễn Thị Ánh Tuyết', diaChi: 'Phường Đồng Quang, TP Thái Nguyên', tags: [] as string[] },
        numbers: [0, -1, 3.25, 1e21],
        flags: { yes: true, no: false, nothing: null },
        emoji: '🚓 Công an tỉnh',
      };
      await store().state.write('k', data, null);
      assert.deepEqual((await store().state.read('k'))?.data, data);
    });

    it('stores Dates as ISO strings and drops undefined members, like MemoryStorage', async () => {
      await store().state.write('k', { at: new Date('2026-11-27T01:02:03.004Z'), gone: undefined, kept: 1 }, null);
      assert.deepEqual((await store().state.read('k'))?.data, { at: '2026-11-27T01:02:03.004Z', kept: 1 });
    });

    it('refuses data JSON cannot represent', async () => {
      await assert.rejects(store().state.write('k', undefined, '*'), TypeError);
      assert.equal(await store().state.read('k'), undefined);
    });

    it('deletes a key (and deleting a missing key is not an error)', async () => {
      await store().state.write('a', { v: 'a' }, null);
      await store().state.write('b', { v: 'b' }, null);
      await store().state.delete('a');
      await store().state.delete('never-written');
      assert.equal(await store().state.read('a'), undefined);
      assert.deepEqual((await store().state.read('b'))?.data, { v: 'b' });
      await store().state.write('a', { v: 'again' }, null);
      assert.deepEqual((await store().state.read('a'))?.data, { v: 'again' });
    });

    it('purges only state written before the cut-off and answers how many went', async () => {
      await store().state.write('a', 1, null);
      await store().state.write('b', 2, null);
      assert.equal(await store().state.purgeOlderThan(new Date(Date.now() - 24 * 3600_000)), 0);
      assert.equal((await store().state.read('a'))?.data, 1);
      assert.equal(await store().state.purgeOlderThan(new Date(Date.now() + 24 * 3600_000)), 2);
      assert.equal(await store().state.read('a'), undefined);
      assert.equal(await store().state.read('b'), undefined);
    });
  });
}
