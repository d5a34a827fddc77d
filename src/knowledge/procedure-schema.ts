/** Zod schemas for content/procedures/<id>.yaml and content/fields.yaml. */
import { z } from 'zod';
import { factSchema, KnownStatusSchema, LocalizedSchema, LocalTextSchema } from './fact-schema';
import { FIELD_IDS, PROCEDURE_IDS, type ProcedureId } from './taxonomy';

export { LocalizedSchema, LocalTextSchema } from './fact-schema';

const text = z.string().trim().min(1);
const httpUrl = z.url({ protocol: /^https?$/ });

/** Who receives the dossier: commune police, a provincial department, or the ministry. */
export const LevelSchema = z.enum(['commune', 'provincial', 'ministry']);

/**
 * Entities whose value picks one variant of a fact (the motorbike fee, not the car fee). The parser or a button
 * sets them; values are free lower-case words (motorbike, car…) each with a button label in the locale files.
 */
export const VARIANT_ENTITIES = ['vehicle_type'] as const;

/** The entity values a variant applies to, e.g. `{ vehicle_type: motorbike }`. */
export const VariantConditionSchema = z.partialRecord(z.enum(VARIANT_ENTITIES), z.string().regex(/^[a-z][a-z0-9-]*$/));

/** One stage of doing a procedure online, typed so the bot can render each with its own icon or button. */
export const OnlineStepSchema = z.strictObject({
  kind: z.enum(['account', 'login', 'form', 'upload', 'pay', 'appointment', 'result', 'other']),
  text: LocalTextSchema,
});

/** The online channel and level (toàn trình / một phần / không). */
export const OnlineSchema = z.strictObject({
  level: z.enum(['toan-trinh', 'mot-phan', 'khong']),
  channels: z.array(z.enum(['vneid', 'dvc-bca', 'dvc-quoc-gia'])).min(1),
  url: httpUrl,
  steps: z.array(OnlineStepSchema),
});

/**
 * One fee line: for a case and/or a variant (`when`). `vnd` is the amount whatever the channel; `inPersonVnd` and
 * `onlineVnd` when the sources give them per channel. Without any amount the line states the figure is not known.
 */
export const FeeAmountSchema = z.strictObject({
  case: LocalTextSchema.optional(),
  when: VariantConditionSchema.optional(),
  vnd: z.number().int().nonnegative().optional(),
  inPersonVnd: z.number().int().nonnegative().optional(),
  onlineVnd: z.number().int().nonnegative().optional(),
});

/** A fee: amounts in VND for each case or variant, or free; with the circular that sets it. */
export const FeeSchema = z.strictObject({
  free: z.boolean(),
  amounts: z.array(FeeAmountSchema),
  exemptions: LocalTextSchema.optional(),
  circular: LocalTextSchema.optional(),
});

/** What a fine depends on and how to pay it (nộp phạt): asked as "bao nhiêu tiền", it is not a fee. */
export const FineSchema = z.strictObject({
  dependsOn: LocalTextSchema,
  howToPay: z.array(LocalTextSchema).min(1),
});

/** A document to bring or upload; `form` is a form code such as CT01, TK01, ĐKX10. */
export const DocumentSchema = z.strictObject({
  name: LocalTextSchema,
  form: text.optional(),
  when: LocalTextSchema.optional(),
});

/** A common mistake or trap, with how sure we are. */
export const PitfallSchema = z.strictObject({
  text: LocalTextSchema,
  status: KnownStatusSchema,
  note: LocalTextSchema.optional(),
  editorNote: text.optional(),
  sources: z.array(text).optional(),
});

/**
 * An outdated claim people still cite, with the correction the bot gives when the citizen's message repeats it
 * (`mentions`: phrases that show the claim, matched without diacritics). Without `mentions` it stays for editors.
 */
export const OutdatedSchema = z.strictObject({
  claim: LocalTextSchema,
  correction: LocalTextSchema,
  mentions: z.array(text).optional(),
  sources: z.array(text).optional(),
});

/** A research source referenced by tag (S1, S2 ...) from the facts file: for editors, never shown to citizens. */
export const SourceSchema = z.strictObject({
  id: text,
  title: text,
  url: httpUrl.optional(),
  date: text.optional(),
});

/** One procedure file. */
export const ProcedureSchema = z.strictObject({
  id: z.enum(PROCEDURE_IDS as [ProcedureId, ...ProcedureId[]]),
  field: z.enum(FIELD_IDS),
  title: LocalizedSchema,
  officialName: factSchema(text),
  nationalCode: factSchema(text).optional(),
  aliases: z.array(text).min(1),
  who: factSchema(z.strictObject({ must: LocalTextSchema.optional(), may: LocalTextSchema.optional() })),
  where: factSchema(z.strictObject({ text: LocalTextSchema, levels: z.array(LevelSchema).min(1) })),
  steps: factSchema(z.array(LocalTextSchema).min(1)),
  documents: factSchema(z.array(DocumentSchema).min(1)),
  fee: factSchema(FeeSchema),
  fine: factSchema(FineSchema).optional(),
  processingTime: factSchema(LocalTextSchema),
  online: factSchema(OnlineSchema),
  result: factSchema(LocalTextSchema).optional(),
  legalBasis: factSchema(z.array(text).min(1)),
  pitfalls: z.array(PitfallSchema),
  outdated: z.array(OutdatedSchema),
  sources: z.array(SourceSchema).min(1),
  sourceUrl: httpUrl,
  reviewedAt: z.iso.date(),
});

/** content/fields.yaml: the fields (lĩnh vực) in menu order, plus the words that name a kind of place. */
export const FieldsFileSchema = z.strictObject({
  fields: z
    .array(z.strictObject({ id: z.enum(FIELD_IDS), name: LocalizedSchema, order: z.number().int() }))
    .min(1),
  placeTypes: z.array(text).min(1),
  districtTypes: z.array(text).default([]),
});
