import { trusted } from 'mongoose';
import type { Account, AccountRepository, Role } from '../ports';
import { isDuplicateKeyError } from './connection';
import type { AccountDoc, MongoModels, SessionDoc } from './models';

/** AccountRepository (accounts and their sessions) on MongoDB. */
export function createMongoAccountRepository(accounts: MongoModels['accounts'], sessions: MongoModels['sessions']): AccountRepository {
  return {
    async count() {
      return accounts.countDocuments();
    },
    async find(username) {
      const doc = await accounts.findOne({ username }).lean<AccountDoc>();
      return doc ? toAccount(doc) : undefined;
    },
    async create(account) {
      const { username, passwordHash, roles, disabled, createdAt } = account;
      try {
        await accounts.insertOne({ username, passwordHash, roles: [...roles], disabled, createdAt });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    async update(username, change) {
      const fields: Partial<AccountDoc> = {};
      if (change.passwordHash !== undefined) fields.passwordHash = change.passwordHash;
      if (change.roles !== undefined) fields.roles = [...change.roles];
      if (change.disabled !== undefined) fields.disabled = change.disabled;
      if (Object.keys(fields).length > 0) await accounts.updateOne({ username }, { $set: fields });
    },
    async list() {
      const docs = await accounts.find().sort({ username: 1 }).lean<AccountDoc[]>();
      return docs.map(toAccount);
    },
    async addSession(session) {
      await sessions.insertOne({ _id: session.tokenHash, username: session.username, expiresAt: session.expiresAt });
    },
    async findSession(tokenHash, now) {
      const doc = await sessions.findOne({ _id: tokenHash, expiresAt: trusted({ $gt: now }) }).lean<SessionDoc>();
      return doc ? { tokenHash: doc._id, username: doc.username, expiresAt: doc.expiresAt } : undefined;
    },
    async removeSession(tokenHash) {
      await sessions.deleteOne({ _id: tokenHash });
    },
    async removeSessionsOf(username) {
      return (await sessions.deleteMany({ username })).deletedCount;
    },
  };
}

function toAccount(d: AccountDoc): Account {
  return {
    username: d.username,
    passwordHash: d.passwordHash,
    roles: [...d.roles] as Role[],
    disabled: d.disabled,
    createdAt: d.createdAt,
  };
}
