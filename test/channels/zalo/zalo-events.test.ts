import assert from 'node:assert/strict';
import { readZaloEvent } from '../../../src/channels/zalo/zalo-events';
import { events, OA_ID } from './zalo-support';

const USER = '2468458835296197922';
const read = (body: Record<string, unknown>) => readZaloEvent(body, String(body.timestamp), OA_ID);

describe('reading Zalo events', () => {
  it('keeps ids as strings and never as numbers that lost digits', () => {
    const event = read(events.text(USER, 'xin chào'));
    assert.equal(event.kind === 'text' && event.userId, USER);
    // An unquoted 19-digit id has already lost its last digits in JSON.parse: such an event is not answered.
    const unquoted = JSON.parse(JSON.stringify(events.text(USER, 'x')).replace(`"${USER}"`, USER)) as Record<string, unknown>;
    assert.deepEqual(read(unquoted), { kind: 'ignored', name: 'user_send_text', reason: 'malformed' });
  });

  it('keys messages by msg_id and other events by name, user and timestamp', () => {
    const text = events.text(USER, 'xin chào', 1731904989482, '96d3cdf3af1504609a21');
    assert.deepEqual(read(text), { kind: 'text', userId: USER, key: '96d3cdf3af1504609a21', at: new Date(1731904989482), text: 'xin chào' });
    const follow = read(events.follow(USER, 'follow', 1731904994000));
    assert.deepEqual(follow, { kind: 'follow', userId: USER, key: `follow:${USER}:1731904994000`, at: new Date(1731904994000) });
  });

  it('reads coordinates given as strings or numbers, and refuses the wrong shapes seen in the wild', () => {
    const at = (lat: unknown, lon: unknown) => {
      const body = events.location(USER, '0', '0');
      (body.message as { attachments: { payload: { coordinates: unknown } }[] }).attachments[0].payload.coordinates = { latitude: lat, longitude: lon };
      const event = read(body);
      return event.kind === 'location' ? event.coordinates : 'not a location';
    };
    assert.deepEqual(at('21.5937', '105.8480'), { latitude: 21.5937, longitude: 105.848 });
    assert.deepEqual(at(21.5937, 105.848), { latitude: 21.5937, longitude: 105.848 });
    assert.deepEqual(at('-33.8688', '151.2093'), { latitude: -33.8688, longitude: 151.2093 });
    for (const [lat, lon] of [['91', '105'], ['21', '181'], ['', ''], ['0x15', '105'], ['21,59', '105,84'], [null, null], ['Infinity', '1']]) {
      assert.equal(at(lat, lon), undefined, `${lat}, ${lon}`);
    }
    const flat = events.location(USER, '0', '0');
    (flat.message as Record<string, unknown>).attachments = [];
    (flat.message as Record<string, unknown>).location = { latitude: '21.59', longitude: '105.84' };
    assert.deepEqual(read(flat), { kind: 'location', userId: USER, key: (flat.message as { msg_id: string }).msg_id, at: new Date(Number(flat.timestamp)), coordinates: undefined });
  });

  it('finds the citizen on the recipient side of echoes, and the officer\'s admin id', () => {
    const echo = read(events.echo(USER, 'Dạ', 'c0ffee00c0ffee00c0ff', '1234567890123456789'));
    assert.equal(echo.kind, 'echo');
    assert.equal(echo.kind === 'echo' && echo.userId, USER);
    assert.equal(echo.kind === 'echo' && echo.adminId, '1234567890123456789');
  });
});
