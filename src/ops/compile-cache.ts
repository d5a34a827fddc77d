/**
 * Imported first by src/main.ts, before any other module is loaded. On Node 22.1 and later, the code Node compiles for
 * each module is kept on disk between starts (`module.enableCompileCache`), so a restart reads it instead of compiling
 * ~1,500 modules again (docs/performance.md). Node keeps it under `NODE_COMPILE_CACHE` when that is set, otherwise in the
 * system's temporary folder; a folder it cannot write only costs the saving. Node 20 has no such cache: nothing happens.
 */
import nodeModule from 'node:module';

const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
enableCompileCache?.();
