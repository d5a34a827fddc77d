/** Reading citizen-facing content text in one language. */
import type { LocalText } from './types';

/** The Vietnamese text (the authoritative version). */
export function viText(text: LocalText): string {
  return typeof text === 'string' ? text : text.vi;
}

/** The English reference translation, when the editors wrote one. */
export function enText(text: LocalText): string | undefined {
  return typeof text === 'string' ? undefined : text.en;
}

/** Every language version of the text (for checks that must see all of them). */
export function allTexts(text: LocalText): string[] {
  return typeof text === 'string' ? [text] : [text.vi, ...(text.en ? [text.en] : [])];
}
