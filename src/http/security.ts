import type { RequestHandler } from 'express';

/**
 * Headers every answer carries (the OWASP secure-headers baseline, as helmet sets it, without the dependency):
 * JSON and errors may not be sniffed, framed or run as a document. The pages (web chat, console) replace the CSP
 * with their own strict one (static-page.ts); HSTS only over HTTPS, where browsers heed it (TLS ends at the proxy:
 * TRUST_PROXY makes req.secure true).
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
};

/** The web chat's doors that another site embedding the chat may call from its pages (CORS_ORIGINS). */
export const WEB_CHAT_PATHS = ['/webhooks/rest/webhook', '/webhooks/rest/pending'];

/**
 * CORS for the web chat only, closed unless CORS_ORIGINS lists the embedding sites' exact origins: browsers then
 * let those pages POST messages and poll replies. Staff and platform doors never answer other origins.
 * No credentials are ever allowed: the web chat is anonymous.
 */
export function webChatCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    if (!WEB_CHAT_PATHS.includes(req.path)) return next();
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === undefined || !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Request-Id');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
