import type { TFunction } from 'i18next';
import { VARIANT_ENTITIES, type Knowledge, type Procedure } from '../../knowledge';
import type { Handler } from '../handler';
import { fieldButtons, menuButton } from '../handlers/menu';
import { payload, type Button } from '../reply';
import type { Turn } from '../turn';
import { ContentReader } from './fact-text';
import { facetButtons, facetOfIntent, type Facet } from './facets';
import { pendingVariant, variantValues, type Slots } from './fee-variants';
import { describeFacet } from './procedure-answer';

export interface ProcedureHandlerDeps {
  knowledge: () => Knowledge;
  /** Procedure families the parser may name without the exact procedure (căn cước → cấp mới / đổi / lại). */
  groups: Readonly<Record<string, readonly string[]>>;
  /** Answers the "where" facet (offices for the procedure); owned by the office conversation. */
  answerWhere: (turn: Turn, procedureId: string) => Promise<void>;
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

/**
 * A short follow-up ("còn lệ phí thì sao?") is unclear on its own but clear in context: when a procedure is
 * being discussed and a facet question ranks well, answer that facet of the same procedure.
 */
export function createProcedureFollowUp(deps: ProcedureHandlerDeps): (turn: Turn) => Handler | undefined {
  return (turn) => {
    if (!turn.memory.procedure) return undefined;
    const ranked = turn.parse.intent_ranking.find((r) => r.name in facetOfIntent && r.name !== 'office_location');
    if (!ranked || ranked.confidence < FOLLOW_UP_CONFIDENCE) return undefined;
    return (t) => answerFacet(deps, t, facetOfIntent[ranked.name]);
  };
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
  return turn.say({ text: t(`procedure:ask.variant.${entity}`, { title }), buttons: [...buttons, menuButton(t)] });
}

async function answerFacet(deps: ProcedureHandlerDeps, turn: Turn, facet: Facet): Promise<void> {
  const { t } = turn;
  if (await deps.answerTopic?.(turn)) return;
  const named = turn.entity('procedure');
  const group = turn.entity('procedure_group');
  const procedure = named ? deps.knowledge().getProcedure(named) : undefined;
  if (!procedure && group && deps.groups[group]) {
    await turn.say({
      text: t('procedure:ask.group'),
      buttons: [...deps.groups[group].map((id) => procedureButton(t, id, facet)), menuButton(t)],
    });
    return;
  }
  const current = procedure ?? (turn.memory.procedure ? deps.knowledge().getProcedure(turn.memory.procedure) : undefined);
  if (!current) {
    await turn.say({ text: t('procedure:ask.which'), buttons: [...fieldButtons(t), menuButton(t)] });
    return;
  }
  turn.memory.procedure = current.id;
  if (facet === 'where') return deps.answerWhere(turn, current.id);
  const slots = slotsOf(turn);
  if (facet === 'fee') {
    const asked = askVariant(turn, current, slots);
    if (asked) return asked;
  }
  await turn.say({
    // A tap says nothing of the citizen's beliefs (and its payload names the procedure id): only typed words count.
    text: describeFacet(t, turn.locale, current, facet, { slots, message: turn.text.startsWith('/') ? undefined : turn.text }),
    buttons: [...facetButtons(t, current.id, facet, askedFacets(turn)), menuButton(t)],
  });
}

/** Every facet the message asked (parser `facet` entities), for a message that asks several things at once. */
function askedFacets(turn: Turn): string[] {
  return turn.parse.entities.flatMap((e) => (e.entity === 'facet' ? [e.value] : []));
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
