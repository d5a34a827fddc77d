import express, { Router, type RequestHandler } from 'express';
import type { Locale, ParseResult } from '../understanding/types';
import { badRequest } from './errors';

const LOCALES: readonly string[] = ['vi', 'en'];

export interface ParseRouterOptions {
  /** The current parser's answer (in the understanding's thread, src/understanding/parse-thread.ts). */
  parse: (text: string, locale: Locale) => Promise<ParseResult>;
  /** Lets a request through or rejects it (loopback callers, or staff with a token). */
  guard: RequestHandler;
  maxBodyBytes: number;
}

/** POST /model/parse, Rasa-compatible: `{text, locale?}` in, intent, entities and ranking out. */
export function createParseRouter(options: ParseRouterOptions): Router {
  const router = Router();
  router.post('/model/parse', options.guard, express.json({ limit: options.maxBodyBytes }), async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Body must be a JSON object with "text"');
    const { text, locale } = body;
    if (typeof text !== 'string') throw badRequest('"text" must be a string');
    if (locale !== undefined && (typeof locale !== 'string' || !LOCALES.includes(locale))) {
      throw badRequest(`"locale" must be one of ${LOCALES.join(', ')}`);
    }
    res.json(await options.parse(text, (locale as Locale | undefined) ?? 'vi'));
  });
  return router;
}
