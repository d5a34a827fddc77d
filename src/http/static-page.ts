import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';

/** No inline code or styles, nothing from other origins: a page served here only talks to this server. */
export const STRICT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Where a static page lives and how it is served. */
export interface StaticPageOptions {
  /** Folder holding `index.html` and the assets. */
  dir: string;
  /** URL of the page itself, e.g. `/` or `/admin`. */
  pagePath: string;
  /** URL prefix of the assets, ending in `/`, e.g. `/chat/`; index.html refers to them as `"<prefix><name>"`. */
  assetPrefix: string;
  /** Asset file names in `dir`; their type comes from the extension. */
  assets: readonly string[];
  /** The page's Permissions-Policy header (which powerful features it may ask for). */
  permissionsPolicy: string;
  /** Rewrites the page on each visit (text from content that editors change); unchanged output keeps its ETag. */
  render?: (html: string) => string;
}

interface Asset {
  body: Buffer;
  type: string;
  /** Short content hash: the asset's ETag and the `?v=` of its URL in index.html. */
  version: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves one page and its assets, read once at start-up so a missing file stops boot, not a visitor. */
export function createStaticPageRouter(options: StaticPageOptions): Router {
  const { dir, pagePath, assetPrefix } = options;
  const assets = new Map<string, Asset>();
  for (const name of options.assets) {
    const type = TYPES[path.extname(name)];
    if (!type) throw new TypeError(`static page asset "${name}": no content type for its extension`);
    assets.set(name, load(path.join(dir, name), type));
  }

  // Asset URLs carry their hash, so assets can be cached for good while the page itself is always revalidated.
  let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const [name, asset] of assets) html = html.replaceAll(`${assetPrefix}${name}"`, `${assetPrefix}${name}?v=${asset.version}"`);
  const page = htmlAsset(html);
  let rendered: { html: string; asset: Asset } | undefined;
  const currentPage = (): Asset => {
    if (!options.render) return page;
    const next = options.render(html);
    if (rendered?.html !== next) rendered = { html: next, asset: htmlAsset(next) };
    return rendered.asset;
  };

  const router = Router();
  router.get(pagePath, (req, res) => send(req, res, currentPage(), 'no-cache', options.permissionsPolicy));
  for (const [name, asset] of assets) {
    router.get(`${assetPrefix}${name}`, (req, res) => {
      // An old or missing ?v= may be a stale page asking: answer the current file, but do not let it be cached for good.
      const current = req.query.v === asset.version;
      send(req, res, asset, current ? IMMUTABLE : 'no-cache', options.permissionsPolicy);
    });
  }
  return router;
}

function htmlAsset(html: string): Asset {
  const body = Buffer.from(html);
  return { body, type: 'text/html; charset=utf-8', version: hash(body) };
}

function load(file: string, type: string): Asset {
  const body = fs.readFileSync(file);
  return { body, type, version: hash(body) };
}

function hash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

function send(req: Request, res: Response, asset: Asset, cacheControl: string, permissionsPolicy: string): void {
  res.setHeader('Content-Security-Policy', STRICT_CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Permissions-Policy', permissionsPolicy);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', `"${asset.version}"`);
  res.type(asset.type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}
