import { trusted } from 'mongoose';
import { mergeDossier } from '../dossier-merge';
import type { DossierInput, DossierRecord, DossierRepository, DossierUpsertResult, ReturnMethod, SubmissionChannel } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import type { DossierDoc, DossierModels, DossierWatcherDoc } from './dossier-models';
import { createMongoDossierReport } from './dossier-report';

// Each retry follows a lost race with another writer of the same code; a handful covers any realistic interleaving.
const UPSERT_ATTEMPTS = 5;

/**
 * DossierRepository on MongoDB. Without a replica set there are no multi-document transactions, so each upsert is a
 * compare-and-set on the stored version (updatedAt + status) and a batch is applied record by record, in order.
 */
export function createMongoDossierRepository(models: DossierModels, now: Clock = systemClock): DossierRepository {
  const { dossiers, watchers } = models;

  async function upsertOne(input: DossierInput): Promise<DossierUpsertResult> {
    for (let attempt = 1; ; attempt++) {
      const doc = await dossiers.findById(input.code).lean<DossierDoc>();
      const merge = mergeDossier(doc ? toRecord(doc) : undefined, input);
      if (merge.outcome === 'ignored') return { outcome: 'ignored', record: merge.record };
      const { code, ...fields } = toFields(merge.record);
      try {
        if (!doc) {
          await dossiers.insertOne({ _id: code, ...fields, history: merge.statusChange ? [merge.statusChange] : [] });
          return { outcome: merge.outcome, record: merge.record };
        }
        const update = merge.statusChange ? { $set: fields, $push: { history: merge.statusChange } } : { $set: fields };
        const result = await dossiers.updateOne({ _id: code, updatedAt: doc.updatedAt, status: doc.status }, update);
        if (result.matchedCount === 1) return { outcome: merge.outcome, record: merge.record };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      if (attempt >= UPSERT_ATTEMPTS) throw new Error(`Dossier ${input.code} kept changing under the upsert; retry later`);
    }
  }

  return {
    async list(filter) {
      const query: Record<string, unknown> = {};
      const status: Record<string, unknown> = {};
      if (filter.statuses?.length) status.$in = [...filter.statuses];
      if (filter.open?.closedStatuses.length) status.$nin = [...filter.open.closedStatuses];
      if (Object.keys(status).length) query.status = status;
      if (filter.procedure !== undefined) query.procedure = filter.procedure;
      if (filter.unit !== undefined) query.unit = filter.unit;
      const due: Record<string, Date> = {};
      if (filter.dueFrom) due.$gte = filter.dueFrom;
      if (filter.dueBefore) due.$lt = filter.dueBefore;
      if (Object.keys(due).length) query.dueAt = due;
      const sort: Record<string, 1 | -1> = filter.order === 'due' ? { dueAt: 1, _id: 1 } : { receivedAt: -1, _id: 1 };
      const [total, docs] = await Promise.all([
        dossiers.countDocuments(query),
        dossiers.find(query, { history: 0 }).sort(sort).skip(filter.offset).limit(filter.limit).lean<DossierDoc[]>(),
      ]);
      return { total, records: docs.map(toRecord) };
    },
    upsert: upsertOne,
    async upsertMany(inputs) {
      const results: DossierUpsertResult[] = [];
      for (const input of inputs) results.push(await upsertOne(input));
      return results;
    },
    async get(code) {
      const doc = await dossiers.findById(code).lean<DossierDoc>();
      return doc ? toRecord(doc) : undefined;
    },
    async history(code) {
      const doc = await dossiers.findById(code, { history: 1 }).lean<Pick<DossierDoc, 'history'>>();
      return (doc?.history ?? []).map((h) => ({ status: h.status, at: h.at }));
    },
    report: createMongoDossierReport(dossiers),
    async watch(code, watcher) {
      await watchers.updateOne(
        { code, channel: watcher.channel, userId: watcher.userId },
        { $set: { locale: watcher.locale }, $setOnInsert: { createdAt: now() } },
        { upsert: true },
      );
    },
    async unwatch(code, user) {
      await watchers.deleteOne({ code, channel: user.channel, userId: user.userId });
    },
    async watchers(code) {
      const docs = await watchers.find({ code }).sort({ createdAt: 1, channel: 1, userId: 1 }).lean<DossierWatcherDoc[]>();
      return docs.map((d) => ({ channel: d.channel, userId: d.userId, locale: d.locale }));
    },
    async purgeWatchersOlderThan(before) {
      return (await watchers.deleteMany({ createdAt: trusted({ $lt: before }) })).deletedCount;
    },
    async exportUser(user) {
      const docs = await watchers.find({ channel: user.channel, userId: user.userId }).sort({ createdAt: 1, code: 1 }).lean<DossierWatcherDoc[]>();
      return docs.map((d) => ({ watches: d.code, locale: d.locale, since: d.createdAt }));
    },
    async eraseUser(user) {
      return (await watchers.deleteMany({ channel: user.channel, userId: user.userId })).deletedCount;
    },
  };
}


function toFields(r: DossierRecord) {
  return {
    code: r.code,
    procedure: r.procedure,
    status: r.status,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    completedAt: r.completedAt ?? null,
    updatedAt: r.updatedAt,
    statusChangedAt: r.statusChangedAt,
    submission: r.submission ?? null,
    returnMethod: r.returnMethod ?? null,
    unit: r.unit ?? null,
    note: r.note ?? null,
    applicantMasked: r.applicantMasked,
    phoneLast4: r.phoneLast4,
  };
}

function toRecord(d: DossierDoc): DossierRecord {
  const record: DossierRecord = {
    code: d._id,
    procedure: d.procedure,
    status: d.status,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    updatedAt: d.updatedAt,
    statusChangedAt: d.statusChangedAt,
    applicantMasked: d.applicantMasked,
    phoneLast4: d.phoneLast4,
  };
  if (d.completedAt) record.completedAt = d.completedAt;
  if (d.submission) record.submission = d.submission as SubmissionChannel;
  if (d.returnMethod) record.returnMethod = d.returnMethod as ReturnMethod;
  if (d.unit) record.unit = d.unit;
  if (d.note) record.note = d.note;
  return record;
}
