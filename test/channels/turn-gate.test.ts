import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import express from 'express';
import { DeliveryJournal } from '../../src/channels/delivery-journal';
import { beforeNextTurn, holdSlotFor, inTurnSlot, nextTurnSlot } from '../../src/channels/turn-gate';
import { Inbox } from '../../src/channels/inbox';
import { MenuMemory } from '../../src/channels/zalo/menu-memory';
import { ZaloAdapter } from '../../src/channels/zalo/zalo-adapter';
import { readZaloDelivery } from '../../src/channels/zalo/zalo-events';
import { createZaloRouter } from '../../src/channels/zalo/zalo-router';
import { createMemoryCoordination } from '../../src/coordination';
import { createLogger } from '../../src/ops/logger';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { translator } from '../support/locale';
import { APP_ID, events, OA_ID, OA_SECRET_KEY, userId, zaloMac } from './zalo/zalo-support';

const logger = createLogger('silent');

/**
 * The client runs in a worker thread, so it writes requests while the server's loop is held by a turn (a client on
 * the same loop could not). It keeps one warmed keep-alive connection per delivery it will send during a turn (a
 * connection the server has already accepted is read in the very next poll), sends the first deliveries at once,
 * then, each time a turn starts (shared[0] counts them), writes the next delivery and tells the server it is written
 * (shared[1]) while that turn still holds the loop.
 */
const CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const net = require('node:net');
const { port, first, duringTurns, shared } = workerData;
const flags = new Int32Array(shared);
const request = (r) => 'POST /webhooks/zalo HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\n' +
  'X-ZEvent-Signature: ' + r.signature + '\\r\\nContent-Length: ' + Buffer.byteLength(r.body) + '\\r\\n\\r\\n' + r.body;
const connect = () => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1', () => {
    socket.write('GET /warm-up HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n');
    socket.once('data', () => resolve(socket));
  });
});
(async () => {
  const sockets = await Promise.all([...first, ...duringTurns].map(connect));
  first.forEach((r, i) => sockets[i].write(request(r)));
  for (let turn = 0; turn < duringTurns.length; turn++) {
    Atomics.wait(flags, 0, turn); // until turn number turn + 1 has started
    await new Promise((written) => sockets[first.length + turn].write(request(duringTurns[turn]), written));
    Atomics.store(flags, 1, turn + 1);
    Atomics.notify(flags, 1);
  }
  parentPort.postMessage('sent');
  await new Promise((r) => setTimeout(r, 2000));
  sockets.forEach((s) => s.destroy());
})();
`;

describe('Turns of webhook deliveries and the acknowledgements', () => {
  let dir: string;
  let store: Store;
  let server: Server | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turn-gate-'));
    store = createSqliteStore(dir);
  });
  afterEach(async () => {
    if (server) await new Promise((r) => server!.close(r));
    server = undefined;
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const signed = (text: string) => {
    const body = JSON.stringify(events.text(userId(), text));
    return { text, body, signature: zaloMac(body, String(JSON.parse(body).timestamp)) };
  };

  it('keeps and answers every delivery that arrives while a turn holds the loop before the next turn starts', async () => {
    const shared = new SharedArrayBuffer(8);
    const flags = new Int32Array(shared);
    const order: string[] = [];
    const keptAtTurnStart: [number, number][] = [];
    const first = ['a1', 'a2', 'a3'].map(signed);
    const duringTurns = ['b1', 'b2', 'b3'].map(signed);
    const all = first.length + duringTurns.length;
    let turns = 0;
    let finished!: () => void;
    const allTurnsDone = new Promise<void>((r) => (finished = r));
    // The real door of every turn: the per-citizen lock and the dedupe in the store.
    const inbox = new Inbox(createMemoryCoordination(), store.seenEvents);
    type Delivery = { sender: { id: string }; message: { msg_id: string; text: string } };
    const journal = new DeliveryJournal({
      channel: 'zalo',
      journal: store.inboundJournal,
      logger,
      // A slow, CPU-bound turn: it holds the loop until the client has written another delivery meanwhile.
      process: async (delivery) => {
        const { sender, message } = delivery as Delivery;
        await inbox.deliver('zalo', sender.id, message.msg_id, () => turn(message.text));
      },
    });
    const turn = async (text: string) => {
      order.push(`turn ${text}`);
      turns++;
      const acknowledged = order.filter((e) => e.startsWith('ack')).length;
      keptAtTurnStart.push([(await store.inboundJournal.waiting()).zalo ?? 0, acknowledged - (turns - 1)]);
      Atomics.store(flags, 0, turns);
      Atomics.notify(flags, 0);
      const deadline = Date.now() + 10_000;
      while (turns <= duringTurns.length && Atomics.load(flags, 1) < turns) {
        assert.ok(Date.now() < deadline, 'the client writes during the turn');
        Atomics.wait(flags, 1, turns - 1, 100);
      }
      if (turns === all) finished();
    };
    const app = express();
    app.use(
      createZaloRouter({
        appId: APP_ID,
        oaSecretKey: OA_SECRET_KEY,
        maxEventAgeSeconds: 0,
        accept: async (body, delivery) => {
          await journal.accept(body, delivery);
          order.push(`ack ${(delivery as { message: { text: string } }).message.text}`);
        },
        chargeFailure: async () => {},
        logger,
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const worker = new Worker(CLIENT, { eval: true, workerData: { port: (server.address() as AddressInfo).port, first, duringTurns, shared } });
    try {
      await allTurnsDone;
      await journal.idle();
    } finally {
      await worker.terminate();
    }

    const acks = order.filter((e) => e.startsWith('ack')).map((e) => e.slice(4));
    const started = order.filter((e) => e.startsWith('turn')).map((e) => e.slice(5));
    assert.deepEqual(started, acks, 'turns start in the order the deliveries were acknowledged');
    assert.equal(started.length, all);
    // The client wrote b1 during the first turn, b2 during the second, b3 during the third: each is kept and
    // answered after that turn and before the next one takes the loop.
    const position = (entry: string) => order.indexOf(entry);
    for (let i = 0; i < duringTurns.length; i++) {
      const ack = position(`ack ${duringTurns[i].text}`);
      assert.ok(position(`turn ${started[i]}`) < ack && ack < position(`turn ${started[i + 1]}`), `${duringTurns[i].text} answered between turns ${i + 1} and ${i + 2}: ${order.join(', ')}`);
    }
    for (const [kept, expected] of keptAtTurnStart) assert.equal(kept, expected, 'every acknowledged delivery stays in the journal until its turn has run');
    assert.deepEqual(await store.inboundJournal.waiting(), {}, 'each is forgotten once handled');
  });

  it('reports how long each turn held the loop, up to its first wait', async () => {
    const slices: [string, number][] = [];
    const inbox = new Inbox(createMemoryCoordination(), store.seenEvents);
    const journal = new DeliveryJournal({
      channel: 'messenger',
      journal: store.inboundJournal,
      logger,
      onTurnSlice: (channel, seconds) => slices.push([channel, seconds]),
      // Through the real inbox, as in production: whatever the dedupe defers, the turn's CPU is counted.
      process: (delivery) =>
        inbox.deliver('messenger', 'psid-1', String((delivery as { n: number }).n), async () => {
          const until = performance.now() + 30;
          while (performance.now() < until);
          // Waiting on the network: the loop is free again, the slice has ended.
          await new Promise((r) => setTimeout(r, 1000));
        }),
    });
    await journal.accept('{"n":1}', { n: 1 });
    await journal.idle();
    await new Promise((r) => setImmediate(r));
    assert.equal(slices.length, 1);
    assert.equal(slices[0][0], 'messenger');
    assert.ok(slices[0][1] >= 0.03 && slices[0][1] < 1, `the busy part only: ${slices[0][1]} s`);
  });

  it('gives a turn that resumes from the network (its citizen\'s previous answer was being sent) a slot of its own', async () => {
    // Counts event-loop iterations: an immediate queued from the check phase runs in the next one.
    let iteration = 0;
    let ticker = setImmediate(function tick() {
      iteration++;
      ticker = setImmediate(tick);
    });
    const citizens = [userId(), userId(), userId(), userId()];
    const turns: { user: string; text: string; iteration: number }[] = [];
    const sends: { user: string; iteration: number }[] = [];
    // One platform answer releases every first send at once, as a poll phase reading several answers would.
    let answerSends!: () => void;
    const sendsAnswered = new Promise<void>((r) => (answerSends = r));
    const adapter = new ZaloAdapter({
      inbox: new Inbox(createMemoryCoordination(), store.seenEvents),
      sender: {
        send: async (user) => {
          sends.push({ user, iteration });
          await sendsAnswered;
          return { ok: true as const, messageIds: [] };
        },
        sentByUs: async () => false,
      },
      contacts: store.contacts,
      menus: new MenuMemory(store.state, 'zalo'),
      translator,
      logic: async (context) => {
        turns.push({ user: context.activity.from.id, text: context.activity.text ?? '', iteration });
        if (turns.length === citizens.length) setTimeout(answerSends, 50);
      },
      logger,
    });
    const journal = new DeliveryJournal({ channel: 'zalo', journal: store.inboundJournal, logger, process: (delivery) => adapter.handle(readZaloDelivery(delivery, OA_ID)) });
    try {
      for (const text of ['first', 'second']) {
        for (const user of citizens) {
          const body = events.text(user, text);
          await journal.accept(JSON.stringify(body), body);
        }
      }
      await journal.idle();
    } finally {
      clearImmediate(ticker);
    }
    for (const user of citizens) assert.deepEqual(turns.filter((t) => t.user === user).map((t) => t.text), ['first', 'second']);
    const seconds = turns.filter((t) => t.text === 'second').map((t) => t.iteration);
    assert.equal(new Set(seconds).size, citizens.length, `one resumed turn per iteration, not all in the one that read the answers: ${seconds.join(', ')}`);
    // Each answer is drawn and sent in a later slot than its turn ran in: acknowledgements get a poll phase between.
    turns.forEach((t, i) => assert.ok(sends[i].user === t.user && sends[i].iteration > t.iteration, `send ${i} after its turn's iteration`));
  });
  it('runs what an acknowledgement waits for (the journal\'s commit) ahead of what a turn deferred and of the next turn', async () => {
    const { client, order, close } = await committingPeer();
    try {
      const first = nextTurnSlot().then(() => {
        order.push('turn 1');
        client.write('delivery');
        // Like the SQLite dedupe: the turn goes on in the next check phase, after the poll phase that reads the request.
        setImmediate(() => order.push('turn 1 goes on'));
      });
      const second = nextTurnSlot().then(() => order.push('turn 2'));
      await Promise.all([first, second]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(order, ['turn 1', 'request read', 'commit', 'turn 1 goes on', 'turn 2']);
    } finally {
      await close();
    }
  });

  it('acknowledges a delivery that arrives while a turn goes on with what it deferred before the next turn starts', async () => {
    const { client, order, close } = await committingPeer();
    try {
      const first = nextTurnSlot().then(
        () =>
          new Promise<void>((done) => {
            order.push('turn 1');
            // As a webhook turn does: the dedupe's write defers it, and its understanding and dialog run in the next
            // check phase, while a delivery arrives; then its commit defers it once more.
            setImmediate(() => {
              order.push('turn 1 goes on');
              client.write('delivery');
              setImmediate(() => {
                order.push('turn 1 commits');
                done();
              });
            });
          }),
      );
      const second = nextTurnSlot().then(() => order.push('turn 2'));
      await Promise.all([first, second]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(order, ['turn 1', 'turn 1 goes on', 'request read', 'commit', 'turn 1 commits', 'turn 2']);
    } finally {
      await close();
    }
  });
});

/**
 * A connected pair of sockets whose far end, on reading, records 'request read' and asks for a 'commit' before the next
 * turn, as the journal does for a webhook: bytes the client writes during a turn are read in the very next poll phase.
 */
async function committingPeer(): Promise<{ client: net.Socket; order: string[]; close: () => Promise<void> }> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const client = net.connect((listener.address() as AddressInfo).port, '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  const peer = await accepted;
  const order: string[] = [];
  peer.on('data', () => {
    order.push('request read');
    beforeNextTurn(() => order.push('commit'));
  });
  const close = async () => {
    client.destroy();
    peer.destroy();
    await new Promise((resolve) => listener.close(resolve));
  };
  return { client, order, close };
}

describe('A turn waiting for its understanding in its slot (holdSlotFor)', () => {
  const iterations = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };

  it('starts no other turn until it goes on, then goes on in its slot, ahead of the turns waiting', async () => {
    const log: string[] = [];
    let answer!: (parse: string) => void;
    const understanding = new Promise<string>((resolve) => (answer = resolve));
    const first = nextTurnSlot().then(async () => {
      log.push('first starts');
      const parse = await holdSlotFor(understanding);
      log.push(`first goes on with ${parse}, in its slot: ${inTurnSlot()}`);
    });
    const second = nextTurnSlot().then(() => log.push(`second starts, in its slot: ${inTurnSlot()}`));
    await iterations(10);
    assert.deepEqual(log, ['first starts']);
    answer('its parse');
    await Promise.all([first, second]);
    assert.deepEqual(log, ['first starts', 'first goes on with its parse, in its slot: true', 'second starts, in its slot: true']);
  });

  it('goes on with the rejection in its slot, and the next turn starts after it', async () => {
    const log: string[] = [];
    const first = nextTurnSlot().then(async () => {
      await holdSlotFor(new Promise((_, reject) => setTimeout(() => reject(new Error('no worker')), 5))).catch((err: Error) => log.push(`first: ${err.message}, in its slot: ${inTurnSlot()}`));
    });
    const second = nextTurnSlot().then(() => log.push('second starts'));
    await Promise.all([first, second]);
    assert.deepEqual(log, ['first: no worker, in its slot: true', 'second starts']);
  });

  it('outside a slot is the promise itself', async () => {
    const waitingOn = Promise.resolve(1);
    assert.equal(holdSlotFor(waitingOn), waitingOn);
  });
});
