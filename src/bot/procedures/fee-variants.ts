import { VARIANT_ENTITIES, type Procedure, type VariantEntity } from '../../knowledge';

type Fee = Extract<Procedure['fee'], { value: unknown }>['value'];
type Amount = Fee['amounts'][number];

/** What the citizen told us that picks a variant of a fact (from this message's entities or from memory). */
export type Slots = Partial<Record<VariantEntity, string>>;

/** The values each variant entity takes in this fee, in content order ("motorbike", "car"). */
export function variantValues(fee: Fee, entity: VariantEntity): string[] {
  return [...new Set(fee.amounts.flatMap((a) => (a.when?.[entity] ? [a.when[entity]] : [])))];
}

/** The variant entity the fee depends on that the citizen has not told us yet: ask it before quoting a figure. */
export function pendingVariant(fee: Fee, slots: Slots): VariantEntity | undefined {
  return VARIANT_ENTITIES.find((e) => variantValues(fee, e).length > 0 && slots[e] === undefined);
}

/**
 * The fee lines for what was asked: lines without a variant always, and the lines of the citizen's variant. A value
 * the content has no line for (a truck when only motorbike and car are written) shows every line, each with its case.
 */
export function amountsFor(fee: Fee, slots: Slots): Amount[] {
  const relevant = VARIANT_ENTITIES.filter((e) => slots[e] !== undefined && variantValues(fee, e).includes(slots[e]!));
  return fee.amounts.filter((a) => relevant.every((e) => a.when?.[e] === undefined || a.when[e] === slots[e]));
}
