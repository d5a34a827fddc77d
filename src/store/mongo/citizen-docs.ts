import { trusted, type Model } from 'mongoose';
import type { AgedRecords, PersonalDataHolder } from '../ports';

/** A collection of records about citizens, keyed by `channel` and `userId`, that age by `createdAt`. */
export interface CitizenCollection<Doc> {
  /** The export's order, oldest first. */
  sort: Record<string, 1>;
  /** One document as the citizen's export shows it. */
  exported: (doc: Doc) => object;
}

/**
 * A citizen's export and erasure, and the age purge, of such a collection (as src/store/sqlite/citizen-rows.ts). The
 * model type names the `id` virtual mongoose gives every model here, so each one passes as it is.
 */
export function citizenDocs<Doc>(model: Model<Doc, object, object, { id: string }>, spec: CitizenCollection<Doc>): PersonalDataHolder & AgedRecords {
  return {
    async exportUser(user) {
      const docs = await model.find({ channel: user.channel, userId: user.userId }).sort(spec.sort).lean<Doc[]>();
      return docs.map(spec.exported);
    },
    async eraseUser(user) {
      return (await model.deleteMany({ channel: user.channel, userId: user.userId })).deletedCount;
    },
    async purgeOlderThan(before) {
      return (await model.deleteMany({ createdAt: trusted({ $lt: before }) })).deletedCount;
    },
  };
}
