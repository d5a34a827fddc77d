/** GET /thong-bao: the announcements sent to citizens, as a plain public page (titles, dates, texts; nobody's data). */
import { Router } from 'express';
import type { TFunction } from 'i18next';
import { formatVietnamDate } from '../../dossiers/format-date';
import { escapeHtml } from '../../http/escape-html';
import { STRICT_CONTENT_SECURITY_POLICY } from '../../http/static-page';
import type { Announcement, AnnouncementRepository } from '../../store/ports';

export const PUBLIC_PAGE_PATH = '/thong-bao';
/** The page lists this many of the latest announcements. */
const PAGE_ITEMS = 50;

export function createPublicPageRouter(announcements: Pick<AnnouncementRepository, 'list'>, t: TFunction): Router {
  const router = Router();
  router.get(PUBLIC_PAGE_PATH, async (_req, res) => {
    const items = await announcements.list(PAGE_ITEMS, ['sending', 'done']);
    res.set('content-security-policy', STRICT_CONTENT_SECURITY_POLICY);
    res.set('cache-control', 'public, max-age=60');
    res.type('html').send(renderPage(items, t));
  });
  return router;
}

function renderPage(items: readonly Announcement[], t: TFunction): string {
  const title = escapeHtml(t('announcement:page.title'));
  const articles = items.map((a) => {
    const topics = a.topics.length ? `<p>${escapeHtml(t('announcement:page.topics'))}: ${a.topics.map((k) => escapeHtml(t(`announcement:topics.${k}`))).join(', ')}</p>` : '';
    const body = a.body.split(/\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
    const when = a.startedAt ?? a.createdAt;
    return `<article><h2>${escapeHtml(a.title)}</h2><p><time datetime="${when.toISOString()}">${formatVietnamDate(when)}</time></p>${topics}${body}</article>`;
  });
  const main = articles.length ? articles.join('\n') : `<p>${escapeHtml(t('announcement:page.empty'))}</p>`;
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1>
${main}
</main></body></html>
`;
}
