import { Router } from 'express';

/** A named readiness check: resolves when the part works, throws with the reason when it does not. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** GET /healthz (the process answers) and GET /readyz (storage reachable, content loaded...). */
export function createHealthRouter(checks: ReadinessCheck[]): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return { name, ok: true as const };
        } catch (err) {
          return { name, ok: false as const, error: (err as Error).message };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  return router;
}
