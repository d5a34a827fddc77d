/** The desk's hand-off routes: the queue, one conversation with its transcript, claim, reply, close. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { actorName, currentStaff, type AdminAuth } from '../../admin';
import { jsonBody } from '../../admin/routes/json-body';
import { LimitQuery } from '../../admin/routes/list-query';
import { validate } from '../../admin/validate';
import { HttpError } from '../../http/errors';
import type { HandoffRecord, HandoffRepository } from '../../store/ports';
import type { HandoffActor, HandoffRefusal, HandoffService } from '../handoff-service';

/** The longest officer reply: what Zalo and Messenger take in one message, and what the web chat shows. */
export const MAX_REPLY_CHARS = 2000;

const HandoffPath = z.object({ id: z.string().trim().min(1, 'is required').max(128, 'is too long') });
const TranscriptQuery = z.object({ limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(200) });
const ClaimBody = z.strictObject({ takeOver: z.boolean({ error: 'must be true or false' }).default(false) });
const ReplyBody = z.strictObject({
  text: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(MAX_REPLY_CHARS, `must be at most ${MAX_REPLY_CHARS} characters`),
});

/** What the hand-off routes need. */
export interface HandoffRoutesDeps {
  service: HandoffService;
  handoffs: Pick<HandoffRepository, 'listOpen' | 'get' | 'transcript'>;
  auth: Pick<AdminAuth, 'requireRole'>;
}

/** The routes, laid out as a table; every one is for desk staff. */
export function createHandoffRoutes(deps: HandoffRoutesDeps): Router {
  const { service, handoffs } = deps;
  const router = Router();
  const desk = deps.auth.requireRole('desk');
  const view = (record: HandoffRecord) => ({ ...record, botPaused: service.officerHolds(record), newFromCitizen: newFromCitizen(record) });

  router.get('/api/admin/handoffs', desk, async (req, res) => {
    const { limit } = validate(LimitQuery, req.query, 'query');
    res.json({ handoffs: (await handoffs.listOpen(limit)).map(view) });
  });

  router.get('/api/admin/handoffs/:id', desk, async (req, res) => {
    const { id } = validate(HandoffPath, req.params, 'path');
    const { limit } = validate(TranscriptQuery, req.query, 'query');
    const record = await handoffs.get(id);
    if (!record) throw notFound(id);
    res.json({ handoff: view(record), transcript: await handoffs.transcript(id, limit) });
  });

  router.post('/api/admin/handoffs/:id/claim', desk, jsonBody, async (req, res) => {
    const { id } = validate(HandoffPath, req.params, 'path');
    const { takeOver } = validate(ClaimBody, req.body ?? {});
    const result = await service.claim(id, staffActor(res), takeOver);
    if ('refused' in result) throw refused(id, result);
    res.json({ handoff: view(result.record), notice: result.notice ?? null });
  });

  router.post('/api/admin/handoffs/:id/messages', desk, jsonBody, async (req, res) => {
    const { id } = validate(HandoffPath, req.params, 'path');
    const { text } = validate(ReplyBody, req.body);
    const result = await service.reply(id, staffActor(res), text);
    if ('refused' in result) throw refused(id, result);
    // 201 either way: the line is in the transcript; `delivery` says whether it reached the citizen.
    res.status(201).json({ handoff: view(result.record), message: result.message, delivery: result.delivery });
  });

  router.post('/api/admin/handoffs/:id/close', desk, async (req, res) => {
    const { id } = validate(HandoffPath, req.params, 'path');
    const result = await service.close(id, staffActor(res));
    if ('refused' in result) throw refused(id, result);
    res.json({ ok: true, closed: result.closedNow, handoff: view(result.record), notice: result.notice ?? null });
  });

  return router;
}

function staffActor(res: Response): HandoffActor {
  const staff = currentStaff(res);
  return { audit: actorName(staff), username: staff.username };
}

/** The citizen wrote since an officer last did (or since the request, before anyone answered). */
function newFromCitizen(record: HandoffRecord): boolean {
  if (!record.citizenWroteAt || record.status === 'closed') return false;
  const seen = record.officerWroteAt ?? record.claimedAt ?? record.createdAt;
  return record.citizenWroteAt > seen;
}

function notFound(id: string): HttpError {
  return new HttpError('not_found', `No hand-off ${id}`);
}

function refused(id: string, refusal: HandoffRefusal): HttpError {
  if (refusal.refused === 'not_found') return notFound(id);
  if (refusal.refused === 'closed') return new HttpError('conflict', `Hand-off ${id} is closed`);
  return new HttpError('conflict', `Hand-off ${id} is handled by ${refusal.by}; send {"takeOver": true} to take it over`, { claimedBy: refusal.by });
}
