import type { TFunction } from 'i18next';
import { VARIANT_ENTITIES, type Knowledge, type Procedure } from '../../knowledge';
import type { Handler } from '../handler';
import { fieldButtons, menuButton } from '../handlers/menu';
import { payload, type Button } from '../reply';
import type { Turn } from '../turn';
import { ContentReader } from './fact-text';
import { facetButtons, facetOfIntent, isFacet, type Facet } from './facets';
import { pendingVariant, variantValues, type Slots } from './fee-variants';
import { corrections, describeFacets, type TextFacet } from './procedure-answer';
import { PROCEDURE_MODEL } from '../../understanding/types';
import type { QuestionWords } from './question-words';

export interface ProcedureHandlerDeps {
  knowledge: () => Knowledge;
  /** Procedure families the parser may name without the exact procedure (căn cước → cấp mới / đổi / lại). */
  groups: Readonly<Record<string, readonly string[]>>;
  /** Answers the "where" facet (offices for the procedure), with `more` buttons under it; owned by the office conversation. */
  answerWhere: (turn: Turn, procedureId: string, more?: Button[]) => Promise<void>;
  /** The facets a message asks by its question words ("báo qua đâu", "ở đâu, mang gì"), besides the parser's facet cues. */
  questionWords: QuestionWords;
  /** Answers a police topic the message names (weapons, a locked VNeID…); false when it names none. */
  answerTopic?: (turn: Turn) => Promise<boolean>;
}

/** A procedure's button label: short enough for every platform (≤ 20 characters, from the locale files). */
export function procedureButton(t: TFunction, id: string, facet: Facet = 'info'): Button {
  const intent = Object.keys(facetOfIntent).find((k) => facetOfIntent[k] === facet)!;
  return { title: t(`procedure:short.${id}`), payload: payload(intent, { procedure: id }) };
}

/**
 * Direct questions get direct answers: the facet asked for, about the procedure named — or the one being
 * discussed ("còn lệ phí thì sao?"). A family without the exact procedure is clarified with buttons, never guessed.
 */
export function createProcedureHandler(deps: ProcedureHandlerDeps): Handler {
  return (turn) => answerFacet(deps, turn, facetOfIntent[turn.intent] ?? 'info');
}

/** Lowest confidence at which a facet question still counts as one when a procedure is being discussed. */
const FOLLOW_UP_CONFIDENCE = 0.2;
/** A message the parser finds this surely out of scope ("thời tiết hôm nay thế nào") is no follow-up, whatever its question words. */
const SURELY_ELSEWHERE = 0.9;

/**
 * A short follow-up ("ở đâu", "báo qua đâu", "còn lệ phí thì sao?") is unclear on its own but clear in context: while a
 * procedure is being discussed, the facets the message asks (parser cues and question words) are answered for it; with
 * none, a facet question that ranks well. The bot only asks this for messages that name nothing else.
 */
export function createProcedureFollowUp(deps: ProcedureHandlerDeps): (turn: Turn) => Handler | undefined {
  return (turn) => {
    if (!turn.memory.procedure) return undefined;
    const elsewhere = turn.intent === 'out_of_scope' && turn.parse.intent.confidence >= SURELY_ELSEWHERE;
    const [asked] = elsewhere ? [] : askedFacets(deps, turn, deps.knowledge().getProcedure(turn.memory.procedure));
    if (asked) return (t) => answerFacet(deps, t, asked);
    const ranked = turn.parse.intent_ranking.find((r) => r.name in facetOfIntent && r.name !== 'office_location');
    if (!ranked || ranked.confidence < FOLLOW_UP_CONFIDENCE) return undefined;
    return (t) => answerFacet(deps, t, facetOfIntent[ranked.name]);
  };
}

/**
 * A typed reply to the question the assistant just asked (kept one turn): the variant ("xe máy" to "xe máy hay ô tô?"),
 * a procedure of the family asked about, or another part of it ("ở đâu" after "which registration?", asked again for it).
 */
export function createPendingReply(deps: ProcedureHandlerDeps): (turn: Turn) => Handler | undefined {
  return (turn) => {
    const awaiting = turn.memory.awaiting;
    delete turn.memory.awaiting;
    if (!awaiting || turn.text.startsWith('/') || !isFacet(awaiting.facet)) return undefined;
    const facet = awaiting.facet;
    if (awaiting.entity) return turn.entity(awaiting.entity) ? (t) => answerFacet(deps, t, facet) : undefined;
    const group = awaiting.group && deps.groups[awaiting.group];
    if (!group) return undefined;
    const id = turn.entity('procedure');
    if (id) return group.includes(id) ? (t) => answerFacet(deps, t, facet) : undefined;
    const [asked] = askedFacets(deps, turn);
    return asked && !turn.entity('procedure_group') ? (t) => askGroup(deps, t, awaiting.group!, asked) : undefined;
  };
}

/**
 * "Which of these?": one button per procedure of the family, for the part asked; a typed reply is read next turn. A belief
 * every member corrects alike ("làm căn cước phải về quê") is corrected now: the tap that follows carries no words.
 */
function askGroup(deps: ProcedureHandlerDeps, turn: Turn, group: string, facet: Facet): Promise<void> {
  const { t } = turn;
  const ids = deps.groups[group];
  turn.memory.awaiting = { facet, group };
  const reader = new ContentReader(turn.locale);
  const message = turn.text.startsWith('/') ? '' : turn.text;
  const each = ids.map((id) => deps.knowledge().getProcedure(id)).map((p) => (p ? corrections(t, reader, p, message) : []));
  const shared = each[0]?.filter((line) => each.every((lines) => lines.includes(line))) ?? [];
  return turn.say({ text: [...shared, t('procedure:ask.group')].join('\n'), buttons: [...ids.map((id) => procedureButton(t, id, facet)), menuButton(t)] });
}

/**
 * An office question that also asks other things about a procedure ("làm căn cước ở đâu, mang gì"): every part is
 * answered by the procedure answer. A question only about offices stays with `officeLocation`.
 */
export function createWhereHandler(deps: ProcedureHandlerDeps, officeLocation: Handler): Handler {
  return (turn) => {
    const procedure = named(turn, 'procedure') ?? turn.memory.procedure;
    const more = askedFacets(deps, turn).some((f) => f !== 'where');
    return procedure && more && !turn.entity('location') ? answerFacet(deps, turn, 'where') : officeLocation(turn);
  };
}

/**
 * The procedure (or family) the message itself names. One the learned model only guessed while the message names none
 * ("mất mấy ngày" read as gplx-doi-cap-lai) gives way to the procedure being discussed.
 */
function named(turn: Turn, entity: 'procedure' | 'procedure_group'): string | undefined {
  const mention = turn.parse.entities.find((e) => e.entity === entity);
  return mention?.extractor === PROCEDURE_MODEL && turn.memory.procedure ? undefined : mention?.value;
}

/** What picks a variant: this message's entities first (remembered for later questions), then memory. */
function slotsOf(turn: Turn): Slots {
  const remembered = (turn.memory.slots ??= {});
  for (const entity of VARIANT_ENTITIES) {
    const value = turn.entity(entity);
    if (value) remembered[entity] = value;
  }
  return { ...remembered };
}

/** "Xe máy hay ô tô ạ?": asked before quoting a fee that differs by variant, with one button per variant. */
function askVariant(turn: Turn, procedure: Procedure, slots: Slots): Promise<void> | undefined {
  if (procedure.fee.status === 'missing') return undefined;
  const entity = pendingVariant(procedure.fee.value, slots);
  if (!entity) return undefined;
  const { t } = turn;
  const buttons = variantValues(procedure.fee.value, entity).map((value) => ({
    title: t(`procedure:variants.${entity}.${value}`),
    payload: payload('procedure_fee', { procedure: procedure.id, [entity]: value }),
  }));
  const title = new ContentReader(turn.locale).read(procedure.title);
  turn.memory.awaiting = { facet: 'fee', entity };
  return turn.say({ text: t(`procedure:ask.variant.${entity}`, { title }), buttons: [...buttons, menuButton(t)] });
}

async function answerFacet(deps: ProcedureHandlerDeps, turn: Turn, facet: Facet): Promise<void> {
  const { t } = turn;
  if (await deps.answerTopic?.(turn)) return;
  const id = named(turn, 'procedure');
  const group = named(turn, 'procedure_group');
  const procedure = id ? deps.knowledge().getProcedure(id) : undefined;
  // Remembered before any question back: "phí đăng ký xe máy" is not asked "xe máy hay ô tô?" after its family's buttons.
  const slots = slotsOf(turn);
  if (!procedure && group && deps.groups[group]) return askGroup(deps, turn, group, facet);
  const current = procedure ?? (turn.memory.procedure ? deps.knowledge().getProcedure(turn.memory.procedure) : undefined);
  if (!current) {
    await turn.say({ text: t('procedure:ask.which'), buttons: [...fieldButtons(t), menuButton(t)] });
    return;
  }
  turn.memory.procedure = current.id;
  if (facet === 'fee') {
    const asked = askVariant(turn, current, slots);
    if (asked) return asked;
  }
  const asked = askedFacets(deps, turn, current);
  // Every part asked, in the citizen's order (the intent's own first when no cue marks it); a fee that needs the
  // vehicle first waits for its button.
  const waits = (f: Facet) => f !== facet && f === 'fee' && current.fee.status !== 'missing' && pendingVariant(current.fee.value, slots) !== undefined;
  // "Làm căn cước ở đâu", "nộp ở xã hay lên tỉnh" are procedure_info with the where facet (issue 10, the writers'
  // convention): a general question that asks where, and not how, gets the parts it asks, not the steps card first.
  // So is the amount of a fine ("vượt đèn đỏ phạt bao nhiêu", the parser's `fine` facet): it gets the fine's part, not the steps.
  const specific = facet === 'info' && (asked.includes('where') || askedFine(turn, current)) && !asked.includes('info');
  const parts = (asked.includes(facet) || specific ? asked : [facet, ...asked]).filter((f) => !waits(f));
  // A tap says nothing of the citizen's beliefs (and its payload names the procedure id): only typed words count.
  const context = { slots, message: turn.text.startsWith('/') ? undefined : turn.text };
  // A part over one message's budget opens the next message; past MAX_PARTS, the parts left are named above their buttons.
  // Each message keeps the text last measured with a part kept: drawn once per part, not once more at the end.
  const messages: { parts: TextFacet[]; text: string }[] = [];
  const leftOut: TextFacet[] = [];
  for (const part of parts) {
    if (part === 'where') continue;
    const last = messages.at(-1);
    if (messages.flatMap((m) => m.parts).length >= MAX_PARTS) {
      leftOut.push(part);
      continue;
    }
    const joined = last && describeFacets(t, turn.locale, current, [...last.parts, part], context);
    if (last && joined && joined.length <= ANSWER_BUDGET_CHARS) [last.parts, last.text] = [[...last.parts, part], joined];
    else messages.push({ parts: [part], text: describeFacets(t, turn.locale, current, [part], context) });
  }
  const where = parts.includes('where');
  const answered = messages.flatMap((m) => m.parts);
  const buttons = facetButtons(t, current.id, [...answered, ...(where ? ['where' as const] : [])], asked);
  const note = leftOut.length > 0 ? [t('procedure:leftOut', { parts: leftOut.map((f) => t(`procedure:facets.${f}`)).join(', ') })] : [];
  for (const [i, message] of messages.entries()) {
    const closing = i === messages.length - 1;
    await turn.say({ text: [message.text, ...(closing ? note : [])].join('\n\n'), buttons: closing && !where ? [...buttons, menuButton(t)] : undefined });
  }
  // The offices come last, in a message of their own, with the buttons for what is left.
  if (where) await deps.answerWhere(turn, current.id, buttons);
}

/** Most parts one answer holds, and the length each of its messages keeps to (about a phone screen). */
const MAX_PARTS = 3;
const ANSWER_BUDGET_CHARS = 1500;

/**
 * Every facet the message asks, in the order asked: the parser's `facet` entities and the question words. A fine's amount
 * (`fine`) is the fee part of a procedure whose content has a fine (its part says what the fine depends on); of another
 * procedure it asks no part: its fee is a lệ phí, which the citizen did not ask.
 */
function askedFacets(deps: Pick<ProcedureHandlerDeps, 'questionWords'>, turn: Turn, procedure?: Procedure): Facet[] {
  const parsed = turn.parse.entities.flatMap((e) => {
    const value = e.entity === 'facet' && e.value === FINE_FACET && procedure?.fine ? 'fee' : e.value;
    return e.entity === 'facet' && isFacet(value) ? [{ facet: value, start: e.start }] : [];
  });
  const worded = turn.text.startsWith('/') ? [] : deps.questionWords(turn.text);
  const ordered = [...parsed, ...worded].sort((a, b) => a.start - b.start).map((a) => a.facet);
  return [...new Set(ordered)];
}

// The parser's facet for the amount of a fine (src/understanding/slots.ts).
const FINE_FACET = 'fine';

/** Whether the message asks the amount of a fine of a procedure whose content has one. */
function askedFine(turn: Turn, procedure: Procedure): boolean {
  return procedure.fine !== undefined && turn.parse.entities.some((e) => e.entity === 'facet' && e.value === FINE_FACET);
}

/** Browsing for people who do not know the words: fields, then the procedures of one field. */
export function createProcedureListHandler(deps: Pick<ProcedureHandlerDeps, 'knowledge' | 'groups'>): Handler {
  return async (turn) => {
    const { t } = turn;
    const field = turn.entity('field');
    const group = turn.entity('procedure_group');
    const ids = field
      ? deps.knowledge().proceduresByField(field).map((p) => p.id)
      : group && deps.groups[group]
        ? [...deps.groups[group]]
        : [];
    if (ids.length === 0) {
      await turn.say({ text: t('procedure:list.fields'), buttons: [...fieldButtons(t), menuButton(t)] });
      return;
    }
    const fieldName = field ? t(`menu.items.${field}`) : '';
    await turn.say({
      text: field ? t('procedure:list.procedures', { field: fieldName }) : t('procedure:ask.group'),
      buttons: [...ids.map((id) => procedureButton(t, id)), menuButton(t)],
    });
  };
}
