/** Button payloads in the Rasa form `/intent_name{"entity":"value"}` parse straight to intent and entities. */
import { isIntentName } from './taxonomy-names';
import type { ParsedEntity, ParseResult } from './types';

// Button payloads are short; longer text is never a payload, so the regex never scans a whole paste.
const MAX_PAYLOAD_CHARS = 1000;
const PAYLOAD = /^\s*\/([A-Za-z_][A-Za-z0-9_]*)\s*(\{[\s\S]*\})?\s*$/;

/** The parse of a button payload, or undefined when `text` is not one. */
export function parsePayload(text: string): ParseResult | undefined {
  if (text.length > MAX_PAYLOAD_CHARS) return undefined;
  const m = PAYLOAD.exec(text);
  if (!m) return undefined;
  const [, name, json] = m;
  let entities: ParsedEntity[] = [];
  if (json) {
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch {
      return undefined; // not valid JSON: treat it as typed text
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    entities = Object.entries(body).map(([entity, value]) => ({
      entity,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      start: 0,
      end: text.length,
      confidence: 1,
    }));
  }
  const intent = { name: isIntentName(name) ? name : 'out_of_scope', confidence: 1 };
  return { text, intent, entities: isIntentName(name) ? entities : [], intent_ranking: [intent] };
}
