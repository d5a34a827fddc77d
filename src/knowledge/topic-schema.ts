/** Zod schemas for content/police-topics.yaml and content/former-provinces.yaml. */
import { z } from 'zod';
import { KnownStatusSchema, LocalTextSchema } from './fact-schema';
import { PROCEDURE_IDS, type ProcedureId } from './taxonomy';

const text = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-"');

/**
 * A question the police handle that is not a whole procedure here (weapons, fireworks, a locked VNeID account…):
 * answered from content with how sure it is and where to check, instead of "ngoài phạm vi".
 */
export const TopicSchema = z.strictObject({
  id: slug,
  /** Phrases that name the topic, written normally; matched as whole words without diacritics. */
  keywords: z.array(text).min(1),
  status: KnownStatusSchema,
  answer: LocalTextSchema,
  checkAt: z.url({ protocol: /^https?$/ }),
  /** A procedure the answer leads on to (shown as a button). */
  procedure: z.enum(PROCEDURE_IDS as [ProcedureId, ...ProcedureId[]]).optional(),
  sources: z.array(text).min(1),
  reviewedAt: z.iso.date(),
});

/** content/police-topics.yaml */
export const TopicsFileSchema = z.strictObject({ topics: z.array(TopicSchema).min(1) });

/** A province merged into this one (Bắc Kạn into Thái Nguyên on 1 July 2025): names citizens still use, and the notice. */
export const FormerProvinceSchema = z.strictObject({
  id: slug,
  /** Names of the former province and its police ("tỉnh Bắc Kạn", "Công an tỉnh Bắc Kạn"). */
  names: z.array(text).min(1),
  /** Its former districts, written as in offices.csv `former_districts` ("huyện Ba Bể"; a test holds them to it). */
  districts: z.array(text).min(1),
  notice: LocalTextSchema,
  sources: z.array(text).min(1),
});

/** content/former-provinces.yaml */
export const FormerProvincesFileSchema = z.strictObject({ formerProvinces: z.array(FormerProvinceSchema).min(1) });
