import { feedbackDay, formatFeedbackReference } from '../feedback-reference';
import { assertListLimit } from '../list-limit';
import type { FeedbackRecord, FeedbackRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import type { CounterDoc, FeedbackDoc, MongoModels } from './models';

/** FeedbackRepository on MongoDB; the daily sequence comes from an atomic `$inc` on a counter document. */
export function createMongoFeedbackRepository(
  feedback: MongoModels['feedback'],
  counters: MongoModels['counters'],
  now: Clock = systemClock,
): FeedbackRepository {
  async function nextSequence(day: string): Promise<number> {
    const bump = () =>
      counters
        .findOneAndUpdate({ _id: `feedback:${day}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean<CounterDoc>();
    try {
      return (await bump())!.seq;
    } catch (err) {
      // Two first-of-the-day upserts can race to insert the counter; the loser simply increments the winner's.
      if (isDuplicateKeyError(err)) return (await bump())!.seq;
      throw err;
    }
  }

  return {
    async add(input) {
      const createdAt = now();
      const day = feedbackDay(createdAt);
      const sequence = await nextSequence(day);
      // A failed insert leaves a gap in the day's numbers, never a duplicate.
      const record: FeedbackRecord = {
        reference: formatFeedbackReference(day, sequence),
        channel: input.channel,
        userId: input.userId,
        text: input.text,
        createdAt,
      };
      await feedback.insertOne({ ...record, day, sequence });
      return record;
    },
    async list(limit) {
      assertListLimit(limit);
      const docs = await feedback.find().sort({ createdAt: -1, day: -1, sequence: -1 }).limit(limit).lean<FeedbackDoc[]>();
      return docs.map((d) => ({
        reference: d.reference,
        channel: d.channel,
        userId: d.userId,
        text: d.text,
        createdAt: d.createdAt,
      }));
    },
  };
}
