import nock from 'nock';
import { API_BASE, sentAnswer } from '../channels/zalo/zalo-support';
import { fakeGraph } from './messenger';

/**
 * Zalo's and Facebook's send APIs at nock for announcement tests that take Redis away mid-delivery: Zalo's sends are
 * counted per recipient in `zalo`, Facebook's by `messenger()`. Once `hold.armed`, the next send to each platform is
 * answered only at `hold.release()`, so it is under way while Redis goes away. No other network but loopback from then
 * on. Call inside `before`.
 */
export function heldPlatformSends() {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const zalo = new Map<string, number>();
  const hold = { armed: false, zalo: undefined as Promise<void> | undefined, messenger: undefined as Promise<void> | undefined, release: () => {} };
  const released = new Promise<void>((resolve) => (hold.release = resolve));
  const held = (platform: 'zalo' | 'messenger'): Promise<void> | undefined => {
    if (!hold.armed || hold[platform]) return undefined;
    return (hold[platform] = released);
  };
  nock(API_BASE)
    .persist()
    .post('/v3.0/oa/message/cs')
    .reply(async (_uri, body) => {
      const to = (body as { recipient: { user_id: string } }).recipient.user_id;
      zalo.set(to, (zalo.get(to) ?? 0) + 1);
      await held('zalo');
      return [200, sentAnswer()];
    });
  const graph = fakeGraph(async (_call, n) => {
    await held('messenger');
    return [200, { recipient_id: 'psid', message_id: `m_sent_${n}` }];
  });
  const messenger = () => {
    const counts = new Map<string, number>();
    for (const m of graph.messages()) {
      const to = (m.recipient as { id: string }).id;
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  };
  return { zalo, hold, messenger };
}
