import { trusted } from 'mongoose';
import { formatDayReference, HANDOFF_REFERENCE_PREFIX, referenceDay } from '../day-reference';
import { handoffMessage, handoffRecord } from '../handoff-shape';
import { assertListLimit } from '../list-limit';
import type { HandoffMessage, HandoffRecord, HandoffRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import { nextDailySequence } from './daily-counter';
import type { HandoffDoc, HandoffMessageDoc, MongoModels } from './models';

type Models = Pick<MongoModels, 'handoffs' | 'handoffMessages' | 'counters'>;

/** Matches the hand-off `id` while it is open. */
const openOne = (id: string): Record<string, unknown> => ({ _id: id, open: true });

/** HandoffRepository on MongoDB, mirroring SQLite: a partial unique index keeps one open hand-off per channel user. */
export function createMongoHandoffRepository(models: Models, now: Clock = systemClock): HandoffRepository {
  const { handoffs, handoffMessages, counters } = models;
  const findOpen = (channel: string, userId: string) => handoffs.findOne({ channel, userId, open: true }).lean<HandoffDoc>();

  async function append(id: string, messages: readonly HandoffMessage[]): Promise<boolean> {
    const last = messages.at(-1);
    if (!last) return (await handoffs.exists({ _id: id })) !== null;
    // The line numbers and the summary move together in one atomic update; $max keeps times moving forward.
    const latest: Record<string, Date> = {};
    for (const m of messages) {
      const field = m.from === 'citizen' ? 'citizenWroteAt' : m.from === 'officer' ? 'officerWroteAt' : undefined;
      if (field && (!latest[field] || m.at > latest[field])) latest[field] = m.at;
    }
    const update = { $inc: { lines: messages.length }, $set: { lastMessage: last.text }, ...(Object.keys(latest).length ? { $max: latest } : {}) };
    const doc = await handoffs.findOneAndUpdate({ _id: id }, update, { returnDocument: 'after' }).lean<HandoffDoc>();
    if (!doc) return false;
    if (latest.officerWroteAt) await handoffs.updateOne({ _id: id, status: 'waiting' }, { $set: { status: 'engaged' } });
    const first = doc.lines - messages.length + 1;
    await handoffMessages.insertMany(messages.map((m, i) => ({ handoffId: id, seq: first + i, ...m })));
    return true;
  }

  return {
    async open(input) {
      const existing = await findOpen(input.channel, input.userId);
      if (existing) return { record: toRecord(existing), created: false };
      const createdAt = now();
      const day = referenceDay(createdAt);
      const sequence = await nextDailySequence(counters, 'handoff', day);
      const id = formatDayReference(HANDOFF_REFERENCE_PREFIX, day, sequence);
      const { channel, userId, locale, reason } = input;
      try {
        await handoffs.insertOne({ _id: id, day, sequence, channel, userId, locale, reason, status: 'waiting', open: true, createdAt, lastMessage: '', lines: 0 });
      } catch (err) {
        // Another open for this user won the race (a gap in the day's numbers, never a duplicate): answer theirs.
        const winner = isDuplicateKeyError(err) ? await findOpen(channel, userId) : null;
        if (winner) return { record: toRecord(winner), created: false };
        throw err;
      }
      await append(id, input.transcript);
      return { record: toRecord((await handoffs.findById(id).lean<HandoffDoc>())!), created: true };
    },
    async findOpen(user) {
      const doc = await findOpen(user.channel, user.userId);
      return doc ? toRecord(doc) : undefined;
    },
    async get(id) {
      const doc = await handoffs.findById(id).lean<HandoffDoc>();
      return doc ? toRecord(doc) : undefined;
    },
    async transcript(id, limit) {
      assertListLimit(limit);
      const docs = await handoffMessages.find({ handoffId: id }).sort({ seq: -1 }).limit(limit).lean<HandoffMessageDoc[]>();
      return docs.reverse().map((d) => handoffMessage({ at: d.at, from: d.from, text: d.text, officer: d.officer, failure: d.failure }));
    },
    append,
    async claim(id, officer, at, takeOver) {
      const filter = takeOver ? openOne(id) : { ...openOne(id), claimedBy: trusted({ $in: [null, officer] }) };
      const before = await handoffs
        .findOneAndUpdate(filter, { $set: { status: 'engaged', claimedBy: officer } }, { returnDocument: 'before' })
        .lean<HandoffDoc>();
      if (!before) return undefined;
      // The first claim by this officer starts their time with it; a repeated claim keeps it.
      if (before.claimedBy !== officer) await handoffs.updateOne({ _id: id, claimedBy: officer }, { $set: { claimedAt: at } });
      return toRecord((await handoffs.findById(id).lean<HandoffDoc>())!);
    },
    async close(id, at) {
      const doc = await handoffs
        .findOneAndUpdate(openOne(id), { $set: { status: 'closed', open: false, closedAt: at } }, { returnDocument: 'after' })
        .lean<HandoffDoc>();
      return doc ? toRecord(doc) : undefined;
    },
    async listOpen(limit) {
      assertListLimit(limit);
      const docs = await handoffs.find({ open: true }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<HandoffDoc[]>();
      return docs.map(toRecord);
    },
    async exportUser(user) {
      const docs = await handoffs.find({ channel: user.channel, userId: user.userId }).sort({ createdAt: 1, _id: 1 }).lean<HandoffDoc[]>();
      return Promise.all(
        docs.map(async (d) => {
          const lines = await handoffMessages.find({ handoffId: d._id }).sort({ seq: 1 }).lean<HandoffMessageDoc[]>();
          return { ...toRecord(d), transcript: lines.map((m) => handoffMessage({ at: m.at, from: m.from, text: m.text, officer: m.officer, failure: m.failure })) };
        }),
      );
    },
    async eraseUser(user) {
      const ids = (await handoffs.find({ channel: user.channel, userId: user.userId }, { _id: 1 }).lean<Pick<HandoffDoc, '_id'>[]>()).map((d) => d._id);
      return eraseWithLines(ids);
    },
    async purgeOlderThan(before) {
      const ids = (await handoffs.find(trusted({ open: false, closedAt: { $lt: before } }), { _id: 1 }).lean<Pick<HandoffDoc, '_id'>[]>()).map((d) => d._id);
      return eraseWithLines(ids);
    },
  };

  /** Lines first, then their hand-offs: an interrupted erase leaves hand-offs to find again, never orphan lines. */
  async function eraseWithLines(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const lines = await handoffMessages.deleteMany({ handoffId: trusted({ $in: ids }) });
    const records = await handoffs.deleteMany({ _id: trusted({ $in: ids }) });
    return lines.deletedCount + records.deletedCount;
  }
}

/**
 * Brings documents written before hand-offs had references and transcripts up to date (SQLite's migration 10 does the
 * same): open becomes waiting, the last message becomes the first transcript line. Their keys stay as they were.
 */
export async function upgradeOldHandoffs(models: Pick<MongoModels, 'handoffs' | 'handoffMessages'>): Promise<void> {
  const old = await models.handoffs.find({ open: trusted({ $exists: false }) }).lean<HandoffDoc[]>();
  for (const doc of old) {
    const wasOpen = (doc.status as string) === 'open';
    const lines = doc.lastMessage ? 1 : 0;
    if (lines) await models.handoffMessages.updateOne({ handoffId: doc._id, seq: 1 }, { $setOnInsert: { at: doc.createdAt, from: 'citizen', text: doc.lastMessage } }, { upsert: true });
    await models.handoffs.updateOne(
      { _id: doc._id, open: trusted({ $exists: false }) },
      { $set: { status: wasOpen ? 'waiting' : 'closed', open: wasOpen, locale: 'vi', lines, day: referenceDay(doc.createdAt), sequence: 0, ...(wasOpen ? {} : { closedAt: doc.createdAt }), ...(lines ? { citizenWroteAt: doc.createdAt } : {}) } },
    );
  }
}

function toRecord(d: HandoffDoc): HandoffRecord {
  return handoffRecord({
    id: d._id,
    channel: d.channel,
    userId: d.userId,
    locale: d.locale,
    reason: d.reason,
    status: d.status,
    createdAt: d.createdAt,
    lastMessage: d.lastMessage,
    citizenWroteAt: d.citizenWroteAt,
    officerWroteAt: d.officerWroteAt,
    claimedBy: d.claimedBy,
    claimedAt: d.claimedAt,
    closedAt: d.closedAt,
  });
}
