import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { PostError, postJson } from '../../../src/channels/outbound/post-json';

/** A real local server whose handler decides how (or whether) to answer. */
async function serve(handler: http.RequestListener): Promise<{ url: string; requests: () => number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  let connections = 0;
  const server = http.createServer((req, res) => {
    count++;
    handler(req, res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests: () => count,
    connections: () => connections,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<PostError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PostError, `expected a PostError, got ${String(err)}`);
    return err;
  }
  assert.fail('the POST was expected to fail');
}

describe('postJson: whether a failed POST may have reached the platform', () => {
  // Real sockets only: nock, once loaded by another test file, stands between http.request and the socket (its
  // requests are never "written" nor on a reused socket), and these tests are about exactly that.
  let nockWasActive = false;
  before(() => {
    nockWasActive = nock.isActive();
    if (nockWasActive) nock.restore();
  });
  after(() => {
    if (nockWasActive) nock.activate();
  });

  it('answers the JSON of a normal answer', async () => {
    const server = await serve((req, res) => req.resume().on('end', () => res.end('{"error":0}')));
    try {
      const answer = await postJson(server.url, { hello: 1 }, {}, 2000);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { error: 0 });
    } finally {
      await server.close();
    }
  });

  it('a request read in full but never answered may have arrived (it must not be sent again)', async () => {
    const server = await serve((req) => req.resume());
    try {
      // A second: long enough for the request to be written and read in full first, however busy the machine.
      const err = await rejection(postJson(server.url, { text: 'xin chào' }, {}, 1000));
      assert.match(err.message, /no answer within 1000 ms/);
      assert.equal(err.mayHaveArrived, true);
      assert.equal(server.requests(), 1);
    } finally {
      await server.close();
    }
  });

  it('a connection refused never reached anyone (safe to retry)', async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    await server.close();
    const err = await rejection(postJson(url, {}, {}, 2000));
    assert.equal(err.mayHaveArrived, false);
  });

  it('a kept-alive socket the server closes before answering is the documented safe retry, not a doubt', async () => {
    let seen = 0;
    const server = await serve((req, res) => {
      seen++;
      // The first request is answered on a kept-alive socket; the server drops that socket on the next one, as a
      // server does whose idle timeout ran out just as the request was leaving.
      if (seen === 1) req.resume().on('end', () => res.end('{}'));
      else req.socket.destroy();
    });
    try {
      await postJson(server.url, {}, {}, 2000);
      // The agent takes the socket back just after the answer ends: the next request must find it there.
      await new Promise((resolve) => setImmediate(resolve));
      const err = await rejection(postJson(server.url, {}, {}, 2000));
      assert.equal(err.mayHaveArrived, false);
    } finally {
      await server.close();
    }
  });

  it('an answer larger than 1 MiB is cut off instead of buffered, and counts as arrived', async () => {
    const server = await serve((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = 40; // 2.5 MiB in all
      const more = () => {
        while (left > 0) {
          left--;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    try {
      const err = await rejection(postJson(server.url, {}, {}, 5000));
      assert.match(err.message, /larger than 1048576 bytes/);
      assert.equal(err.mayHaveArrived, true);
    } finally {
      await server.close();
    }
  });

  it('keeps the connections of a burst of slow answers open for the next burst instead of opening new ones', async () => {
    // A platform answering slowly: each send of a burst holds its own connection until the whole burst is in.
    const burst = 300;
    let held: (() => void)[] = [];
    const server = await serve((req, res) =>
      req.resume().on('end', () => {
        held.push(() => res.end('{"error":0}'));
        if (held.length === burst) {
          const answers = held;
          held = [];
          answers.forEach((answer) => answer());
        }
      }),
    );
    try {
      for (let round = 0; round < 2; round++) {
        const answers = await Promise.all(Array.from({ length: burst }, () => postJson(server.url, { round }, {}, 5000)));
        assert.ok(answers.every((a) => a.status === 200));
      }
      assert.equal(server.requests(), 2 * burst);
      assert.equal(server.connections(), burst, 'the second burst reuses the first one\'s connections');
    } finally {
      await server.close();
    }
  });
});
