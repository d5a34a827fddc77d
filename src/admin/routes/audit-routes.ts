/** GET /api/admin/audit (admin): the trail of staff and integration writes, newest first. */
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../store/ports';
import type { AdminAuth } from '../auth-middleware';
import { validate } from '../validate';
import { Limit } from './list-query';

const AuditQuery = z.object({
  action: z.string().trim().min(1, 'must not be empty').max(128, 'is too long').optional(),
  target: z.string().trim().min(1, 'must not be empty').max(256, 'is too long').optional(),
  since: z.iso
    .datetime({ offset: true, error: 'must be an ISO-8601 date-time such as 2025-01-31T08:00:00+07:00' })
    .transform((s) => new Date(s))
    .optional(),
  limit: Limit,
});

/** What the audit route needs. */
export interface AuditRoutesDeps {
  audit: AuditLog;
  auth: AdminAuth;
}

/** GET /api/admin/audit?action=&target=&since=&limit= */
export function createAuditRoutes(deps: AuditRoutesDeps): Router {
  const router = Router();
  router.get('/api/admin/audit', deps.auth.requireRole('admin'), async (req, res) => {
    const filter = validate(AuditQuery, req.query, 'query');
    res.json({ entries: await deps.audit.list(filter) });
  });
  return router;
}
