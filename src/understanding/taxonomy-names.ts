/** Names from the public taxonomy contract (shared/contract/taxonomy.yaml): identifiers only, never renamed. */

/** Every intent name the parser may return. */
export const INTENT_NAMES = [
  'greeting', 'goodbye', 'thanks', 'help', 'procedure_list', 'procedure_info', 'procedure_documents',
  'procedure_fee', 'procedure_duration', 'procedure_online', 'office_location', 'office_hours',
  'dossier_status', 'subscribe', 'unsubscribe', 'feedback', 'human_agent', 'emergency', 'crime_report',
  'change_language', 'news', 'out_of_scope',
] as const;

/** Procedure ids, the values of the `procedure` entity. */
export const PROCEDURE_IDS = [
  'thuong-tru', 'tam-tru', 'luu-tru', 'tam-vang', 'xac-nhan-cu-tru',
  'can-cuoc-cap-moi', 'can-cuoc-cap-doi', 'can-cuoc-cap-lai', 'dinh-danh-dien-tu',
  'ho-chieu', 'dang-ky-xe', 'sang-ten-xe', 'thu-hoi-dang-ky-xe', 'nop-phat-giao-thong',
  'pccc-tham-duyet', 'pccc-nghiem-thu', 'pccc-phuong-an-chua-chay', 'pccc-van-chuyen-hang-nguy-hiem',
  'pccc-chung-nhan-huan-luyen', 'pccc-phuc-hoi-hoat-dong', 'antt-kinh-doanh-co-dieu-kien', 'con-dau',
  'ly-lich-tu-phap', 'gplx-doi-cap-lai', 'gplx-sat-hach-cap-moi', 'gplx-quoc-te', 'gplx-phuc-hoi-diem',
  'xac-nhan-so-cmnd', 'trinh-bao-mat-ho-chieu', 'dieu-chinh-thong-tin-dan-cu',
] as const;

export type IntentName = (typeof INTENT_NAMES)[number];

/** The intents that ask about a procedure, and the part of it each asks for ("where" is an office question about it). */
export const PROCEDURE_FACET_OF_INTENT = {
  procedure_info: 'info',
  procedure_documents: 'documents',
  procedure_fee: 'fee',
  procedure_duration: 'duration',
  procedure_online: 'online',
  office_location: 'where',
} as const satisfies Partial<Record<IntentName, string>>;

const intentSet: ReadonlySet<string> = new Set(INTENT_NAMES);
const procedureSet: ReadonlySet<string> = new Set(PROCEDURE_IDS);

/** True for a taxonomy intent name. */
export function isIntentName(name: string): name is IntentName {
  return intentSet.has(name);
}

/** True for a taxonomy procedure id. */
export function isProcedureId(id: string): boolean {
  return procedureSet.has(id);
}
