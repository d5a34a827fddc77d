import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { createHttpApp, createHttpServer } from '../../src/http/app';
import { createLogger } from '../../src/ops/logger';

describe('The HTTP server of the app', () => {
  it('creates each request and response with the app\'s prototypes, so Express need not change them as they enter', async () => {
    const router = Router();
    router.post('/echo', express.json(), (req, res) => {
      res.status(201).json({ got: (req.body as { text: string }).text, type: req.get('content-type') });
    });
    const app = createHttpApp({ logger: createLogger('silent'), routers: [router] });
    const server = createHttpServer(app);
    const born: boolean[] = [];
    // Runs before the app: what Node created, before Express touches it.
    server.prependListener('request', (req, res) => born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'xin chào' }) });
      assert.equal(res.status, 201);
      assert.deepEqual(await res.json(), { got: 'xin chào', type: 'application/json' });
      assert.match(res.headers.get('x-request-id') ?? '', /\S/, 'the app-wide middleware ran');
      assert.equal((await fetch(`${url}/nowhere`)).status, 404);
      assert.deepEqual(born, [true, true, true, true]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
