/** Content management (editor): reload the content files, replace the office directory from CSV. */
import express, { Router } from 'express';
import { HttpError } from '../../http/errors';
import type { KnowledgeHolder } from '../../knowledge';
import { currentStaff } from '../actor';
import type { RecordAudit } from '../audit-trail';
import type { AdminAuth } from '../auth-middleware';

/** Largest office CSV accepted (the real directory is a few hundred rows, well under this). */
export const MAX_OFFICES_CSV_BYTES = 2 * 1024 * 1024;

/** What the content routes need. */
export interface ContentRoutesDeps {
  knowledge: KnowledgeHolder;
  auth: AdminAuth;
  audit: RecordAudit;
}

/** POST /api/admin/content/reload and PUT /api/admin/offices. */
export function createContentRoutes(deps: ContentRoutesDeps): Router {
  const { knowledge, auth, audit } = deps;
  const router = Router();
  const editor = auth.requireRole('editor');

  router.post('/api/admin/content/reload', editor, async (_req, res) => {
    const result = knowledge.reload();
    await audit(currentStaff(res), 'content.reload', 'content', { ok: result.ok, errors: result.errors.length });
    // 422, not 4xx-error JSON: the editor needs the full problem list, and the previous content is still live.
    res.status(result.ok ? 200 : 422).json({ ok: result.ok, errors: result.errors });
  });

  router.put(
    '/api/admin/offices',
    editor,
    requireCsv,
    express.text({ type: 'text/csv', limit: MAX_OFFICES_CSV_BYTES }),
    async (req, res) => {
      const result = knowledge.importOfficesCsv(typeof req.body === 'string' ? req.body : '');
      const staff = currentStaff(res);
      if (!result.ok) {
        await audit(staff, 'offices.import', 'offices.csv', { ok: false, errors: result.errors.length });
        res.status(422).json({ ok: false, errors: result.errors });
        return;
      }
      const reload = result.reload ?? { ok: true, errors: [] };
      await audit(staff, 'offices.import', 'offices.csv', { ok: true, count: result.count, reloaded: reload.ok });
      // The file is valid and stored; `reload` says whether it is live yet (another content file may be broken).
      res.json({ ok: true, count: result.count, reload });
    },
  );

  return router;
}

const requireCsv: express.RequestHandler = (req, _res, next) => {
  if (!req.is('text/csv')) throw new HttpError('unsupported_media_type', 'Send the office directory with "Content-Type: text/csv"');
  next();
};
