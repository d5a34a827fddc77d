import type BetterSqlite3 from 'better-sqlite3';

/**
 * The better-sqlite3 build for this runtime. Version 12 runs on Node 20, but on Node 24.19+ it aborts the process
 * when the garbage collector frees one of its statements (node::ObjectWrap's new cleanup hooks; WiseLibs/better-sqlite3
 * #1515). Version 13 fixed that and needs Node 22, so npm installs it (an optional dependency under the alias
 * `better-sqlite3-13`) only on Node 22 and later, and this picks it there. Both have the same API.
 */
function driverModule(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) {
    try {
      return require.resolve('better-sqlite3-13');
    } catch (err) {
      throw new Error(`better-sqlite3 13 is not installed for Node ${process.version}: run \`npm ci\` with this Node (${(err as Error).message})`);
    }
  }
  return require.resolve('better-sqlite3');
}

/** The resolved module file of that build, for a worker thread that opens its own connection (checkpointer.ts). */
export const DRIVER_MODULE = driverModule();
export const Database = require(DRIVER_MODULE) as typeof BetterSqlite3;
export type Database = BetterSqlite3.Database;
