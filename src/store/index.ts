import type { Store } from './ports';
import { createSqliteStore } from './sqlite';
import type { StoreOptions } from './store-options';

export * from './ports';
export type { Clock, StoreOptions } from './store-options';

/** Where the store lives: MongoDB when a URI is configured, else the embedded SQLite file under `dataDir`. */
export interface CreateStoreOptions extends StoreOptions {
  dataDir: string;
  mongodbUri?: string;
}

/** Opens the configured store; the composition root calls this once and closes it on shutdown. */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const { dataDir, mongodbUri, now, deferBackground } = options;
  if (!mongodbUri) return createSqliteStore(dataDir, { now, deferBackground });
  // Loaded only when configured: mongoose and its driver cost ~30 MB of memory and a second of start-up (docs/performance.md).
  const { createMongoStore } = require('./mongo') as typeof import('./mongo');
  return createMongoStore(mongodbUri, { now });
}
