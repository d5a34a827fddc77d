import path from 'node:path';
import type { Router } from 'express';
import { projectRoot } from '../../config';
import { createStaticPageRouter } from '../../http/static-page';

/** Where the web chat's static files live, in source and in dist alike (they are not compiled). */
export const chatPageDir = path.join(projectRoot, 'src', 'channels', 'rest', 'chat-page');

/** GET / (the chat page) and GET /chat/<asset>, read once at start-up so a missing file stops boot, not a citizen. */
export function createChatPageRouter(dir: string = chatPageDir): Router {
  return createStaticPageRouter({
    dir,
    pagePath: '/',
    assetPrefix: '/chat/',
    assets: ['chat.js', 'chat.css', 'icon.svg'],
    // The page asks for the citizen's position only when they tap "Chia sẻ vị trí".
    permissionsPolicy: 'geolocation=(self), camera=(), microphone=()',
  });
}
