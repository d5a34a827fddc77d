import { Schema, trusted, type Connection } from 'mongoose';
import { RECENT_LINE_WINDOW, type ChannelUser, type RecentLine, type RecentLineStore } from '../ports';
import { initialised } from './models';

/**
 * The last lines of one conversation: `_id` is `<channel>/<userId>` (as contacts'), so an append is one upsert with
 * no unique-index race; `lastAt` is the newest line's time, by which the whole window ages.
 */
export interface RecentLinesDoc {
  _id: string;
  channel: string;
  userId: string;
  lines: RecentLine[];
  lastAt: Date;
}

const lineSchema = new Schema<RecentLine>({ at: { type: Date, required: true }, from: { type: String, required: true }, text: { type: String, required: true } }, { _id: false });
const recentLinesSchema = new Schema<RecentLinesDoc>(
  {
    _id: String,
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    lines: { type: [lineSchema], default: [] },
    lastAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The age sweep (docs/personal-data.md); a citizen's export and erasure find the document by `_id`.
recentLinesSchema.index({ lastAt: 1 });

/** The recent-lines model bound to `conn`, with its index in place. */
export async function createRecentLinesModel(conn: Connection) {
  return (await initialised({ recentLines: conn.model('RecentLines', recentLinesSchema, 'conversationLines') })).recentLines;
}

export type RecentLinesModel = Awaited<ReturnType<typeof createRecentLinesModel>>;

const idOf = (user: ChannelUser) => `${user.channel}/${user.userId}`;
const plain = (line: RecentLine): RecentLine => ({ at: line.at, from: line.from, text: line.text });

/** RecentLineStore on MongoDB: one document per conversation, appended with `$push` … `$slice` (the window trimmed in the same update). */
export function createMongoRecentLines(model: RecentLinesModel): RecentLineStore {
  return {
    async recent(user, limit) {
      if (limit <= 0) return [];
      const doc = await model.findById(idOf(user), { lines: { $slice: -limit } }).lean<Pick<RecentLinesDoc, 'lines'>>();
      return (doc?.lines ?? []).map(plain);
    },
    async append({ user, lines }) {
      if (lines.length === 0) return;
      const lastAt = new Date(Math.max(...lines.map((l) => l.at.getTime())));
      await model.updateOne(
        { _id: idOf(user) },
        {
          $push: { lines: { $each: lines.map(plain), $slice: -RECENT_LINE_WINDOW } },
          $max: { lastAt },
          $setOnInsert: { channel: user.channel, userId: user.userId },
        },
        { upsert: true },
      );
    },
    async exportUser(user) {
      const doc = await model.findById(idOf(user)).lean<RecentLinesDoc>();
      return (doc?.lines ?? []).map(plain);
    },
    async eraseUser(user) {
      const doc = await model.findOneAndDelete({ _id: idOf(user) }).lean<RecentLinesDoc>();
      return doc?.lines.length ?? 0;
    },
    async purgeOlderThan(before) {
      // Counted in lines, like SQLite's rows (a conversation that wrote again between the two steps keeps its lines).
      const old = await model.aggregate<{ _id: string; n: number }>([{ $match: { lastAt: { $lt: before } } }, { $project: { n: { $size: '$lines' } } }]);
      if (old.length === 0) return 0;
      await model.deleteMany(trusted({ _id: { $in: old.map((d) => d._id) }, lastAt: { $lt: before } }));
      return old.reduce((n, d) => n + d.n, 0);
    },
  };
}
