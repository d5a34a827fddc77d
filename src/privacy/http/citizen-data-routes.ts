/**
 * POST /api/admin/citizen-data/export and /erase (admin): one citizen's data request, body `{"channel", "userId"}`.
 * POST, not GET with a query: the citizen's id stays out of URLs, proxies' access logs and browser history.
 */
import { Router } from 'express';
import { z } from 'zod';
import { actorName, currentStaff } from '../../admin/actor';
import type { AdminAuth } from '../../admin/auth-middleware';
import { jsonBody } from '../../admin/routes/json-body';
import { validate } from '../../admin/validate';
import type { CitizenDataService } from '../citizen-data';

const Request = z.strictObject(
  {
    channel: z.string({ error: 'must be a channel name such as zalo' }).trim().min(1, 'must not be empty').max(64, 'is too long'),
    userId: z.string({ error: 'must be the user id as the channel knows it' }).min(1, 'must not be empty').max(512, 'is too long'),
  },
  { error: 'must be a JSON object' },
);

export interface CitizenDataRoutesDeps {
  service: CitizenDataService;
  auth: AdminAuth;
}

export function createCitizenDataRoutes(deps: CitizenDataRoutesDeps): Router {
  const router = Router();
  const guard = [deps.auth.requireRole('admin'), jsonBody] as const;
  router.post('/api/admin/citizen-data/export', ...guard, async (req, res) => {
    const user = validate(Request, req.body);
    const result = await deps.service.export(user, actorName(currentStaff(res)));
    res.set('cache-control', 'no-store').json(result);
  });
  router.post('/api/admin/citizen-data/erase', ...guard, async (req, res) => {
    const user = validate(Request, req.body);
    const result = await deps.service.erase(user, actorName(currentStaff(res)));
    res.set('cache-control', 'no-store').json(result);
  });
  return router;
}
