/** GET /api/admin/labels: the words the staff console shows for ids (roles, channels, intents, procedures, errors). */
import { Router } from 'express';
import type { Translator } from '../../i18n/translator';
import type { KnowledgeHolder } from '../../knowledge';
import { DOSSIER_STATUSES } from '../../dossiers/statuses';

/** The top-level keys of content/locales/vi/console.json. */
const SECTIONS = ['roles', 'channels', 'intents', 'submission', 'returnMethod', 'importOutcomes', 'fields', 'fieldHints', 'errors', 'deliveries', 'zaloArticle'] as const;

/** What the labels route needs. */
export interface LabelsRoutesDeps {
  translator: Translator;
  knowledge: KnowledgeHolder;
}

/**
 * Open to anyone: the sign-in form needs the error words before there is a token, and nothing here is private
 * (procedure titles are public content). Built per request, so a content reload shows at once.
 */
export function createLabelsRoutes(deps: LabelsRoutesDeps): Router {
  const router = Router();
  router.get('/api/admin/labels', (_req, res) => {
    const t = deps.translator.forLocale('vi');
    const procedures = Object.fromEntries(deps.knowledge.current().listProcedures().map((p) => [p.id, p.title.vi]));
    const statuses = Object.fromEntries(DOSSIER_STATUSES.map((s) => [s, t(`dossier:status.${s}.label`)]));
    res.setHeader('Cache-Control', 'no-cache');
    const sections = Object.fromEntries(SECTIONS.map((section) => [section, t(`console:${section}`, { returnObjects: true })]));
    res.json({ ...sections, statuses, procedures });
  });
  return router;
}
