import { Readable } from 'node:stream';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import express, { type Request, type Response } from 'express';
import { AssistantBot, type AssistantBotOptions } from '../bot/assistant-bot';
import { CollectingAdapter } from '../channels/collecting-adapter';
import type { StateRecord } from '../store/ports';

/** Not a channel: no sender, no store key a citizen's could ever be. */
export const WARM_UP_CHANNEL = 'warm-up';

/**
 * Intents whose handlers answer from content alone. The others look up dossiers (rate limits, metrics), open
 * hand-offs, subscribe, or start the feedback dialog, which keeps what is said: on the warm-up they get the fallback.
 */
const CONTENT_ONLY = new Set([
  'greeting', 'help', 'thanks', 'goodbye', 'change_language', 'crime_report', 'out_of_scope', 'procedure_list', 'procedure_info',
  'procedure_documents', 'procedure_duration', 'procedure_fee', 'procedure_online', 'office_location', 'office_hours',
]);

/** Runs turns whose answers are gathered and dropped. */
class WarmUpAdapter extends CollectingAdapter {
  async run(fields: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runTurn(this.inbound(WARM_UP_CHANNEL, 'warm-up', fields), logic);
  }
}

/**
 * Express's JSON body parser (the web chat's) loads iconv-lite's encoding tables when it decodes its first body: ~20 ms
 * of CPU on the first web-chat message, measured. One body read here, from memory.
 */
async function readOneJsonBody(): Promise<void> {
  const body = Buffer.from('{}');
  const req = Object.assign(Readable.from([body]), { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
  await new Promise<void>((resolve, reject) => express.json()(req as unknown as Request, {} as Response, (err?: unknown) => (err ? reject(err) : resolve())));
}

/**
 * A fresh process pays a turn's first uses (the first parse, the dossier-code scan, the translator, the answers'
 * templates, botbuilder's turn context) on its first deliveries: the event loop was held 93–150 ms, acknowledgements
 * waited (docs/performance.md). So before it listens the assistant runs `messages`, after a "Get started", through the
 * real adapter path, parser and bot, on one conversation kept in memory: the same bot but for where a turn leaves
 * traces. Nothing is written to the store (memory, contacts, unanswered log, chart counts), no metric or turn log
 * line is recorded, no officer is told, and the answers go nowhere. Then one JSON body is read (above).
 */
export async function warmUp(bot: AssistantBotOptions, messages: readonly string[]): Promise<void> {
  const conversation = new Map<string, StateRecord>();
  // Every message is sent to the understanding at once, as a new conversation's turn asks for it: the worker parses
  // them in a few batches (its first parses, the costly ones, back to back) instead of one round trip between the
  // threads a turn, each waiting for the other's wake-up and for the batch's gather window (docs/performance.md,
  // "Start-to-ready round"). A turn that asks otherwise (its conversation now in English) is understood on its own.
  // The "Get started" event comes first, and a turn that is no message is understood as the empty text.
  const asked = new Map(['', ...messages].map((text) => [text, bot.understand(text, 'vi', !text.startsWith('/'))]));
  for (const understood of asked.values()) understood.catch(() => undefined);
  const understand: AssistantBotOptions['understand'] = (text, locale, detect) => {
    const early = asked.get(text);
    asked.delete(text);
    return early && locale === 'vi' && detect === !text.startsWith('/') ? early : bot.understand(text, locale, detect);
  };
  const scratch = new AssistantBot({
    ...bot,
    understand,
    routes: Object.fromEntries(Object.entries(bot.routes).filter(([intent]) => CONTENT_ONLY.has(intent))),
    recentLines: { recent: async () => [] },
    turns: {
      read: async <T>(key: string) => ({ state: conversation.get(key) as StateRecord<T> | undefined, openHandoff: undefined, outboxWaiting: false }),
      save: async ({ state }) => {
        conversation.set(state.key, { data: state.data, eTag: WARM_UP_CHANNEL });
        return { eTag: WARM_UP_CHANNEL };
      },
    },
    unanswered: { add: async () => undefined },
    contacts: { recordInteraction: async () => undefined },
    countedAs: undefined,
    officer: undefined,
    onTurnEnd: undefined,
  });
  const adapter = new WarmUpAdapter();
  await adapter.run({ type: ActivityTypes.Event, name: 'start' }, scratch.onTurn);
  for (const text of messages) await adapter.run({ type: ActivityTypes.Message, text }, scratch.onTurn);
  await readOneJsonBody();
}
