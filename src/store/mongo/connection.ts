import mongoose, { type Connection } from 'mongoose';

/** How to reach MongoDB beyond the URI. */
export interface MongoConnectionOptions {
  /** Overrides the database named in the URI (tests use a throwaway one). */
  dbName?: string;
}

/** Opens a dedicated mongoose Connection; the global default connection is never touched, so other modules cannot share or close it. */
export async function openMongoConnection(uri: string, options: MongoConnectionOptions = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName: options.dbName,
    // Fail a request quickly while MongoDB is down instead of queueing it for mongoose's 10 s buffer.
    bufferCommands: false,
    serverSelectionTimeoutMS: 10_000,
    // A username or token hash that arrives as `{ $ne: null }` must match nothing, not everything.
    sanitizeFilter: true,
  });
  try {
    await conn.asPromise();
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  return conn;
}

/** True for MongoDB's duplicate-key error, which is how unique indexes answer "already there". */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
