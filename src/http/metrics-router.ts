import { Router, type RequestHandler } from 'express';
import type { Metrics } from '../ops/metrics';

/** Times every request; the label is the matched route pattern, so ids in paths cannot explode the series. */
export function measureRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.observeRequest(req.method, route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}

/** GET /metrics in the Prometheus text format, behind `guard` (loopback scrapers, or staff with a token). */
export function createMetricsRouter(metrics: Metrics, guard: RequestHandler): Router {
  const router = Router();
  router.get('/metrics', guard, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
