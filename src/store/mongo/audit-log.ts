import { trusted, type QueryFilter } from 'mongoose';
import { assertListLimit } from '../list-limit';
import { SERVICE_ACTOR_PREFIXES, type AuditEntry, type AuditLog } from '../ports';
import type { AuditDoc, MongoModels } from './models';

/** AuditLog on MongoDB; `detail` stays a real sub-document so investigators can query it. */
export function createMongoAuditLog(model: MongoModels['audit']): AuditLog {
  return {
    async add(entry) {
      const doc: AuditDoc = { at: entry.at, actor: entry.actor, action: entry.action, target: entry.target };
      // The JSON round trip gives MongoDB exactly what SQLite keeps (Dates become strings, undefined vanishes).
      if (entry.detail !== undefined) doc.detail = JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>;
      await model.insertOne(doc);
    },
    async list(filter) {
      assertListLimit(filter.limit);
      const query: QueryFilter<AuditDoc> = {};
      if (filter.action !== undefined) query.action = filter.action;
      if (filter.target !== undefined) query.target = filter.target;
      if (filter.since !== undefined) query.at = trusted({ $gte: filter.since });
      const docs = await model.find(query).sort({ at: -1, _id: -1 }).limit(filter.limit).lean<AuditDoc[]>();
      return docs.map(toEntry);
    },
    async exportUser(user) {
      const docs = await model.find({ actor: `${user.channel}:${user.userId}` }).sort({ at: 1, _id: 1 }).lean<AuditDoc[]>();
      return docs.map(toEntry);
    },
    async eraseUser(user) {
      return (await model.deleteMany({ actor: `${user.channel}:${user.userId}` })).deletedCount;
    },
    async purgeOlderThan(before) {
      const service = SERVICE_ACTOR_PREFIXES.map((p) => new RegExp(`^${p}`));
      return (await model.deleteMany(trusted({ at: { $lt: before }, actor: { $nin: service } }))).deletedCount;
    },
  };
}

function toEntry(d: AuditDoc): AuditEntry {
  const entry: AuditEntry = { at: d.at, actor: d.actor, action: d.action, target: d.target };
  if (d.detail !== undefined && d.detail !== null) entry.detail = d.detail;
  return entry;
}
