import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStore } from '../../src/store';

describe('createStore', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-store-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the embedded SQLite store under dataDir when no MongoDB URI is given', async () => {
    const store = await createStore({ dataDir: dir });
    try {
      assert.equal(store.kind, 'sqlite');
      await store.ping();
      assert.ok(fs.existsSync(path.join(dir, 'assistant.sqlite')));
    } finally {
      await store.close();
    }
  });

  it('goes to MongoDB when a URI is given, and never falls back to SQLite', async () => {
    // The URI is malformed, so the MongoDB driver refuses it at once, without any network wait.
    await assert.rejects(createStore({ dataDir: dir, mongodbUri: 'mongodb://' }));
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
