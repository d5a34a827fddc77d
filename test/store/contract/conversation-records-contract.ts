import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { feedbackDay } from '../../../src/store/feedback-reference';

const REFERENCE = /^PA-(\d{8})-(\d{4,})$/;

function parseReference(reference: string): { day: string; sequence: number } {
  const m = REFERENCE.exec(reference);
  assert.ok(m, `"${reference}" is not a PA-YYYYMMDD-NNNN reference`);
  return { day: m[1]!, sequence: Number(m[2]) };
}

const citizen = { channel: 'zalo', userId: 'u-1' };

/** Feedback, hand-offs and the unanswered log. */
export function conversationRecordsContract(store: () => Store): void {
  describe('feedback', () => {
    it('answers a readable reference for the Vietnamese day and lists what was saved', async () => {
      const before = Date.now();
      const saved = await store().feedback.add({ ...citizen, text: 'Cán bộ tiếp dân rất nhiệt tình' });
      const { day, sequence } = parseReference(saved.reference);
      assert.equal(day, feedbackDay(saved.createdAt));
      assert.equal(sequence, 1);
      assert.ok(saved.createdAt instanceof Date);
      assert.ok(saved.createdAt.getTime() >= before - 1000 && saved.createdAt.getTime() <= Date.now() + 1000);
      assert.deepEqual(await store().feedback.list(10), [saved]);
    });

    it('gives 20 concurrent adds unique, consecutive references, and the next one comes after them', async () => {
      const saved = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().feedback.add({ channel: 'web', userId: `u-${i}`, text: `góp ý ${i}` })),
      );
      const parsed = saved.map((s) => parseReference(s.reference));
      assert.equal(new Set(saved.map((s) => s.reference)).size, 20);
      assert.equal(new Set(parsed.map((p) => p.day)).size, 1, 'all on one day');
      const sequences = parsed.map((p) => p.sequence).sort((a, b) => a - b);
      assert.deepEqual(sequences, Array.from({ length: 20 }, (_, i) => i + 1));
      const next = parseReference((await store().feedback.add({ ...citizen, text: 'thêm' })).reference);
      assert.equal(next.sequence, 21);
    });

    it('lists newest first and honours the limit', async () => {
      const a = await store().feedback.add({ ...citizen, text: 'một' });
      const b = await store().feedback.add({ ...citizen, text: 'hai' });
      const c = await store().feedback.add({ ...citizen, text: 'ba' });
      assert.deepEqual((await store().feedback.list(10)).map((f) => f.reference), [c, b, a].map((f) => f.reference));
      assert.deepEqual((await store().feedback.list(2)).map((f) => f.text), ['ba', 'hai']);
    });

    it('refuses a limit that is not a positive integer', async () => {
      await store().feedback.add({ ...citizen, text: 'x' });
      await assert.rejects(store().feedback.list(0), RangeError);
      await assert.rejects(store().feedback.list(-1), RangeError);
      await assert.rejects(store().feedback.list(1.5), RangeError);
    });
  });

  describe('handoffs', () => {
    const request = { ...citizen, reason: 'Muốn gặp cán bộ', lastMessage: 'Tôi cần hỏi về căn cước' };

    it('opens a hand-off that findOpen then answers', async () => {
      const opened = await store().handoffs.open(request);
      const { id, status, createdAt, ...given } = opened;
      assert.deepEqual(given, request);
      assert.equal(status, 'open');
      assert.ok(id);
      assert.ok(createdAt instanceof Date);
      assert.deepEqual(await store().handoffs.findOpen(citizen), opened);
    });

    it('answers the hand-off already open instead of opening another', async () => {
      const first = await store().handoffs.open(request);
      const again = await store().handoffs.open({ ...request, reason: 'khác', lastMessage: 'tin nhắn mới' });
      assert.deepEqual(again, first);
      assert.equal((await store().handoffs.listOpen(10)).length, 1);
    });

    it('opens only one hand-off when the same user asks many times at once', async () => {
      const opened = await Promise.all(Array.from({ length: 10 }, () => store().handoffs.open(request)));
      assert.equal(new Set(opened.map((h) => h.id)).size, 1);
      assert.equal((await store().handoffs.listOpen(50)).length, 1);
    });

    it('keeps users apart by channel and user id', async () => {
      const a = await store().handoffs.open(request);
      const b = await store().handoffs.open({ ...request, channel: 'messenger' });
      const c = await store().handoffs.open({ ...request, userId: 'u-2' });
      assert.equal(new Set([a.id, b.id, c.id]).size, 3);
      assert.equal(await store().handoffs.findOpen({ channel: 'web', userId: 'u-1' }), undefined);
    });

    it('closes a hand-off, after which the user can open a new one', async () => {
      const first = await store().handoffs.open(request);
      await store().handoffs.close(first.id);
      assert.equal(await store().handoffs.findOpen(citizen), undefined);
      assert.deepEqual(await store().handoffs.listOpen(10), []);
      const second = await store().handoffs.open(request);
      assert.notEqual(second.id, first.id);
      await store().handoffs.close(first.id);
      assert.deepEqual(await store().handoffs.findOpen(citizen), second, 'closing an old one again leaves the new one open');
    });

    it('keeps empty text, as from a sticker-only message', async () => {
      const opened = await store().handoffs.open({ ...request, reason: '', lastMessage: '' });
      assert.deepEqual(await store().handoffs.findOpen(citizen), opened);
      assert.equal(opened.lastMessage, '');
      await store().unanswered.add({ ...citizen, text: '', intent: '', confidence: 0 });
      assert.deepEqual((await store().unanswered.list(1)).map(({ createdAt, ...r }) => r), [
        { ...citizen, text: '', intent: '', confidence: 0 },
      ]);
    });

    it('ignores closing an unknown id', async () => {
      const open = await store().handoffs.open(request);
      await store().handoffs.close('no-such-id');
      assert.deepEqual(await store().handoffs.listOpen(10), [open]);
    });

    it('lists open hand-offs oldest first (the desk queue) and honours the limit', async () => {
      const first = await store().handoffs.open({ ...request, userId: 'u-a' });
      const closed = await store().handoffs.open({ ...request, userId: 'u-b' });
      const third = await store().handoffs.open({ ...request, userId: 'u-c' });
      await store().handoffs.close(closed.id);
      assert.deepEqual((await store().handoffs.listOpen(10)).map((h) => h.id), [first.id, third.id]);
      assert.deepEqual((await store().handoffs.listOpen(1)).map((h) => h.id), [first.id]);
      await assert.rejects(store().handoffs.listOpen(0), RangeError);
    });
  });

  describe('unanswered', () => {
    it('logs questions and lists them newest first with the limit', async () => {
      await store().unanswered.add({ ...citizen, text: 'Đăng ký tạm trú ở đâu?', intent: 'residence.temporary', confidence: 0.41 });
      await store().unanswered.add({ ...citizen, text: 'Mất ví thì báo ai?', intent: 'fallback', confidence: 0.125 });
      const all = await store().unanswered.list(10);
      assert.deepEqual(
        all.map(({ createdAt, ...rest }) => rest),
        [
          { ...citizen, text: 'Mất ví thì báo ai?', intent: 'fallback', confidence: 0.125 },
          { ...citizen, text: 'Đăng ký tạm trú ở đâu?', intent: 'residence.temporary', confidence: 0.41 },
        ],
      );
      assert.ok(all.every((r) => r.createdAt instanceof Date && !Number.isNaN(r.createdAt.getTime())));
      assert.deepEqual((await store().unanswered.list(1)).map((r) => r.text), ['Mất ví thì báo ai?']);
      await assert.rejects(store().unanswered.list(0), RangeError);
    });
  });
}
