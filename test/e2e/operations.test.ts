import assert from 'node:assert/strict';
import { chat, startAssistant, useAssistant } from '../support/server';

describe('operations endpoints', () => {
  const assistant = useAssistant();

  it('GET /metrics counts turns by intent and path, and requests by route pattern', async () => {
    await chat(assistant().url, 'metrics-1', 'xin chào');
    await chat(assistant().url, 'metrics-1', '/procedure_fee{"procedure":"tam-tru"}');
    const res = await fetch(`${assistant().url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /assistant_turns_total\{channel="rest",intent="greeting",path="route"\} 1/);
    assert.match(text, /assistant_turns_total\{channel="rest",intent="procedure_fee",path="route"\} 1/);
    assert.match(text, /assistant_http_request_duration_seconds_count\{method="POST",route="\/webhooks\/rest\/webhook",status="200"\} 2/);
    assert.match(text, /process_resident_memory_bytes/);
    assert.doesNotMatch(text, /metrics-1/, 'no user ids in metrics');
  });

  it('refuses /metrics to a non-local caller without a staff token', async () => {
    const res = await fetch(`${assistant().url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    assert.equal(res.status, 401);
  });
});

describe('readiness when storage is gone', () => {
  it('GET /readyz answers 503 naming the failing part, while /healthz still answers', async () => {
    const running = await startAssistant();
    try {
      await running.assistant.store.close();
      const ready = await fetch(`${running.url}/readyz`);
      assert.equal(ready.status, 503);
      const body = (await ready.json()) as { checks: { name: string; ok: boolean; error?: string }[] };
      assert.equal(body.checks.find((c) => c.name === 'storage')?.ok, false);
      assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
    } finally {
      await running.close().catch(() => undefined);
    }
  });
});
