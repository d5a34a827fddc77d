import assert from 'node:assert/strict';
import { eventTime } from '../../src/channels/event-time';
import { readDelivery } from '../../src/channels/messenger/messenger-events';
import { readZaloEvent } from '../../src/channels/zalo/zalo-events';

describe('a platform event\'s time', () => {
  const now = new Date('2026-12-05T07:00:00Z');

  it('is the platform\'s own time when it is plausible', () => {
    assert.equal(eventTime(Date.parse('2026-12-05T06:59:10Z'), now).toISOString(), '2026-12-05T06:59:10.000Z');
    assert.equal(eventTime(Date.parse('2026-12-05T07:03:00Z'), now).toISOString(), '2026-12-05T07:03:00.000Z', 'a clock a little ahead');
  });

  it('is now when the field is missing, absurd, before the platforms existed or far ahead (found by the fuzz: 1e308 broke every write)', () => {
    for (const ms of [NaN, Infinity, 1e308, 9_999_999_999_999_999, -1, 0, 113, Date.parse('2027-01-01T00:00:00Z')]) {
      assert.equal(eventTime(ms, now), now, String(ms));
    }
  });

  it('is always a real date in what the Messenger and Zalo readers give, whatever the body says', () => {
    const messenger = readDelivery({ object: 'page', entry: [{ id: 'p1', messaging: [{ sender: { id: 'u1' }, recipient: { id: 'p1' }, timestamp: 1e308, message: { mid: 'm1', text: 'xin chào' } }] }] }, 'p1');
    assert.equal(messenger.length, 1);
    const zalo = readZaloEvent({ app_id: 'a', event_name: 'user_send_text', timestamp: '9999999999999999', sender: { id: 'u1' }, recipient: { id: 'oa' }, message: { msg_id: 'z1', text: 'xin chào' } }, '9999999999999999', 'oa');
    for (const event of [...messenger, zalo]) {
      assert.ok('at' in event, JSON.stringify(event));
      assert.doesNotThrow(() => (event as { at: Date }).at.toISOString());
    }
  });
});
