/**
 * Combines the procedure lexicon with the learned procedure model (procedure-model.ts). A wrong procedure is worse
 * than none: with none, the bot asks which procedure is meant; with a wrong one, it answers the wrong question.
 * So the lexicon is trusted first and the model only fills gaps, when confident:
 * 1. the lexicon names a procedure (alias, qualified family, purpose, weak alias): kept, the model is not asked;
 * 2. the lexicon names only a family: the model may pick a member of that family if its probability ≥ `family`;
 * 3. the lexicon names nothing: the model's best class (procedure or family, not none) is used if ≥ `unnamed`;
 * 4. the lexicon found aliases of unrelated families and named nothing on purpose: the model is not asked.
 * Steps 2 and 3 apply only to intents where a procedure makes sense (not a list of them), and never to an emergency.
 * Thresholds were chosen by cross-validation (docs/understanding.md, Round 5).
 */
import type { Scored } from './softmax-classifier';
import { groupOf, NO_PROCEDURE } from './procedure-model';

export interface ProcedureThresholds {
  /** Minimum model probability for a member when the lexicon found only its family. */
  family: number;
  /** Minimum model probability for a procedure or family when the lexicon found nothing. */
  unnamed: number;
}

export const PROCEDURE_THRESHOLDS: ProcedureThresholds = { family: 0.95, unnamed: 0.6 };

// Intents whose answer depends on a procedure; the model never adds one to a greeting, a dossier status, a crime report...
const PROCEDURE_INTENT = /^procedure_/;
const OFFICE_INTENTS: ReadonlySet<string> = new Set(['office_location', 'office_hours']);
const LIST_INTENT = 'procedure_list';

/** What is known about one message when the procedure is decided. */
export interface ProcedureEvidence {
  intent: string;
  emergency: boolean;
  lexicon: 'mention' | 'abstain' | 'none';
  /** The family the lexicon named, when it named only a family. */
  group?: string;
  /** The model's classes, most likely first. */
  ranking: readonly Scored[];
}

/** What the model adds: a procedure id or a family, with the model's probability. */
export interface ModelProcedure {
  procedure?: string;
  group?: string;
  p: number;
}

/** Whether a procedure belongs in the answer to `intent` at all. */
export function wantsProcedure(intent: string): boolean {
  return PROCEDURE_INTENT.test(intent) || OFFICE_INTENTS.has(intent);
}

/** Whether the rules may use the model at all for this message (the ranking is not needed to know). */
export function mayConsult(e: Omit<ProcedureEvidence, 'ranking'>): boolean {
  // Issue 10, styles 16: a list question asks for every procedure (of the family the lexicon named, if any); a letter's story
  // ("chuyển về đây cùng vợ con, có ô tô…") names none of them as the one asked, so no model picks one.
  if (e.intent === LIST_INTENT) return false;
  if (e.emergency || e.intent === 'emergency' || !wantsProcedure(e.intent)) return false;
  return e.lexicon === 'none' || (e.lexicon === 'mention' && e.group !== undefined);
}

/** The model's contribution under the rules above, or undefined when the lexicon's answer stands. */
export function decideProcedure(e: ProcedureEvidence, members: ReadonlyMap<string, ReadonlySet<string>>, t: ProcedureThresholds = PROCEDURE_THRESHOLDS): ModelProcedure | undefined {
  if (!mayConsult(e)) return undefined;
  if (e.group) {
    const own = members.get(e.group);
    const best = e.ranking.find((s) => own?.has(s.label));
    return best && best.p >= t.family ? { procedure: best.label, p: best.p } : undefined;
  }
  const top = e.ranking[0];
  if (!top || top.label === NO_PROCEDURE || top.p < t.unnamed) return undefined;
  const group = groupOf(top.label);
  return group ? { group, p: top.p } : { procedure: top.label, p: top.p };
}
