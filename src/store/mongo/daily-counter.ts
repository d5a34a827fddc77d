import { isDuplicateKeyError } from './connection';
import type { CounterDoc, MongoModels } from './models';

/** The next number of `name` for the Vietnamese day `day` (YYYYMMDD), from an atomic `$inc` on a counter document. */
export async function nextDailySequence(counters: MongoModels['counters'], name: string, day: string): Promise<number> {
  const bump = () =>
    counters.findOneAndUpdate({ _id: `${name}:${day}` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean<CounterDoc>();
  try {
    return (await bump())!.seq;
  } catch (err) {
    // Two first-of-the-day upserts can race to insert the counter; the loser simply increments the winner's.
    if (isDuplicateKeyError(err)) return (await bump())!.seq;
    throw err;
  }
}
