/**
 * nock 15 intercepts through @mswjs/interceptors, which needs Node 22's Promise.withResolvers. Production runs
 * Node 22 or 24; this lets the same tests run on this machine's Node 20. Loaded first by .mocharc.json.
 */
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
