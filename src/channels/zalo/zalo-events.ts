/**
 * Zalo OA webhook bodies read into what the channel does with them. Ids and timestamps are JSON strings (ids have
 * 18–19 digits, beyond a double's precision), so they stay strings; a number is accepted only while it is exact.
 */
import { eventTime } from '../event-time';

/** A point a citizen shared, already checked to be a place on Earth. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

interface FromCitizen {
  userId: string;
  /** The de-duplication key: Zalo's msg_id, or event name + user + timestamp for events without one. */
  key: string;
  at: Date;
}

export type ZaloEvent =
  | (FromCitizen & { kind: 'text'; text: string })
  /** `coordinates` is missing when the shared point could not be read or lies outside the globe's range. */
  | (FromCitizen & { kind: 'location'; coordinates?: Coordinates })
  /** Image, sticker, file, voice, video, GIF, link, business card: nothing the assistant can read. `contentType` is the
   * kind the bot is told (`image`, `sticker`, `audio`, `video`, `file`), as every channel names it. */
  | (FromCitizen & { kind: 'attachment'; contentType: string })
  | (FromCitizen & { kind: 'follow' | 'unfollow' | 'chat_now' })
  /** A message the OA sent (our API call, or an officer typing in OA Manager: then `adminId` is set). */
  | (FromCitizen & { kind: 'echo'; messageId?: string; adminId?: string; text: string })
  /** Known events with nothing to do (receipts, reactions), events of another OA, and events we do not handle. */
  | { kind: 'ignored'; name: string; reason: 'noise' | 'other_oa' | 'unhandled' | 'malformed' };

/** Attachment events by the kind the bot is told; GIFs are pictures, links and business cards files. */
const ATTACHMENT_KINDS: Readonly<Record<string, string>> = {
  user_send_image: 'image',
  user_send_gif: 'image',
  user_send_sticker: 'sticker',
  user_send_audio: 'audio',
  user_send_video: 'video',
};

/** Delivery and reaction events: nothing to answer and nothing to record. */
const NOISE = new Set(['user_received_message', 'user_seen_message', 'user_reacted_message', 'oa_reacted_message']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/** An id as Zalo sends it (a string); a number only when it is still exact. */
function id(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

const EPOCH_MS = /^\d{1,16}$/;

/** A body's `timestamp` as epoch milliseconds in a string (Zalo sends a string; a number only while it is exact). */
export function zaloTimestamp(body: Json): string | undefined {
  const value = typeof body.timestamp === 'number' && Number.isSafeInteger(body.timestamp) ? String(body.timestamp) : body.timestamp;
  return typeof value === 'string' && EPOCH_MS.test(value) ? value : undefined;
}

const DECIMAL = /^\s*-?\d{1,3}(\.\d+)?\s*$/;

/** A coordinate given as a string (as Zalo sends them) or a number, within [-limit, limit]. */
function coordinate(v: unknown, limit: number): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

function sharedPoint(message: Json | undefined): Coordinates | undefined {
  const attachments = Array.isArray(message?.attachments) ? message.attachments : [];
  const point = attachments.map((a) => obj(obj(obj(a)?.payload)?.coordinates)).find(Boolean);
  const latitude = coordinate(point?.latitude, 90);
  const longitude = coordinate(point?.longitude, 180);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

/** Where the citizen and the OA are in each event family (the OA is the recipient of user events, the sender of echoes). */
function parties(name: string, body: Json): { userId?: string; oaId?: string } {
  const sender = obj(body.sender);
  const recipient = obj(body.recipient);
  if (name.startsWith('user_send_')) return { userId: id(sender?.id), oaId: id(recipient?.id) };
  if (name.startsWith('oa_send_')) return { userId: id(recipient?.id), oaId: id(sender?.id) };
  return { userId: id(obj(body.follower)?.id) ?? id(body.user_id), oaId: id(body.oa_id) };
}

/** Reads a delivery kept in the journal (a verified body, parsed again) into its event. */
export function readZaloDelivery(delivery: unknown, oaId?: string): ZaloEvent {
  const body = obj(delivery);
  const timestamp = body && zaloTimestamp(body);
  if (!body || !timestamp) return { kind: 'ignored', name: typeof body?.event_name === 'string' ? body.event_name : '', reason: 'malformed' };
  return readZaloEvent(body, timestamp, oaId);
}

/**
 * Reads a verified body (its `timestamp` already checked to be epoch milliseconds). `oaId`, when configured, keeps
 * out events of other OAs linked to the same app.
 */
export function readZaloEvent(body: Json, timestamp: string, oaId?: string): ZaloEvent {
  const name = typeof body.event_name === 'string' ? body.event_name : '';
  if (NOISE.has(name)) return { kind: 'ignored', name, reason: 'noise' };
  const citizenEvent = name.startsWith('user_send_') || name.startsWith('oa_send_') || ['follow', 'unfollow', 'user_click_chatnow'].includes(name);
  if (!citizenEvent) return { kind: 'ignored', name, reason: 'unhandled' };
  const { userId, oaId: eventOa } = parties(name, body);
  if (!userId) return { kind: 'ignored', name, reason: 'malformed' };
  if (oaId && eventOa !== oaId) return { kind: 'ignored', name, reason: 'other_oa' };

  const message = obj(body.message);
  const messageId = id(message?.msg_id);
  const base = { userId, key: messageId ?? `${name}:${userId}:${timestamp}`, at: eventTime(Number(timestamp)) };
  if (name.startsWith('oa_send_')) return { ...base, kind: 'echo', messageId, adminId: id(obj(body.sender)?.admin_id), text: typeof message?.text === 'string' ? message.text : '' };
  if (name === 'follow' || name === 'unfollow') return { ...base, kind: name };
  if (name === 'user_click_chatnow') return { ...base, kind: 'chat_now' };
  if (name === 'user_send_text') return typeof message?.text === 'string' ? { ...base, kind: 'text', text: message.text } : { kind: 'ignored', name, reason: 'malformed' };
  if (name === 'user_send_location') return { ...base, kind: 'location', coordinates: sharedPoint(message) };
  return { ...base, kind: 'attachment', contentType: Object.hasOwn(ATTACHMENT_KINDS, name) ? ATTACHMENT_KINDS[name]! : 'file' };
}
