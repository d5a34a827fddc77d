import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startAssistant, uniqueRedisPrefix, type RunningAssistant } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One chat message (as if forwarded for `address`); answers the status and Retry-After. */
async function post(url: string, address?: string): Promise<{ status: number; retryAfter: number; code?: string }> {
  const res = await fetch(`${url}/webhooks/rest/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify({ sender: `s-${randomUUID()}`, message: 'xin chào' }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after')), code: body.error?.code };
}

async function statuses(url: string, count: number, address?: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await post(url, address)).status);
  return out;
}

describe('Chat rate limit per client address (CHAT_RATE_LIMIT_PER_MINUTE)', () => {
  describe('without TRUST_PROXY', () => {
    let server: RunningAssistant;
    before(async () => {
      server = await startAssistant({ CHAT_RATE_LIMIT_PER_MINUTE: '5' });
    });
    after(() => server.close());

    it('answers 429 with Retry-After past the limit, whatever address the caller claims', async () => {
      assert.deepEqual(await statuses(server.url, 5), [200, 200, 200, 200, 200]);
      const refused = await post(server.url, '203.0.113.50');
      assert.equal(refused.status, 429);
      assert.equal(refused.code, 'too_many_requests');
      assert.ok(refused.retryAfter >= 1 && refused.retryAfter <= 60, String(refused.retryAfter));
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
    let server: RunningAssistant;
    before(async () => {
      server = await startAssistant({ CHAT_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
    });
    after(() => server.close());

    it('counts each forwarded client on its own, and an IPv6 client by its /64', async () => {
      assert.deepEqual(await statuses(server.url, 4, '203.0.113.1'), [200, 200, 200, 429]);
      assert.deepEqual(await statuses(server.url, 1, '203.0.113.2'), [200]);
      assert.deepEqual(await statuses(server.url, 2, '2001:db8:1:2::1'), [200, 200]);
      assert.deepEqual(await statuses(server.url, 2, '2001:db8:1:2:ffff::9'), [200, 429], 'same /64');
      assert.deepEqual(await statuses(server.url, 1, '2001:db8:1:3::1'), [200]);
    });
  });

  it('is off at 0 (load tests, evaluation runs)', async () => {
    const server = await startAssistant({ CHAT_RATE_LIMIT_PER_MINUTE: '0' });
    try {
      assert.ok((await statuses(server.url, 40)).every((s) => s === 200));
    } finally {
      await server.close();
    }
  });

  it('is shared by every instance through Redis', async () => {
    const env = { CHAT_RATE_LIMIT_PER_MINUTE: '4', REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix('chat-rate') };
    const a = await startAssistant(env);
    const b = await startAssistant(env);
    try {
      const seen = [...(await statuses(a.url, 2)), ...(await statuses(b.url, 2)), ...(await statuses(a.url, 1)), ...(await statuses(b.url, 1))];
      assert.deepEqual(seen, [200, 200, 200, 200, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
