/** Zod schemas for content/procedures/<id>.yaml and content/fields.yaml. */
import { z } from 'zod';
import { factSchema, KnownStatusSchema } from './fact-schema';
import { FIELD_IDS, PROCEDURE_IDS, type ProcedureId } from './taxonomy';

const text = z.string().trim().min(1);
const httpUrl = z.url({ protocol: /^https?$/ });

/** Vietnamese text with an optional English rendering (the bot falls back to vi). */
export const LocalizedSchema = z.strictObject({ vi: text, en: text.optional() });

/** Who receives the dossier: commune police, a provincial department, or the ministry. */
export const LevelSchema = z.enum(['commune', 'provincial', 'ministry']);

/** One stage of doing a procedure online, typed so the bot can render each with its own icon or button. */
export const OnlineStepSchema = z.strictObject({
  kind: z.enum(['account', 'login', 'form', 'upload', 'pay', 'appointment', 'result', 'other']),
  text,
});

/** The online channel and level (toàn trình / một phần / không). */
export const OnlineSchema = z.strictObject({
  level: z.enum(['toan-trinh', 'mot-phan', 'khong']),
  channels: z.array(z.enum(['vneid', 'dvc-bca', 'dvc-quoc-gia'])).min(1),
  url: httpUrl,
  steps: z.array(OnlineStepSchema),
});

/** A fee: amounts in VND for each case, or free; with the circular that sets it. */
export const FeeSchema = z.strictObject({
  free: z.boolean(),
  amounts: z.array(
    z.strictObject({
      case: text.optional(),
      inPersonVnd: z.number().int().nonnegative().optional(),
      onlineVnd: z.number().int().nonnegative().optional(),
    }),
  ),
  exemptions: text.optional(),
  circular: text.optional(),
});

/** A document to bring or upload; `form` is a form code such as CT01, TK01, ĐKX10. */
export const DocumentSchema = z.strictObject({
  name: text,
  form: text.optional(),
  when: text.optional(),
});

/** A common mistake or trap, with how sure we are. */
export const PitfallSchema = z.strictObject({
  text,
  status: KnownStatusSchema,
  note: text.optional(),
  sources: z.array(text).optional(),
});

/** An outdated claim people still cite, with the correction the bot gives. */
export const OutdatedSchema = z.strictObject({
  claim: text,
  correction: text,
  sources: z.array(text).optional(),
});

/** A research source referenced by tag (S1, S2 ...) from the facts file. */
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
  who: factSchema(z.strictObject({ must: text.optional(), may: text.optional() })),
  where: factSchema(z.strictObject({ text, levels: z.array(LevelSchema).min(1) })),
  steps: factSchema(z.array(text).min(1)),
  documents: factSchema(z.array(DocumentSchema).min(1)),
  fee: factSchema(FeeSchema),
  processingTime: factSchema(text),
  online: factSchema(OnlineSchema),
  result: factSchema(text).optional(),
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
});
