/** Assembles the analyser and the intent model into a Parser, and decides the final intent. */
import { Analyser, MAX_CHARS } from './analyser';
import { parsePayload } from './payload';
import type { Resources } from './resources';
import { SoftmaxClassifier, type TrainOptions } from './softmax-classifier';
import { INTENT_NAMES } from './taxonomy-names';
import { tokenise } from './tokenise';
import type { Example } from './training-data';
import type { IntentScore, Locale, Parser, ParseResult, ParserOptions } from './types';

/** Below this confidence the bot should ask the citizen to clarify instead of answering (calibrated in docs/understanding.md). */
export const CLARIFY_BELOW = 0.5;

// The emergency rule's confidence: above any model score, so safety always outranks the model.
const EMERGENCY_CONFIDENCE = 0.99;
const RANKING_SIZE = 10;
const LIST_INTENT = 'procedure_list';

/** Training words: those seen twice are spelling targets; one-off words (maybe typos) are only left alone. */
function trainingVocabulary(examples: readonly Example[]): { targets: string[]; known: string[] } {
  const counts = new Map<string, number>();
  for (const e of examples) for (const t of tokenise(e.text, MAX_CHARS)) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
  return { targets: [...counts].filter(([, n]) => n >= 2).map(([w]) => w), known: [...counts.keys()] };
}

/** Builds a parser from loaded resources and training examples (the evaluation builds one per cross-validation fold). */
export function buildParser(
  resources: Resources,
  examples: readonly Example[],
  options: Pick<ParserOptions, 'procedureAliases' | 'locations'> = {},
  train: Partial<TrainOptions> = {},
): Parser {
  const analyser = new Analyser(resources, trainingVocabulary(examples), options);
  const classifier = new SoftmaxClassifier(INTENT_NAMES);
  classifier.train(examples.map((e) => ({ features: analyser.analyse(e.text).features, label: e.intent })), train);

  return {
    parse(text: string, _locale: Locale = 'vi'): ParseResult {
      // The locale is only a hint: English is recognised from the words themselves, whatever the channel's locale.
      const input = typeof text === 'string' ? text : '';
      const payload = parsePayload(input);
      if (payload) return payload;
      const analysis = analyser.analyse(input);
      if (analysis.words.length === 0 && analysis.entities.length === 0) {
        const intent = { name: 'out_of_scope', confidence: 1 };
        return { text: input, intent, entities: [], intent_ranking: [intent] };
      }
      let ranking: IntentScore[] = classifier.predict(analysis.features).map((s) => ({ name: s.label, confidence: s.p }));
      if (analysis.emergency) ranking = promote(ranking, 'emergency', EMERGENCY_CONFIDENCE);
      const intent = ranking[0];
      // "mở khách sạn phải làm những thủ tục gì" lists everything a hotel needs, not the one procedure its purpose suggests.
      const listAll = intent.name === LIST_INTENT && analysis.purposeOnly;
      const entities = analysis.entities.filter((e) => !(listAll && e.entity === 'procedure'));
      if (intent.name === 'change_language' && analysis.language) entities.push(analysis.language);
      return { text: input, intent, entities, intent_ranking: ranking.slice(0, RANKING_SIZE) };
    },
  };
}

/** Puts `name` first with at least `confidence`, rescaling the others so the ranking still sums to one. */
function promote(ranking: IntentScore[], name: string, confidence: number): IntentScore[] {
  const own = ranking.find((r) => r.name === name)?.confidence ?? 0;
  if (own >= confidence) return ranking;
  const rest = ranking.filter((r) => r.name !== name);
  const restSum = rest.reduce((s, r) => s + r.confidence, 0) || 1;
  return [{ name, confidence }, ...rest.map((r) => ({ name: r.name, confidence: (r.confidence / restSum) * (1 - confidence) }))];
}
