/** GET /thong-bao: the announcements sent to citizens, as a plain public page (titles, dates, texts; nobody's data). */
import { Router } from 'express';
import type { TFunction } from 'i18next';
import { formatVietnamDate } from '../../dossiers/format-date';
import { escapeHtml } from '../../http/escape-html';
import { STRICT_CONTENT_SECURITY_POLICY } from '../../http/static-page';
import type { Announcement, AnnouncementRepository } from '../../store/ports';
import type { Clock } from '../../store/store-options';

export const PUBLIC_PAGE_PATH = '/thong-bao';
/** The page lists this many of the latest announcements. */
const PAGE_ITEMS = 50;

/**
 * How long an instance keeps the page it drew. Its own changes (publishing, finishing, withdrawing) forget the page at
 * once; this bounds how long a change made by another instance sharing the store stays unseen.
 */
export const PUBLIC_PAGE_TTL_MS = 30_000;

/** The public page and its in-process copy, drawn once and kept until an announcement changes or the copy ages. */
export interface PublicPage {
  router: Router;
  /** An announcement was published, finished or withdrawn: the next visit draws the page anew. */
  forget(): void;
}

export function createPublicPage(announcements: Pick<AnnouncementRepository, 'list'>, t: TFunction, now: Clock): PublicPage {
  let kept: { html: Promise<string>; until: number } | undefined;
  const draw = async () => renderPage(await announcements.list(PAGE_ITEMS, ['sending', 'done']), t);
  const page = (): Promise<string> => {
    const at = now().getTime();
    if (!kept || at >= kept.until) {
      // Visits that arrive while the page is being drawn share the one reading of the store.
      const html = draw();
      kept = { html, until: at + PUBLIC_PAGE_TTL_MS };
      // A failed reading is not kept: the next visit tries again.
      html.catch(() => {
        if (kept?.html === html) kept = undefined;
      });
    }
    return kept.html;
  };
  const router = Router();
  router.get(PUBLIC_PAGE_PATH, async (_req, res) => {
    const html = await page();
    res.set('content-security-policy', STRICT_CONTENT_SECURITY_POLICY);
    // Browsers and proxies may keep it no longer than this instance does: a withdrawn announcement goes within one TTL.
    res.set('cache-control', `public, max-age=${PUBLIC_PAGE_TTL_MS / 1000}`);
    res.type('html').send(html);
  });
  return {
    router,
    forget() {
      kept = undefined;
    },
  };
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
