/** What conversations leave for staff: feedback, open hand-offs, unanswered questions. */
import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/ports';
import { currentStaff } from '../actor';
import type { RecordAudit } from '../audit-trail';
import type { AdminAuth } from '../auth-middleware';
import { validate } from '../validate';
import { LimitQuery } from './list-query';

const HandoffPath = z.object({ id: z.string().trim().min(1, 'is required').max(128, 'is too long') });

/** What the record routes need. */
export interface RecordRoutesDeps {
  store: Pick<Store, 'feedback' | 'handoffs' | 'unanswered'>;
  auth: AdminAuth;
  audit: RecordAudit;
}

/** GET feedback, GET handoffs, POST handoffs/:id/close, GET unanswered. */
export function createRecordRoutes(deps: RecordRoutesDeps): Router {
  const { store, auth, audit } = deps;
  const router = Router();
  // Desk officers answer citizens; editors fix the content that made them write.
  const deskOrEditor = auth.requireRole('desk', 'editor');

  router.get('/api/admin/feedback', deskOrEditor, async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ feedback: await store.feedback.list(limit) });
  });

  router.get('/api/admin/handoffs', auth.requireRole('desk'), async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ handoffs: await store.handoffs.listOpen(limit) });
  });

  router.post('/api/admin/handoffs/:id/close', auth.requireRole('desk'), async (req, res) => {
    const { id } = validate(HandoffPath, req.params, 'path');
    // Closing is idempotent: the store does not say whether the id was open, and closing twice harms nothing.
    await store.handoffs.close(id);
    await audit(currentStaff(res), 'handoff.close', id);
    res.json({ ok: true });
  });

  router.get('/api/admin/unanswered', auth.requireRole('editor'), async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ unanswered: await store.unanswered.list(limit) });
  });

  return router;
}
