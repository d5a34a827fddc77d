import { FEEDBACK_REFERENCE_PREFIX, formatDayReference, referenceDay } from '../day-reference';
import { assertListLimit } from '../list-limit';
import type { FeedbackRecord, FeedbackRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenDocs } from './citizen-docs';
import { nextDailySequence } from './daily-counter';
import type { FeedbackDoc, MongoModels } from './models';

/** FeedbackRepository on MongoDB; the daily sequence comes from an atomic `$inc` on a counter document. */
export function createMongoFeedbackRepository(
  feedback: MongoModels['feedback'],
  counters: MongoModels['counters'],
  now: Clock = systemClock,
): FeedbackRepository {
  return {
    ...citizenDocs(feedback, { sort: { createdAt: 1, day: 1, sequence: 1 }, exported: toRecord }),
    async add(input) {
      const createdAt = now();
      const day = referenceDay(createdAt);
      const sequence = await nextDailySequence(counters, 'feedback', day);
      // A failed insert leaves a gap in the day's numbers, never a duplicate.
      const record: FeedbackRecord = {
        reference: formatDayReference(FEEDBACK_REFERENCE_PREFIX, day, sequence),
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
      return docs.map(toRecord);
    },
  };
}

function toRecord(d: FeedbackDoc): FeedbackRecord {
  return { reference: d.reference, channel: d.channel, userId: d.userId, text: d.text, createdAt: d.createdAt };
}
