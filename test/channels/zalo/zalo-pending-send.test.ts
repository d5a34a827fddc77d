import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { TurnContext } from 'botbuilder-core';
import nock from 'nock';
import { DeliveryJournal } from '../../../src/channels/delivery-journal';
import { API_BASE, deliver, eventually, events, sentAnswer, userId, useZaloAssistant } from './zalo-support';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * At 500 deliveries a second with Zalo answering in 2 s, ~1,000 sends wait at once, and whatever they keep alive is
 * promoted to the old generation and paid for in mark-compacts (docs/performance.md). A waiting send keeps its answer;
 * the turn's botbuilder objects and the parsed delivery must be garbage by then.
 */
describe('A Zalo answer waiting on Zalo\'s API', () => {
  const server = useZaloAssistant();

  it('keeps neither the turn\'s context and activities nor the parsed delivery', async () => {
    const made: { what: string; ref: WeakRef<object> }[] = [];
    // Every turn reads its context's turn state (the bot and the adapter collect its replies there): each context and
    // its activity are recorded the first time.
    const turnState = Object.getOwnPropertyDescriptor(TurnContext.prototype, 'turnState')!;
    const seen = new WeakSet<TurnContext>();
    Object.defineProperty(TurnContext.prototype, 'turnState', {
      ...turnState,
      get(this: TurnContext) {
        if (!seen.has(this)) {
          seen.add(this);
          made.push({ what: 'turn context', ref: new WeakRef(this) }, { what: 'activity', ref: new WeakRef(this.activity) });
        }
        return turnState.get!.call(this) as unknown;
      },
    });
    const accept = DeliveryJournal.prototype.accept;
    DeliveryJournal.prototype.accept = function (body, delivery) {
      made.push({ what: 'parsed delivery', ref: new WeakRef(delivery as object) });
      return accept.call(this, body, delivery);
    };
    let answerZalo: (() => void) | undefined;
    nock(API_BASE)
      .post('/v3.0/oa/message/cs')
      .reply((_uri, _body, callback) => {
        answerZalo = () => callback(null, [200, sentAnswer()]);
      });
    try {
      assert.equal((await deliver(server().url, events.text(userId(), 'làm tạm trú cần giấy tờ gì'))).status, 200);
      await eventually(() => answerZalo !== undefined, 'the answer on its way to Zalo');
    } finally {
      Object.defineProperty(TurnContext.prototype, 'turnState', turnState);
      DeliveryJournal.prototype.accept = accept;
    }
    // A WeakRef keeps its target until the job that made it ends: collect from a later one.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const kept = made.filter((m) => m.ref.deref() !== undefined).map((m) => m.what);
    answerZalo!();
    assert.deepEqual([...new Set(made.map((m) => m.what))].sort(), ['activity', 'parsed delivery', 'turn context']);
    assert.deepEqual(kept, [], 'still reachable while the send waits');
  });
});
