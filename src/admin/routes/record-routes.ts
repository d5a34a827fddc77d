/** What conversations leave for staff: feedback and unanswered questions (hand-offs have their own routes). */
import { Router } from 'express';
import type { Store } from '../../store/ports';
import type { AdminAuth } from '../auth-middleware';
import { validate } from '../validate';
import { LimitQuery } from './list-query';

/** What the record routes need. */
export interface RecordRoutesDeps {
  store: Pick<Store, 'feedback' | 'unanswered'>;
  auth: AdminAuth;
}

/** GET feedback, GET unanswered. */
export function createRecordRoutes(deps: RecordRoutesDeps): Router {
  const { store, auth } = deps;
  const router = Router();
  // Desk officers answer citizens; editors fix the content that made them write.
  const deskOrEditor = auth.requireRole('desk', 'editor');

  router.get('/api/admin/feedback', deskOrEditor, async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ feedback: await store.feedback.list(limit) });
  });

  router.get('/api/admin/unanswered', auth.requireRole('editor'), async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ unanswered: await store.unanswered.list(limit) });
  });

  return router;
}
