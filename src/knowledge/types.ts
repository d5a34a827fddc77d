/** Public types of the knowledge module, derived from the zod schemas. */
import type { z } from 'zod';
import type { LocationEntry } from '../understanding/types';
import type { KnownStatusSchema } from './fact-schema';
import type { LocalizedSchema, LocalTextSchema, ProcedureSchema, VARIANT_ENTITIES } from './procedure-schema';
import type { OfficeRowSchema } from './office-schema';
import type { FormerProvinceSchema, TopicSchema } from './topic-schema';
import type { FieldId, ProcedureId } from './taxonomy';

export type { FieldId, ProcedureId } from './taxonomy';
export type { LocationEntry } from '../understanding/types';
export type { ContentProblem } from './content-problem';
export type { WeeklyHours, HoursRule, Weekday } from './hours';

/** How sure a known fact is: current | check | conflict | unverified. */
export type KnownStatus = z.infer<typeof KnownStatusSchema>;

/** Every fact status, including `missing` (not found in any source). */
export type FactStatus = KnownStatus | 'missing';

/** A status-flagged fact: known (with `value`) or missing (with `checkAt`, where to check). */
export type Fact<T> =
  | { status: KnownStatus; value: T; note?: LocalText; editorNote?: string; sources?: string[] }
  | { status: 'missing'; checkAt: string; note?: LocalText; editorNote?: string };

/** Vietnamese text with optional English. */
export type Localized = z.infer<typeof LocalizedSchema>;

/** Citizen-facing content text: Vietnamese alone or with its English reference translation. */
export type LocalText = z.infer<typeof LocalTextSchema>;

/** An entity whose value picks a variant of a fact (vehicle_type). */
export type VariantEntity = (typeof VARIANT_ENTITIES)[number];

/** One procedure, as validated from content/procedures/<id>.yaml. */
export type Procedure = z.infer<typeof ProcedureSchema>;

/** A field (lĩnh vực) for menus. */
export interface FieldInfo {
  id: FieldId;
  name: Localized;
  order: number;
  procedureIds: ProcedureId[];
}

/** A police question answered from content/police-topics.yaml (not a whole procedure). */
export type Topic = z.infer<typeof TopicSchema>;

/** A province merged into this one, from content/former-provinces.yaml. */
export type FormerProvince = z.infer<typeof FormerProvinceSchema>;

/** One unit of the office directory (content/offices.csv). */
export type Office = z.output<typeof OfficeRowSchema>;

/** Answer of isOpenAt: known open/closed, or unknown when hours are missing. */
export type OpenState = true | false | 'unknown';

/** Which kind of name matched a place query; `district` means an old district (huyện) that several units took over. */
export type MatchKind = 'name' | 'alias' | 'former' | 'district';

/** One office found for a place text. */
export interface OfficeMatch {
  office: Office;
  matchedName: string;
  matchedBy: MatchKind;
  score: number;
}

/** An office with its distance from a point, when both have coordinates. */
export interface OfficeDistance {
  office: Office;
  distanceKm?: number;
}

/** Where the citizen is, to rank offices for a procedure. */
export interface Near {
  placeText?: string;
  lat?: number;
  lon?: number;
}

/** The loaded, validated content and its queries (pure and synchronous). */
export interface Knowledge {
  readonly contentDir: string;
  readonly loadedAt: Date;
  getProcedure(id: string): Procedure | undefined;
  listProcedures(): Procedure[];
  proceduresByField(field: string): Procedure[];
  listFields(): FieldInfo[];
  procedureAliases(): Record<ProcedureId, string[]>;
  listOffices(): Office[];
  getOffice(id: string): Office | undefined;
  findOffices(placeText: string): OfficeMatch[];
  officesFor(procedureId: string, near?: Near): OfficeDistance[];
  nearestOffices(lat: number, lon: number, limit?: number): Array<Required<OfficeDistance>>;
  isOpenAt(office: Office, date: Date): OpenState;
  locationEntries(): LocationEntry[];
  listTopics(): Topic[];
  /** The police topic a message names (weapons, fireworks, a locked VNeID…), if any. */
  findTopic(text: string): Topic | undefined;
  /** The merged province a message names (its name, its police or one of its former districts), if any. */
  formerProvinceIn(text: string): FormerProvince | undefined;
}
