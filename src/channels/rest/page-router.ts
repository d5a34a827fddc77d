import path from 'node:path';
import type { Router } from 'express';
import { projectRoot } from '../../config';
import { createStaticPageRouter } from '../../http/static-page';

/** Where the web chat's static files live, in source and in dist alike (they are not compiled). */
export const chatPageDir = path.join(projectRoot, 'src', 'channels', 'rest', 'chat-page');

/** Where index.html takes the privacy notice (content/privacy.yaml, rendered by src/privacy). */
const PRIVACY_NOTICE_SLOT = '<!--privacy-notice-->';

/**
 * GET / (the chat page) and GET /chat/<asset>, read once at start-up so a missing file stops boot, not a citizen.
 * `privacyNotice` answers the notice's current HTML, placed into the page on each visit.
 */
export function createChatPageRouter(privacyNotice: () => string, dir: string = chatPageDir): Router {
  return createStaticPageRouter({
    render: (html) => html.replace(PRIVACY_NOTICE_SLOT, privacyNotice()),
    dir,
    pagePath: '/',
    assetPrefix: '/chat/',
    assets: ['chat.js', 'chat.css', 'icon.svg'],
    // The page asks for the citizen's position only when they tap "Chia sẻ vị trí".
    permissionsPolicy: 'geolocation=(self), camera=(), microphone=()',
  });
}
