/**
 * What only start-up needed (the model file read whole, parsed content, the warm-up's turns) is garbage once the
 * server listens, in an old generation that nothing collects while the process sits idle, and the young generation
 * stays at the size start-up grew it to (two 8 MB semi-spaces, ~16 MB resident, empty): V8's memory reducer did not
 * shrink either in 45 s of idling (docs/performance.md, "Memory round"). `src/main.ts` calls this once, a second after
 * listening, so it does not delay the first answers; `gc` exists when Node runs with --expose-gc, as `npm start` and
 * the image start it, and elsewhere this does nothing.
 *
 * - V8 12 and later (Node 22, 24): one "last resort" collection, V8's own for low memory: full collections until
 *   nothing more is freed (usually two), flagged to reduce the footprint, so V8 also shrinks the young generation to
 *   its initial 1 MB (it grows again with the load, up to the configured semi-space size) and returns the pages it
 *   pools for reuse. Idle RSS −19 to −20 MB against two plain full collections.
 * - Older V8 (Node 20) reads an options object as a request for a young-generation collection only: there, two plain
 *   full collections, as before. Two, because V8 frees dead array buffers (the 9 MB model file among them) while
 *   sweeping in the background and finishes at the next collection: after one, ~18 MB stayed resident in about half
 *   the starts.
 */
export function collectStartUpGarbage(gc: NodeJS.GCFunction | undefined = globalThis.gc, v8Version = process.versions.v8): void {
  if (!gc) return;
  if (Number(v8Version.split('.')[0]) >= 12) {
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } else {
    gc();
    gc();
  }
}
