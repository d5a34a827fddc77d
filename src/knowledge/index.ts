/** The knowledge module: procedures and offices content, validated, searchable and hot-reloadable. */
export { loadKnowledge, tryLoadKnowledge } from './load-knowledge';
export { KnowledgeHolder, type KnowledgeHolderOptions, type ReloadResult } from './knowledge-holder';
export { importOfficesCsv, type ImportResult } from './import-offices-csv';
export { parseOfficesCsv, OFFICES_FILE } from './offices-csv';
export { OFFICE_COLUMNS } from './office-schema';
export { ContentError, formatProblem } from './content-problem';
export { haversineKm } from './geo';
export { parseHours, OFFICE_TIME_ZONE } from './hours';
export { FIELD_IDS, PROCEDURE_IDS, PROCEDURE_FIELDS, isProcedureId } from './taxonomy';
export type * from './types';
export { viText, enText } from './local-text';
export { VARIANT_ENTITIES } from './procedure-schema';
export { longestMention } from './mentions';
export { citizenTexts, findShorthand, missingEnglish, PITFALLS_ON_CARD } from './citizen-text';
