/**
 * The text of a procedure that citizens read, field by field: what the research-shorthand check refuses and
 * what the English coverage report counts. Source lists and `editorNote`s are for editors and are not walked.
 */
import type { ContentProblem } from './content-problem';
import { allTexts, enText } from './local-text';
import type { Fact, LocalText, Procedure } from './types';

/** How many pitfalls the steps card shows (the bot's procedure answer uses the same number). */
export const PITFALLS_ON_CARD = 2;

/** One piece of citizen-facing text with its dotted path in the file; `english` marks fields answered in English. */
interface CitizenText {
  path: string;
  text: LocalText;
  english: boolean;
}

/**
 * Research shorthand citizens must never read: source tags (S3), the facts file's flags, and where a copy of a source
 * was found (another province's page, a repository, a snapshot). Editors keep such remarks in `editorNote`.
 */
const SHORTHAND: ReadonlyArray<[RegExp, string]> = [
  [/\bS\d{1,3}\b/, 'a research source tag'],
  [/\[(CURRENT|CHECK|CONFLICT|UNVERIFIED|OUTDATED)\]/i, 'a research flag'],
  [/github|\brepo\b|snapshot|bandocapt/i, 'where a source copy was found'],
  [/nguồn thứ cấp|secondary source|bản lưu|researcher/i, 'a research remark'],
  [/Phú Thọ|Phu Tho|Quảng Trị|Sơn La/i, "another province's page used as research material"],
];

function noteOf(fact: Fact<unknown> | undefined): LocalText | undefined {
  return fact?.note;
}

/** Every citizen-facing text of a procedure, with its path and whether an English answer shows it. */
export function citizenTexts(p: Procedure): CitizenText[] {
  const out: CitizenText[] = [];
  const add = (path: string, text: LocalText | undefined, english = false) => {
    if (text !== undefined) out.push({ path, text, english });
  };
  add('title', p.title, true);
  const facts = { officialName: p.officialName, nationalCode: p.nationalCode, who: p.who, where: p.where, steps: p.steps, documents: p.documents, fee: p.fee, fine: p.fine, processingTime: p.processingTime, online: p.online, result: p.result, legalBasis: p.legalBasis };
  const englishFacts = new Set(['who', 'where', 'steps', 'documents', 'fee', 'fine', 'processingTime', 'online', 'result', 'legalBasis']);
  for (const [key, fact] of Object.entries(facts)) add(`${key}.note`, noteOf(fact), englishFacts.has(key));
  if (p.officialName.status !== 'missing') add('officialName.value', p.officialName.value);
  if (p.who.status !== 'missing') {
    add('who.value.must', p.who.value.must, true);
    add('who.value.may', p.who.value.may, true);
  }
  if (p.where.status !== 'missing') add('where.value.text', p.where.value.text, true);
  if (p.steps.status !== 'missing') p.steps.value.forEach((s, i) => add(`steps.value.${i}`, s, true));
  if (p.documents.status !== 'missing')
    p.documents.value.forEach((d, i) => {
      add(`documents.value.${i}.name`, d.name, true);
      add(`documents.value.${i}.when`, d.when, true);
    });
  if (p.fee.status !== 'missing') {
    p.fee.value.amounts.forEach((a, i) => add(`fee.value.amounts.${i}.case`, a.case, true));
    add('fee.value.exemptions', p.fee.value.exemptions, true);
    add('fee.value.circular', p.fee.value.circular, true);
  }
  if (p.fine && p.fine.status !== 'missing') {
    add('fine.value.dependsOn', p.fine.value.dependsOn, true);
    p.fine.value.howToPay.forEach((h, i) => add(`fine.value.howToPay.${i}`, h, true));
  }
  if (p.processingTime.status !== 'missing') add('processingTime.value', p.processingTime.value, true);
  if (p.online.status !== 'missing') p.online.value.steps.forEach((s, i) => add(`online.value.steps.${i}.text`, s.text, true));
  if (p.result && p.result.status !== 'missing') add('result.value', p.result.value, true);
  if (p.legalBasis.status !== 'missing') p.legalBasis.value.forEach((l, i) => add(`legalBasis.value.${i}`, l));
  // The steps card shows the first two pitfalls: those are the ones an English answer needs.
  p.pitfalls.forEach((x, i) => {
    add(`pitfalls.${i}.text`, x.text, i < PITFALLS_ON_CARD);
    add(`pitfalls.${i}.note`, x.note, i < PITFALLS_ON_CARD);
  });
  p.outdated.forEach((x, i) => {
    add(`outdated.${i}.claim`, x.claim);
    add(`outdated.${i}.correction`, x.correction);
  });
  return out;
}

/** The research shorthand a text contains, with what kind it is, if any (also used to check rendered answers). */
export function findShorthand(text: string): { found: string; kind: string } | undefined {
  for (const [pattern, kind] of SHORTHAND) {
    const m = pattern.exec(text);
    if (m) return { found: m[0], kind };
  }
  return undefined;
}

/** Research shorthand found in citizen-facing text, one problem per field. */
export function shorthandProblems(p: Procedure, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { path, text } of citizenTexts(p)) {
    const hit = allTexts(text).map(findShorthand).find((h) => h !== undefined);
    if (hit)
      problems.push({ file, field: path, message: `citizens would read ${hit.kind} ("${hit.found}"); name the official page or the legal document, or move the remark to editorNote` });
  }
  return problems;
}

/** Paths of the fields an English answer shows that have no English yet. */
export function missingEnglish(p: Procedure): string[] {
  return citizenTexts(p)
    .filter((c) => c.english && enText(c.text) === undefined)
    .map((c) => c.path);
}
