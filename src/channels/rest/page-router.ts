import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import { projectRoot } from '../../config';

/** Where the web chat's static files live, in source and in dist alike (they are not compiled). */
export const chatPageDir = path.join(projectRoot, 'src', 'channels', 'rest', 'chat-page');

/** No inline code or styles, nothing from other origins: the page only talks to this server. */
const CONTENT_SECURITY_POLICY = [
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

interface Asset {
  body: Buffer;
  type: string;
  /** Short content hash: the asset's ETag and the `?v=` of its URL in index.html. */
  version: string;
}

const ASSET_TYPES: Record<string, string> = {
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
};

/** GET / (the chat page) and GET /chat/<asset>, read once at start-up so a missing file stops boot, not a citizen. */
export function createChatPageRouter(dir: string = chatPageDir): Router {
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(ASSET_TYPES)) assets.set(name, load(path.join(dir, name), type));

  // Asset URLs carry their hash, so assets can be cached for good while the page itself is always revalidated.
  let html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const [name, asset] of assets) html = html.replaceAll(`/chat/${name}"`, `/chat/${name}?v=${asset.version}"`);
  const page: Asset = { body: Buffer.from(html), type: 'text/html; charset=utf-8', version: hash(Buffer.from(html)) };

  const router = Router();
  router.get('/', (req, res) => send(req, res, page, 'no-cache'));
  for (const [name, asset] of assets) {
    router.get(`/chat/${name}`, (req, res) => {
      const current = req.query.v === asset.version;
      send(req, res, asset, current ? 'public, max-age=31536000, immutable' : 'no-cache');
    });
  }
  return router;
}

function load(file: string, type: string): Asset {
  const body = fs.readFileSync(file);
  return { body, type, version: hash(body) };
}

function hash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}

function send(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  // The page asks for the citizen's position only when they tap "Chia sẻ vị trí".
  res.setHeader('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', `"${asset.version}"`);
  res.type(asset.type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}
