import assert from 'node:assert/strict';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import { replyToActivity, type Reply } from '../../src/bot/reply';
import { noteOutbox, Turn } from '../../src/bot/turn';
import { CollectingAdapter, type PendingReplies } from '../../src/channels/collecting-adapter';
import type { ParseResult } from '../../src/understanding/types';

class Adapter extends CollectingAdapter {
  turn(text: string, logic: (context: TurnContext) => Promise<void>): Promise<Reply[]> {
    return this.runTurn(this.inbound('test', 'citizen-1', { type: ActivityTypes.Message, text }), logic);
  }
}

const parse = (text: string): ParseResult => ({ text, intent: { name: 'greet', confidence: 1 }, entities: [], intent_ranking: [] });
const turnOn = (context: TurnContext) =>
  new Turn(context, parse(context.activity.text ?? ''), {}, () => ((key: string) => key) as never, () => {
    throw new Error('no dialogs here');
  });

describe('CollectingAdapter', () => {
  it("answers the bot's replies and what went through botbuilder (a dialog's prompt) in the order they were said", async () => {
    const adapter = new Adapter();
    let said: string[] = [];
    const replies = await adapter.turn('xin chào', async (context) => {
      const turn = turnOn(context);
      context.onSendActivities(async (_c, activities, next) => {
        for (const a of activities) if (a.type === ActivityTypes.Message && a.text) turn.said.push(a.text);
        return next();
      });
      await turn.say({ text: 'one', buttons: [{ title: 'Menu', payload: '/menu' }] });
      await context.sendActivity(replyToActivity({ text: 'prompt', buttons: [{ title: 'Huỷ', payload: '/cancel' }] }));
      await turn.say({ text: 'three', buttons: [] });
      said = turn.said;
    });
    assert.deepEqual(replies, [
      { text: 'one', buttons: [{ title: 'Menu', payload: '/menu' }] },
      { text: 'prompt', buttons: [{ title: 'Huỷ', payload: '/cancel' }] },
      { text: 'three' },
    ]);
    assert.deepEqual(said, ['one', 'prompt', 'three']);
  });

  it('hands what the logic throws to onTurnError, whose answer is the reply', async () => {
    const adapter = new Adapter();
    const seen: string[] = [];
    adapter.onTurnError = async (context, err) => {
      seen.push(err.message);
      await context.sendActivity('sorry');
    };
    const replies = await adapter.turn('x', async () => {
      throw new Error('broken');
    });
    assert.deepEqual(seen, ['broken']);
    assert.deepEqual(replies, [{ text: 'sorry' }]);
  });

  it('runs middleware when some is added, around the logic', async () => {
    const adapter = new Adapter();
    const order: string[] = [];
    adapter.use(async (_context, next) => {
      order.push('before');
      await next();
      order.push('after');
    });
    const replies = await adapter.turn('x', async (context) => {
      order.push('logic');
      await turnOn(context).say({ text: 'hi' });
    });
    assert.deepEqual(order, ['before', 'logic', 'after']);
    assert.deepEqual(replies, [{ text: 'hi' }]);
  });

  it("opens the answer with what waits for the citizen, asked after the turn unless the turn's read found nothing waiting", async () => {
    const asked: string[] = [];
    const pending: PendingReplies = async (user) => {
      asked.push(`${user.channel}/${user.userId}`);
      return [{ text: 'notice' }];
    };
    const adapter = new Adapter(pending);
    const logic = (waiting: boolean | undefined) => async (context: TurnContext) => {
      if (waiting !== undefined) noteOutbox(context, waiting);
      await turnOn(context).say({ text: 'answer' });
    };
    assert.deepEqual(await adapter.turn('x', logic(true)), [{ text: 'notice' }, { text: 'answer' }]);
    assert.deepEqual(await adapter.turn('x', logic(undefined)), [{ text: 'notice' }, { text: 'answer' }], 'a turn that read nothing');
    assert.equal(asked.length, 2);
    assert.deepEqual(await adapter.turn('x', logic(false)), [{ text: 'answer' }]);
    assert.deepEqual(asked, ['test/citizen-1', 'test/citizen-1'], 'not asked after a read that found nothing');
  });

  it('takes nothing that waits when the turn throws and no onTurnError answers', async () => {
    let asked = 0;
    const adapter = new Adapter(async () => {
      asked += 1;
      return [{ text: 'notice' }];
    });
    await assert.rejects(adapter.turn('x', async () => {
      throw new Error('broken');
    }), /broken/);
    assert.equal(asked, 0);
  });

  it('without a collecting adapter, a turn still says its replies through botbuilder', async () => {
    const sent: Partial<Activity>[] = [];
    const context = {
      turnState: new Map(),
      activity: { channelId: 'test', from: { id: 'c' }, text: 'x' },
      sendActivity: async (a: Partial<Activity>) => void sent.push(a),
    } as unknown as TurnContext;
    await turnOn(context).say({ text: 'hello' });
    assert.deepEqual(sent.map((a) => a.text), ['hello']);
  });
});
