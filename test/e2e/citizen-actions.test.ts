import assert from 'node:assert/strict';
import { chat, useAssistant } from '../support/server';

describe('citizen actions recorded in contacts (every channel, one place)', () => {
  const assistant = useAssistant();

  it('records each web-chat turn with the language in use', async () => {
    const user = { channel: 'rest', userId: 'contact-1' };
    const before = new Date();
    await chat(assistant().url, user.userId, 'xin chào');
    const first = await assistant().assistant.store.contacts.get(user);
    assert.equal(first?.locale, 'vi');
    assert.ok(first && first.lastInteractionAt >= new Date(before.getTime() - 1000) && first.lastInteractionAt <= new Date());

    await chat(assistant().url, user.userId, '/change_language{"language":"en"}');
    const second = await assistant().assistant.store.contacts.get(user);
    assert.equal(second?.locale, 'en', 'the language chosen in the turn is recorded');
    assert.ok(second!.lastInteractionAt >= first.lastInteractionAt);
    assert.deepEqual(second?.firstSeenAt, first.firstSeenAt);
  });
});
