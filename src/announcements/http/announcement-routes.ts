/** Propaganda staff's announcement routes: compose, preview, audience count, schedule, send, cancel, report. */
import { once } from 'node:events';
import { Router } from 'express';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { currentStaff, type AdminAuth } from '../../admin';
import { jsonBody } from '../../admin/routes/json-body';
import { Limit, LimitQuery } from '../../admin/routes/list-query';
import { validate } from '../../admin/validate';
import { HttpError } from '../../http/errors';
import type { Announcement, AnnouncementRepository } from '../../store/ports';
import type { LocationEntry } from '../../understanding/types';
import type { AnnouncementPreview } from '../preview';
import type { ZaloArticleBroadcast, ZaloArticleOutcome } from '../zalo-article';
import type { AnnouncementRefusal, AnnouncementService } from '../announcement-service';
import { ANNOUNCEMENT_TOPICS } from '../topics';
import { deliveryCsvHeader, deliveryCsvLine, deliveryPages } from './delivery-csv';

/** Zalo and Messenger both take 2000 characters per message; longer bodies are split, but an announcement should fit a screen. */
const MAX_BODY = 2000;
const MAX_TITLE = 120;
const CSV_PAGE = 1000;

const list = (what: string, values?: readonly string[]) =>
  z.array(values ? z.enum(values as [string, ...string[]], { error: `is not a known ${what}` }) : z.string().trim().min(1).max(128), { error: `must be a list of ${what}s` }).max(200).default([]);

const Audience = z.strictObject({
  channels: list('channel', ['zalo', 'messenger', 'rest']),
  topics: list('topic', ANNOUNCEMENT_TOPICS),
  communes: list('commune'),
});
const Draft = Audience.extend({
  title: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(MAX_TITLE, `must be at most ${MAX_TITLE} characters`),
  body: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(MAX_BODY, `must be at most ${MAX_BODY} characters`),
});
const Preview = z.strictObject({ title: Draft.shape.title, body: Draft.shape.body });
const Schedule = z.strictObject({ at: z.iso.datetime({ offset: true, error: 'must be a date and time such as 2026-12-05T08:00:00+07:00' }).transform((v) => new Date(v)) });
const IdPath = z.object({ id: z.string().trim().min(1, 'is required').max(64, 'is too long') });
/** Zalo's own target codes (one value each, as Zalo's Java SDK sends them); none: every follower. */
const ZaloCode = z.string().trim().regex(/^\d{1,4}$/, 'must be one of Zalo\'s number codes').optional();
const ZaloArticle = z.strictObject({
  articleId: z.string({ error: 'is required' }).trim().regex(/^[\w-]{1,100}$/, 'must be the id of an approved article in OA Manager'),
  target: z.strictObject({ ages: ZaloCode, gender: ZaloCode, locations: ZaloCode, cities: ZaloCode, platform: ZaloCode }).default({}),
});
const DeliveriesQuery = z.object({ limit: Limit, outcome: z.enum(['pending', 'attempting', 'sent', 'failed', 'skipped']).optional() });

export interface AnnouncementRoutesDeps {
  service: AnnouncementService;
  announcements: Pick<AnnouncementRepository, 'get' | 'list' | 'deliveries'>;
  zaloArticle: ZaloArticleBroadcast;
  /** The staff's words (Vietnamese): the CSV download's headers and labels. */
  words: TFunction;
  preview: (draft: { title: string; body: string }) => AnnouncementPreview;
  /** Communes and units staff may target, from the office directory. */
  places: () => LocationEntry[];
  /** Channels switched on in this deployment (the web chat always is). */
  channels: () => string[];
  auth: Pick<AdminAuth, 'requireRole'>;
  now: () => Date;
}

export function createAnnouncementRoutes(deps: AnnouncementRoutesDeps): Router {
  const { service } = deps;
  const router = Router();
  const staff = deps.auth.requireRole('propaganda');
  const base = '/api/admin/announcements';

  router.get(`${base}/options`, staff, (_req, res) => {
    res.json({
      topics: [...ANNOUNCEMENT_TOPICS],
      channels: deps.channels(),
      communes: deps.places().map((p) => ({ id: p.id, name: p.names[0] ?? p.id })),
      zaloArticle: deps.zaloArticle.available(),
    });
  });

  router.get(base, staff, async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ announcements: await deps.announcements.list(limit) });
  });

  router.post(base, staff, jsonBody, async (req, res) => {
    const draft = validate(Draft, req.body);
    res.status(201).json({ announcement: await service.create(draft, currentStaff(res)) });
  });

  router.post(`${base}/preview`, staff, jsonBody, (req, res) => {
    res.json({ preview: deps.preview(validate(Preview, req.body)) });
  });

  router.post(`${base}/audience`, staff, jsonBody, async (req, res) => {
    res.json({ count: await service.audience(validate(Audience, req.body ?? {})) });
  });

  router.get(`${base}/:id`, staff, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    const found = await service.report(id);
    if (!found) throw notFound(id);
    res.json(found);
  });

  router.get(`${base}/:id/deliveries`, staff, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    const { limit, outcome } = validate(DeliveriesQuery, req.query, 'query');
    res.json({ deliveries: await deps.announcements.deliveries(id, limit, outcome) });
  });

  // The whole delivery report as a spreadsheet, in Vietnamese, streamed a page at a time.
  router.get(`${base}/:id/deliveries.csv`, staff, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    const found = await deps.announcements.get(id);
    if (!found) throw notFound(id);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ket-qua-gui-thong-bao-${found.id.replace(/[^\w-]/g, '')}.csv"`);
    res.write(deliveryCsvHeader(deps.words));
    for await (const page of deliveryPages((limit, after) => deps.announcements.deliveries(id, limit, undefined, after), CSV_PAGE)) {
      if (!res.write(page.map((row) => deliveryCsvLine(row, deps.words)).join(''))) await once(res, 'drain');
    }
    res.end();
  });

  router.put(`${base}/:id`, staff, jsonBody, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    res.json(answer(id, await service.edit(id, validate(Draft, req.body), currentStaff(res))));
  });

  router.post(`${base}/:id/schedule`, staff, jsonBody, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    const { at } = validate(Schedule, req.body);
    if (at.getTime() <= deps.now().getTime()) throw new HttpError('bad_request', 'The time is already past: choose a later one, or send now');
    res.json(answer(id, await service.schedule(id, at, currentStaff(res))));
  });

  router.post(`${base}/:id/send`, staff, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    res.status(202).json(answer(id, await service.sendNow(id, currentStaff(res))));
  });

  router.post(`${base}/:id/zalo-article`, staff, jsonBody, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    const { articleId, target } = validate(ZaloArticle, req.body);
    const clean = Object.fromEntries(Object.entries(target).filter(([, v]) => v !== undefined));
    res.json(zaloArticleAnswer(id, await deps.zaloArticle.broadcast(id, articleId, clean, currentStaff(res))));
  });

  router.post(`${base}/:id/cancel`, staff, async (req, res) => {
    const { id } = validate(IdPath, req.params, 'path');
    res.json(answer(id, await service.cancel(id, currentStaff(res))));
  });

  return router;
}

function answer(id: string, outcome: { announcement: Announcement } | AnnouncementRefusal): { announcement: Announcement } {
  if ('announcement' in outcome) return outcome;
  if (outcome.refused === 'not_found') throw notFound(id);
  throw new HttpError('conflict', `Announcement ${id} is ${outcome.status}: this action is not possible any more`, { status: outcome.status });
}

function zaloArticleAnswer(id: string, outcome: ZaloArticleOutcome): { messageId: string } {
  if ('sent' in outcome) return { messageId: outcome.messageId };
  if ('refused' in outcome) {
    if (outcome.refused === 'not_found') throw notFound(id);
    if (outcome.refused === 'off') throw new HttpError('conflict', 'The Zalo article broadcast is not turned on here (ZALO_ARTICLE_BROADCAST and the Zalo channel)', { reason: 'off' });
    if (outcome.refused === 'already_sent') throw new HttpError('conflict', 'This article was already broadcast for this announcement', { reason: 'already_sent' });
    if (outcome.refused === 'night') throw new HttpError('conflict', 'Zalo refuses broadcasts from 22:00 to 06:00 (Vietnam time): send it after 06:00', { reason: 'night' });
    throw new HttpError('conflict', `Announcement ${id} is cancelled`, { reason: 'cancelled' });
  }
  const details = { reason: outcome.failure, code: outcome.code };
  if (outcome.failure === 'quota_exhausted' || outcome.failure === 'rate_limited') throw new HttpError('too_many_requests', `Zalo refused: the OA's quota is used up for now (${outcome.code})`, details);
  if (outcome.failure === 'rejected') throw new HttpError('bad_request', `Zalo refused the article (${outcome.code}: ${outcome.detail ?? ''}): check that it is approved and its id is right`, details);
  throw new HttpError('not_ready', `Zalo could not be reached or refused the token (${outcome.failure}): try again later`, details);
}

function notFound(id: string): HttpError {
  return new HttpError('not_found', `No announcement ${id}`);
}
