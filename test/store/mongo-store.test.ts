import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { createMongoStore } from '../../src/store/mongo';
import { describeClockedStoreContract, describeStoreContract } from './store-contract';

// Only the test environment reads MONGODB_URI directly; the program reads it through config.ts.
const uri = process.env.MONGODB_URI;

if (uri) {
  let dbName = '';
  const freshDbName = () => (dbName = `assistant_test_${randomUUID().slice(0, 8)}`);

  // Each test gets its own database, dropped afterwards through a separate connection.
  const dropTestDatabase = async () => {
    const conn = await mongoose.createConnection(uri, { dbName }).asPromise();
    try {
      await conn.dropDatabase();
    } finally {
      await conn.close();
    }
  };

  describeStoreContract('mongodb', () => createMongoStore(uri, { dbName: freshDbName() }), dropTestDatabase);
  describeClockedStoreContract('mongodb', (now) => createMongoStore(uri, { dbName: freshDbName(), now }), dropTestDatabase);
} else {
  describe.skip('Store contract: mongodb (skipped: MONGODB_URI is unset)', () => {
    it('runs the shared store contract against MongoDB when MONGODB_URI is set', () => undefined);
  });
}
