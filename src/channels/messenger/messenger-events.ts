import { createHash } from 'node:crypto';
import { payload } from '../../bot/reply';
import { cleanInboundText } from '../inbound-text';
import { eventTime } from '../event-time';
import { ECHO_METADATA } from './messenger-client';

/** The Get Started button's postback payload (set by `npm run setup:messenger`): the bot's welcome. */
export const GET_STARTED_PAYLOAD = 'GET_STARTED';

/** An attachment as the bot sees it: its kind only (`image`, `sticker`, `audio`, `video`, `file`). */
export interface InboundAttachment {
  contentType: string;
}

/** What the citizen did, for a bot turn: a message (typed, tapped, or attachments only) or "Get started". */
export type TurnInput =
  | { type: 'message'; text: string; attachments: InboundAttachment[] }
  | { type: 'start'; referral?: unknown };

/** One webhook event, sorted by what the channel does with it. */
export type MessengerEvent =
  /**
   * A citizen's action for a bot turn. `key` de-duplicates redeliveries. `standby`: another app (the Page Inbox, where
   * an officer answers) holds the thread, so the turn keeps the message for the officer and answers only an emergency.
   */
  | { kind: 'turn'; psid: string; pageId: string; key: string; at: Date; input: TurnInput; standby?: true }
  /** Someone other than the assistant wrote to the citizen from the Page (an officer in the Page Inbox). */
  | { kind: 'officer_spoke'; psid: string; key: string; at: Date; text: string }
  /** The Page Inbox passed the conversation back to our app (the officer marked it done). */
  | { kind: 'handed_back'; psid: string; key: string; at: Date }
  /** Delivery and read receipts, reactions, our own echoes, unknown fields: acknowledged, never answered. */
  | { kind: 'ignored'; what: string; known: boolean };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const id = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
// Never String() or Number() a value from the body: an object such as {"toString":1} makes both throw.
const scalar = (v: unknown): string => id(v) ?? typeof v;
const number = (v: unknown): number => (typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN);

/** Platform events that are not the citizen talking to the bot; they are acknowledged and dropped. */
const RECEIPTS = ['delivery', 'read', 'reaction', 'optin', 'account_linking', 'take_thread_control', 'request_thread_control', 'app_roles', 'policy_enforcement', 'message_edit'];

/**
 * Reads a verified webhook body (`{"object":"page","entry":[{"messaging":[…]} | {"standby":[…]}]}`) into events,
 * in delivery order. Never throws: anything unexpected is an ignored event, so a strange delivery is logged, not failed.
 */
export function readDelivery(delivery: unknown, inboxAppId: string): MessengerEvent[] {
  if (!isObject(delivery) || delivery.object !== 'page' || !Array.isArray(delivery.entry)) {
    return [{ kind: 'ignored', what: `object ${isObject(delivery) ? scalar(delivery.object) : typeof delivery}`, known: false }];
  }
  const events: MessengerEvent[] = [];
  for (const entry of delivery.entry) {
    if (!isObject(entry)) continue;
    const pageId = id(entry.id) ?? '';
    for (const ev of Array.isArray(entry.messaging) ? entry.messaging : []) events.push(readMessaging(ev, pageId, inboxAppId));
    for (const ev of Array.isArray(entry.standby) ? entry.standby : []) events.push(readStandby(ev, pageId, inboxAppId));
    if (!Array.isArray(entry.messaging) && !Array.isArray(entry.standby)) events.push({ kind: 'ignored', what: `entry without messaging: ${Object.keys(entry).join(',')}`, known: false });
  }
  return events;
}

function readMessaging(ev: unknown, pageId: string, inboxAppId: string): MessengerEvent {
  if (!isObject(ev)) return { kind: 'ignored', what: 'not an object', known: false };
  const psid = isObject(ev.sender) ? id(ev.sender.id) : undefined;
  const at = timestampOf(ev.timestamp);
  if (isObject(ev.message) && ev.message.is_echo === true) return readEcho(ev, at);
  if (!psid) return { kind: 'ignored', what: 'no sender id', known: false };
  if (isObject(ev.message)) return readMessage(ev.message, psid, pageId, at, ev.timestamp);
  if (isObject(ev.postback)) {
    const pb = ev.postback;
    const tapped = cleanInboundText(text(pb.payload) ?? '');
    const key = text(pb.mid) ?? stableKey('postback', psid, ev.timestamp, tapped);
    if (tapped === GET_STARTED_PAYLOAD) return { kind: 'turn', psid, pageId, key, at, input: { type: 'start', referral: pb.referral } };
    if (!tapped) return { kind: 'ignored', what: 'postback without payload', known: true };
    return { kind: 'turn', psid, pageId, key, at, input: { type: 'message', text: tapped, attachments: [] } };
  }
  if (isObject(ev.referral)) {
    const key = stableKey('referral', psid, ev.timestamp, text(ev.referral.ref) ?? '');
    return { kind: 'turn', psid, pageId, key, at, input: { type: 'start', referral: ev.referral } };
  }
  if (isObject(ev.pass_thread_control)) {
    // This event reaches the app that receives the conversation; one that names the inbox as owner is not ours.
    if (id(ev.pass_thread_control.new_owner_app_id) === inboxAppId) return { kind: 'ignored', what: 'pass_thread_control to the inbox', known: true };
    return { kind: 'handed_back', psid, key: stableKey('handover', psid, ev.timestamp, ''), at };
  }
  const receipt = RECEIPTS.find((field) => field in ev);
  return receipt ? { kind: 'ignored', what: receipt, known: true } : { kind: 'ignored', what: Object.keys(ev).join(','), known: false };
}

/** Our own messages come back with our metadata; any other echo is a person (or another app) writing as the Page. */
function readEcho(ev: Json, at: Date): MessengerEvent {
  const message = ev.message as Json;
  const psid = isObject(ev.recipient) ? id(ev.recipient.id) : undefined;
  if (message.metadata === ECHO_METADATA) return { kind: 'ignored', what: 'our own echo', known: true };
  if (!psid) return { kind: 'ignored', what: 'echo without recipient', known: false };
  return { kind: 'officer_spoke', psid, key: text(message.mid) ?? stableKey('echo', psid, ev.timestamp, ''), at, text: cleanInboundText(text(message.text) ?? '') };
}

function readMessage(message: Json, psid: string, pageId: string, at: Date, timestamp: unknown): MessengerEvent {
  const attachments = Array.isArray(message.attachments) ? message.attachments.filter(isObject) : [];
  const quickReply = isObject(message.quick_reply) ? text(message.quick_reply.payload) : undefined;
  const typed = cleanInboundText(quickReply ?? text(message.text) ?? '');
  const key = text(message.mid) ?? stableKey('message', psid, timestamp, typed);
  const shared = attachments.map(locationPayload).find((p) => p !== undefined);
  if (!typed && shared) return { kind: 'turn', psid, pageId, key, at, input: { type: 'message', text: shared, attachments: [] } };
  if (!typed && attachments.length === 0) return { kind: 'ignored', what: 'empty message', known: true };
  const kinds = attachments.map((a) => ({ contentType: attachmentKind(a, message) }));
  return { kind: 'turn', psid, pageId, key, at, input: { type: 'message', text: typed, attachments: kinds } };
}

/**
 * Events seen while another app holds the thread: an officer's echo, and the citizen's messages and taps (turns marked
 * `standby`). "Get started" and referrals there are the holder's business, as are handovers and receipts.
 */
function readStandby(ev: unknown, pageId: string, inboxAppId: string): MessengerEvent {
  if (!isObject(ev)) return { kind: 'ignored', what: 'standby: not an object', known: false };
  const event = readMessaging(ev, pageId, inboxAppId);
  if (event.kind === 'officer_spoke') return event;
  if (event.kind === 'turn' && event.input.type === 'message') return { ...event, standby: true };
  return { kind: 'ignored', what: 'standby', known: true };
}

/** A shared location with coordinates (older clients) becomes the same payload as the web chat's "share location". */
function locationPayload(attachment: Json): string | undefined {
  if (attachment.type !== 'location' || !isObject(attachment.payload) || !isObject(attachment.payload.coordinates)) return undefined;
  const latitude = number(attachment.payload.coordinates.lat);
  const longitude = number(attachment.payload.coordinates.long);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return payload('office_location', { latitude, longitude });
}

/** The kind the bot is told: stickers (the like button included) apart, anything unfamiliar as a file. */
function attachmentKind(attachment: Json, message: Json): string {
  const hasSticker = (isObject(attachment.payload) && attachment.payload.sticker_id !== undefined) || message.sticker_id !== undefined;
  if (attachment.type === 'sticker' || (attachment.type === 'image' && hasSticker)) return 'sticker';
  const type = scalar(attachment.type);
  return ['image', 'audio', 'video', 'file'].includes(type) ? type : 'file';
}

/** Meta's timestamps are milliseconds; a missing or absurd one reads as now. */
function timestampOf(value: unknown): Date {
  return eventTime(number(value));
}

/** A de-duplication key for events without a `mid` (older postbacks, referrals, handovers): same event, same key. */
function stableKey(kind: string, psid: string, timestamp: unknown, detail: string): string {
  return `${kind}:${createHash('sha256').update(`${psid}\n${scalar(timestamp)}\n${detail}`).digest('hex').slice(0, 32)}`;
}
