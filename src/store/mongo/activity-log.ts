import { Schema, trusted, type Connection } from 'mongoose';
import { activityDay } from '../activity-day';
import type { ActivityLog, DailyActivity, IntentCount } from '../ports';
import { initialised } from './models';

/** One counter per day, channel, intent and outcome; `_id` joins them so the `$inc` upsert needs no index race. */
interface TurnStatDoc {
  _id: string;
  day: string;
  channel: string;
  intent: string;
  answered: boolean;
  turns: number;
}

/** One citizen who wrote on one day on one channel. */
interface ConversationDayDoc {
  _id: string;
  day: string;
  channel: string;
  userId: string;
}

const turnStatSchema = new Schema<TurnStatDoc>(
  { _id: String, day: String, channel: String, intent: String, answered: Boolean, turns: Number },
  { versionKey: false },
);
turnStatSchema.index({ day: 1 });
const conversationDaySchema = new Schema<ConversationDayDoc>({ _id: String, day: String, channel: String, userId: String }, { versionKey: false });
conversationDaySchema.index({ day: 1, channel: 1 });
conversationDaySchema.index({ channel: 1, userId: 1 });

/** The activity models bound to `conn`, with their indexes in place. */
export async function createActivityModels(conn: Connection) {
  return initialised({
    turnStats: conn.model('TurnStat', turnStatSchema, 'turnStats'),
    conversationDays: conn.model('ConversationDay', conversationDaySchema, 'conversationDays'),
  });
}

export type ActivityModels = Awaited<ReturnType<typeof createActivityModels>>;

/** ActivityLog on MongoDB, the same counters as SQLite's turn_stats and conversation_days. */
export function createMongoActivityLog(models: ActivityModels): ActivityLog {
  const { turnStats, conversationDays } = models;
  return {
    async record(turn) {
      const day = activityDay(turn.at);
      const key = [day, turn.channel, turn.intent, turn.answered ? '1' : '0'].join('|');
      await turnStats.updateOne(
        { _id: key },
        { $inc: { turns: 1 }, $setOnInsert: { day, channel: turn.channel, intent: turn.intent, answered: turn.answered } },
        { upsert: true },
      );
      await conversationDays.updateOne({ _id: [day, turn.channel, turn.userId].join('|') }, { $setOnInsert: { day, channel: turn.channel, userId: turn.userId } }, { upsert: true });
    },
    async daily(fromDay, toDay) {
      const range = { day: { $gte: fromDay, $lte: toDay } };
      const [turns, people] = await Promise.all([
        turnStats.aggregate<{ _id: { day: string; channel: string }; questions: number; unanswered: number }>([
          { $match: range },
          { $group: { _id: { day: '$day', channel: '$channel' }, questions: { $sum: '$turns' }, unanswered: { $sum: { $cond: ['$answered', 0, '$turns'] } } } },
        ]),
        conversationDays.aggregate<{ _id: { day: string; channel: string }; conversations: number }>([
          { $match: range },
          { $group: { _id: { day: '$day', channel: '$channel' }, conversations: { $sum: 1 } } },
        ]),
      ]);
      const rows = new Map<string, DailyActivity>();
      const row = (day: string, channel: string) => {
        const key = `${day}|${channel}`;
        let found = rows.get(key);
        if (!found) rows.set(key, (found = { day, channel, conversations: 0, questions: 0, unanswered: 0 }));
        return found;
      };
      for (const t of turns) Object.assign(row(t._id.day, t._id.channel), { questions: t.questions, unanswered: t.unanswered });
      for (const p of people) row(p._id.day, p._id.channel).conversations = p.conversations;
      return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel));
    },
    async topIntents(fromDay, toDay, limit) {
      const docs = await turnStats.aggregate<{ _id: string; questions: number }>([
        { $match: { day: { $gte: fromDay, $lte: toDay }, answered: true } },
        { $group: { _id: '$intent', questions: { $sum: '$turns' } } },
        { $sort: { questions: -1, _id: 1 } },
        { $limit: limit },
      ]);
      return docs.map((d): IntentCount => ({ intent: d._id, questions: d.questions }));
    },
    async exportUser(user) {
      const docs = await conversationDays.find({ channel: user.channel, userId: user.userId }).sort({ day: 1 }).lean<ConversationDayDoc[]>();
      return docs.map((d) => ({ wroteOn: d.day, channel: d.channel }));
    },
    async eraseUser(user) {
      return (await conversationDays.deleteMany({ channel: user.channel, userId: user.userId })).deletedCount;
    },
    async purgeOlderThan(before) {
      // Whole days: a day is dropped once all of it is older than the cutoff.
      return (await conversationDays.deleteMany({ day: trusted({ $lt: activityDay(before) }) })).deletedCount;
    },
  };
}
