import path from 'node:path';
import type { Router } from 'express';
import { projectRoot } from '../../config';
import { createStaticPageRouter } from '../../http/static-page';

/** Where the staff console's static files live, in source and in dist alike (they are not compiled). */
export const consolePageDir = path.join(projectRoot, 'src', 'admin', 'console', 'page');

/** GET /admin (the staff console) and GET /admin/assets/<asset>; the console itself only calls /api/admin/. */
export function createConsoleRouter(dir: string = consolePageDir): Router {
  return createStaticPageRouter({
    dir,
    pagePath: '/admin',
    assetPrefix: '/admin/assets/',
    // Scripts run in this order (deferred): the kit, the chart drawer, one file per screen, then the shell that signs in and switches screens.
    assets: [
      'console-kit.js', 'charts.js', 'screen-dossiers.js', 'screen-reports.js', 'screen-content.js', 'screen-support.js', 'screen-accounts.js', 'screen-announcements.js', 'console.js',
      'console.css', 'icon.svg',
    ],
    // Staff only read and upload files: no position, camera or microphone.
    permissionsPolicy: 'geolocation=(), camera=(), microphone=()',
  });
}
