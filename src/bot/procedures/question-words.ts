import { z } from 'zod';
import { foldDiacritics } from '../../util/fold-text';
import { loadYamlFile } from '../../util/yaml-file';
import { facets, type Facet } from './facets';

const phrases = z.array(z.string().min(1));
const schema = z.object({
  facets: z.partialRecord(z.enum(facets), phrases),
  ignore: phrases.default([]),
});

/** A facet a message asks, and where in the message it is asked (UTF-16 offset, as the parser's entities). */
export interface AskedFacet {
  facet: Facet;
  start: number;
}

/** The facets a message asks by its question words, in the order asked ("ở đâu, mang gì" → where, documents). */
export type QuestionWords = (message: string) => AskedFacet[];

/** A word with its folded form, computed once: a message is compared with every listed phrase. */
interface Word {
  text: string;
  folded: string;
}

interface Phrase {
  words: Word[];
  facet: Facet | undefined;
}

const wordsOf = (text: string) => [...text.toLowerCase().normalize('NFC').matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ text: m[0], folded: foldDiacritics(m[0]), start: m.index }));

/** A typed word matches a listed one when they fold alike and, if it carries diacritics, the same ones. */
const sameWord = (typed: Word, listed: Word) => typed.folded === listed.folded && (typed.text === listed.text || typed.text === typed.folded);

/** Whether the typed words from `at` on are the phrase's words (a loop: this runs for every phrase at every word). */
function saidAt(phrase: readonly Word[], typed: readonly Word[], at: number): boolean {
  if (at + phrase.length > typed.length) return false;
  for (let k = 0; k < phrase.length; k++) if (!sameWord(typed[at + k], phrase[k])) return false;
  return true;
}

/** Reads content/question-words.yaml; throws naming the file on any problem. */
export function loadQuestionWords(file: string): QuestionWords {
  const data = loadYamlFile(file, schema);
  const list: Phrase[] = [
    ...Object.entries(data.facets).flatMap(([facet, ps]) => (ps ?? []).map((p) => ({ words: wordsOf(p), facet: facet as Facet }))),
    ...data.ignore.map((p) => ({ words: wordsOf(p), facet: undefined })),
  ].sort((a, b) => b.words.length - a.words.length);
  if (list.some((p) => p.words.length === 0)) throw new Error(`${file}: every phrase needs a word (letters or digits)`);
  // The phrases that can start at a typed word are those whose first word folds as it does: filed under that fold,
  // longest first as in the list, so a word is compared with a few phrases instead of every one.
  const byFirst = new Map<string, Phrase[]>();
  for (const p of list) {
    const filed = byFirst.get(p.words[0].folded);
    if (filed) filed.push(p);
    else byFirst.set(p.words[0].folded, [p]);
  }
  return (message) => {
    const typed = wordsOf(message);
    const found: AskedFacet[] = [];
    for (let i = 0; i < typed.length; ) {
      const hit = byFirst.get(typed[i].folded)?.find((p) => saidAt(p.words, typed, i));
      if (hit?.facet && !found.some((f) => f.facet === hit.facet)) found.push({ facet: hit.facet, start: typed[i].start });
      i += hit?.words.length ?? 1;
    }
    return found;
  };
}
