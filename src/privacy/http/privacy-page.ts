/**
 * GET /privacy (Vietnamese; ?lang=en for English): the full personal-data policy, rendered from content/privacy.yaml,
 * and the notice the chat page shows under its input (rendered into the page, so it shows without JavaScript too).
 */
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { escapeHtml } from '../../http/escape-html';
import { STRICT_CONTENT_SECURITY_POLICY } from '../../http/static-page';
import type { PrivacyContent, PrivacyLocale, PrivacySource } from '../privacy-content';

export const PRIVACY_PATH = '/privacy';

/** The chat page's notice: one escaped sentence and the link to the policy. */
export function privacyNoticeHtml(content: PrivacyContent, locale: PrivacyLocale = 'vi'): string {
  const l = content[locale];
  const href = locale === 'vi' ? PRIVACY_PATH : `${PRIVACY_PATH}?lang=${locale}`;
  return `${escapeHtml(l.notice)} <a href="${href}">${escapeHtml(l.link)}</a>`;
}

/** A section's body: blank lines split paragraphs, "- " lines make a list. */
function bodyHtml(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
      const parts: string[] = [];
      let items: string[] = [];
      const flush = () => {
        if (items.length) parts.push(`<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
        items = [];
      };
      for (const line of lines) {
        if (line.startsWith('- ')) items.push(line.slice(2));
        else {
          flush();
          parts.push(`<p>${escapeHtml(line)}</p>`);
        }
      }
      flush();
      return parts.join('\n');
    })
    .join('\n');
}

function pageHtml(content: PrivacyContent, locale: PrivacyLocale): string {
  const l = content[locale];
  const other: PrivacyLocale = locale === 'vi' ? 'en' : 'vi';
  const otherHref = other === 'vi' ? PRIVACY_PATH : `${PRIVACY_PATH}?lang=${other}`;
  const basis = locale === 'vi' ? 'Căn cứ' : 'Legal basis';
  const reviewed = locale === 'vi' ? 'Cập nhật' : 'Reviewed';
  const back = locale === 'vi' ? 'Quay lại trò chuyện' : 'Back to the chat';
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(l.title)}</title>
  <link rel="stylesheet" href="/chat/chat.css">
</head>
<body class="policy">
  <main class="policy__main">
    <p><a href="/">${back}</a> · <a href="${otherHref}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></p>
    <h1>${escapeHtml(l.title)}</h1>
${l.sections.map((s) => `    <section>\n      <h2>${escapeHtml(s.heading)}</h2>\n      ${bodyHtml(s.body)}\n    </section>`).join('\n')}
    <p class="policy__basis">${basis}: ${content.legal_basis.map(escapeHtml).join('; ')}. ${reviewed}: ${content.reviewed}.</p>
  </main>
</body>
</html>
`;
}

/** GET /privacy[?lang=en], revalidated on every visit so an editor's change shows at once. */
export function createPrivacyPageRouter(source: PrivacySource): Router {
  const router = Router();
  router.get(PRIVACY_PATH, (req, res) => {
    const locale: PrivacyLocale = req.query.lang === 'en' ? 'en' : 'vi';
    const html = pageHtml(source.current(), locale);
    res.setHeader('Content-Security-Policy', STRICT_CONTENT_SECURITY_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', `"${createHash('sha256').update(html).digest('hex').slice(0, 16)}"`);
    res.type('text/html; charset=utf-8');
    if (req.fresh) res.status(304).end();
    else res.send(html);
  });
  return router;
}
