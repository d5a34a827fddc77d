import assert from 'node:assert/strict';
import type { HandoffMessage, HandoffOpenInput, Store } from '../../../src/store';
import { referenceDay } from '../../../src/store/day-reference';

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
      assert.equal(day, referenceDay(saved.createdAt));
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
    const at = (minute: number) => new Date(Date.UTC(2026, 3, 13, 1, minute));
    const seed: HandoffMessage[] = [
      { at: at(0), from: 'citizen', text: 'Tôi cần hỏi về căn cước' },
      { at: at(1), from: 'bot', text: 'Dạ, thủ tục cấp căn cước…' },
    ];
    const request: HandoffOpenInput = { ...citizen, locale: 'vi', reason: 'human_agent', transcript: seed };
    const HANDOFF_REFERENCE = /^HT-(\d{8})-(\d{4,})$/;

    it('opens a waiting hand-off with a daily reference and the lines before the request', async () => {
      const { record, created } = await store().handoffs.open(request);
      assert.equal(created, true);
      const m = HANDOFF_REFERENCE.exec(record.id);
      assert.ok(m, record.id);
      assert.equal(m[1], referenceDay(record.createdAt));
      assert.equal(Number(m[2]), 1);
      const { id, createdAt, ...rest } = record;
      assert.deepEqual(rest, { ...citizen, locale: 'vi', reason: 'human_agent', status: 'waiting', lastMessage: 'Dạ, thủ tục cấp căn cước…', citizenWroteAt: at(0) });
      assert.ok(createdAt instanceof Date);
      assert.deepEqual(await store().handoffs.findOpen(citizen), record);
      assert.deepEqual(await store().handoffs.get(id), record);
      assert.deepEqual(await store().handoffs.transcript(id, 50), seed);
      assert.equal(await store().handoffs.get('HT-19990101-0001'), undefined);
    });

    it('answers the hand-off already open instead of opening another, leaving its transcript alone', async () => {
      const first = await store().handoffs.open(request);
      const again = await store().handoffs.open({ ...request, reason: 'khác', transcript: [{ at: at(5), from: 'citizen', text: 'mới' }] });
      assert.equal(again.created, false);
      assert.deepEqual(again.record, first.record);
      assert.deepEqual(await store().handoffs.transcript(first.record.id, 50), seed);
      assert.equal((await store().handoffs.listOpen(10)).length, 1);
    });

    it('opens only one hand-off when the same user asks many times at once', async () => {
      const opened = await Promise.all(Array.from({ length: 10 }, () => store().handoffs.open(request)));
      assert.equal(new Set(opened.map((h) => h.record.id)).size, 1);
      assert.equal(opened.filter((h) => h.created).length, 1);
      assert.equal((await store().handoffs.listOpen(50)).length, 1);
    });

    it('keeps users apart and numbers their references one after another', async () => {
      const a = await store().handoffs.open(request);
      const b = await store().handoffs.open({ ...request, channel: 'messenger' });
      const c = await store().handoffs.open({ ...request, userId: 'u-2' });
      const numbers = [a, b, c].map((h) => Number(HANDOFF_REFERENCE.exec(h.record.id)![2]));
      assert.deepEqual(numbers, [1, 2, 3]);
      assert.equal(await store().handoffs.findOpen({ channel: 'web', userId: 'u-1' }), undefined);
    });

    it('appends lines in order and keeps the summary current; an officer line engages a waiting hand-off', async () => {
      const { record } = await store().handoffs.open({ ...request, transcript: [] });
      assert.equal(record.lastMessage, '');
      assert.equal(record.citizenWroteAt, undefined);
      assert.equal(await store().handoffs.append(record.id, [{ at: at(10), from: 'citizen', text: 'Có ai không ạ?' }]), true);
      let now = (await store().handoffs.get(record.id))!;
      assert.deepEqual([now.status, now.lastMessage, now.citizenWroteAt], ['waiting', 'Có ai không ạ?', at(10)]);
      const officerLine: HandoffMessage = { at: at(12), from: 'officer', text: 'Chào anh, tôi là cán bộ trực.', officer: 'motcua1' };
      const failed: HandoffMessage = { at: at(13), from: 'officer', text: 'Anh còn đó không?', officer: 'motcua1', failure: 'window_closed' };
      await store().handoffs.append(record.id, [officerLine, failed]);
      now = (await store().handoffs.get(record.id))!;
      assert.deepEqual([now.status, now.officerWroteAt, now.lastMessage], ['engaged', at(13), 'Anh còn đó không?']);
      // A line that arrives late never moves the times back.
      await store().handoffs.append(record.id, [{ at: at(9), from: 'citizen', text: '' }]);
      assert.deepEqual((await store().handoffs.get(record.id))!.citizenWroteAt, at(10));
      assert.deepEqual(await store().handoffs.transcript(record.id, 50), [
        { at: at(10), from: 'citizen', text: 'Có ai không ạ?' },
        officerLine,
        failed,
        { at: at(9), from: 'citizen', text: '' },
      ]);
      assert.equal(await store().handoffs.append('HT-19990101-0001', [officerLine]), false);
    });

    it('answers the newest lines of a long transcript, oldest first, and refuses a bad limit', async () => {
      const { record } = await store().handoffs.open({ ...request, transcript: [] });
      const lines: HandoffMessage[] = Array.from({ length: 30 }, (_, i) => ({ at: at(i), from: i % 2 ? 'bot' : 'citizen', text: `dòng ${i}` }));
      await store().handoffs.append(record.id, lines.slice(0, 20));
      await store().handoffs.append(record.id, lines.slice(20));
      assert.deepEqual(await store().handoffs.transcript(record.id, 5), lines.slice(25));
      assert.deepEqual(await store().handoffs.transcript(record.id, 100), lines);
      assert.deepEqual(await store().handoffs.transcript('HT-19990101-0001', 5), []);
      await assert.rejects(store().handoffs.transcript(record.id, 0), RangeError);
    });

    it('lets one officer claim a hand-off; another needs takeOver; a repeated claim keeps its time', async () => {
      const { record } = await store().handoffs.open(request);
      const claimed = await store().handoffs.claim(record.id, 'motcua1', at(20), false);
      assert.deepEqual([claimed?.status, claimed?.claimedBy, claimed?.claimedAt], ['engaged', 'motcua1', at(20)]);
      assert.deepEqual((await store().handoffs.claim(record.id, 'motcua1', at(25), false))?.claimedAt, at(20));
      assert.equal(await store().handoffs.claim(record.id, 'motcua2', at(26), false), undefined);
      assert.equal((await store().handoffs.get(record.id))?.claimedBy, 'motcua1');
      const taken = await store().handoffs.claim(record.id, 'motcua2', at(27), true);
      assert.deepEqual([taken?.claimedBy, taken?.claimedAt], ['motcua2', at(27)]);
      assert.equal(await store().handoffs.claim('HT-19990101-0001', 'motcua1', at(28), true), undefined);
    });

    it('closes once, after which the hand-off cannot be claimed, drops out of the queue, and the user can open a new one', async () => {
      const first = (await store().handoffs.open(request)).record;
      const closed = await store().handoffs.close(first.id, at(30));
      assert.deepEqual([closed?.id, closed?.status, closed?.closedAt], [first.id, 'closed', at(30)]);
      assert.equal(await store().handoffs.close(first.id, at(31)), undefined, 'closing twice closes nothing');
      assert.equal(await store().handoffs.close('HT-19990101-0001', at(31)), undefined);
      assert.equal(await store().handoffs.claim(first.id, 'motcua1', at(32), true), undefined);
      assert.equal(await store().handoffs.findOpen(citizen), undefined);
      assert.deepEqual(await store().handoffs.listOpen(10), []);
      // The closing notice is still written to the closed hand-off's transcript.
      assert.equal(await store().handoffs.append(first.id, [{ at: at(33), from: 'bot', text: 'Đã kết thúc' }]), true);
      assert.equal((await store().handoffs.get(first.id))?.status, 'closed');
      const second = await store().handoffs.open(request);
      assert.equal(second.created, true);
      assert.notEqual(second.record.id, first.id);
    });

    it('lists open hand-offs, waiting and engaged, oldest first (the desk queue) and honours the limit', async () => {
      const first = (await store().handoffs.open({ ...request, userId: 'u-a' })).record;
      const closed = (await store().handoffs.open({ ...request, userId: 'u-b' })).record;
      const third = (await store().handoffs.open({ ...request, userId: 'u-c' })).record;
      await store().handoffs.close(closed.id, at(40));
      await store().handoffs.claim(third.id, 'motcua1', at(41), false);
      assert.deepEqual((await store().handoffs.listOpen(10)).map((h) => [h.id, h.status]), [[first.id, 'waiting'], [third.id, 'engaged']]);
      assert.deepEqual((await store().handoffs.listOpen(1)).map((h) => h.id), [first.id]);
      await assert.rejects(store().handoffs.listOpen(0), RangeError);
    });

    it('keeps empty text, as from a sticker-only message', async () => {
      const { record } = await store().handoffs.open({ ...request, reason: '', transcript: [{ at: at(0), from: 'citizen', text: '' }] });
      assert.deepEqual(await store().handoffs.transcript(record.id, 5), [{ at: at(0), from: 'citizen', text: '' }]);
      assert.equal(record.reason, '');
      await store().unanswered.add({ ...citizen, text: '', intent: '', confidence: 0 });
      assert.deepEqual((await store().unanswered.list(1)).map(({ createdAt, ...r }) => r), [
        { ...citizen, text: '', intent: '', confidence: 0 },
      ]);
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
