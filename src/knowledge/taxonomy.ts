/** Procedure ids and fields from the public taxonomy contract (shared/contract/taxonomy.yaml). */

// Ids are a public contract: only ever added, never renamed. Names live in content/, not here.
/** Field (lĩnh vực) ids used for menus. */
export const FIELD_IDS = ['cu-tru', 'can-cuoc', 'xuat-nhap-canh', 'giao-thong', 'pccc', 'antt', 'tu-phap'] as const;

/** A field (lĩnh vực) id. */
export type FieldId = (typeof FIELD_IDS)[number];

/** Every taxonomy procedure id with the field it belongs to. */
export const PROCEDURE_FIELDS = {
  'thuong-tru': 'cu-tru',
  'tam-tru': 'cu-tru',
  'luu-tru': 'cu-tru',
  'tam-vang': 'cu-tru',
  'xac-nhan-cu-tru': 'cu-tru',
  'can-cuoc-cap-moi': 'can-cuoc',
  'can-cuoc-cap-doi': 'can-cuoc',
  'can-cuoc-cap-lai': 'can-cuoc',
  'dinh-danh-dien-tu': 'can-cuoc',
  'ho-chieu': 'xuat-nhap-canh',
  'dang-ky-xe': 'giao-thong',
  'sang-ten-xe': 'giao-thong',
  'thu-hoi-dang-ky-xe': 'giao-thong',
  'nop-phat-giao-thong': 'giao-thong',
  'pccc-tham-duyet': 'pccc',
  'pccc-nghiem-thu': 'pccc',
  'pccc-phuong-an-chua-chay': 'pccc',
  'pccc-van-chuyen-hang-nguy-hiem': 'pccc',
  'pccc-chung-nhan-huan-luyen': 'pccc',
  'pccc-phuc-hoi-hoat-dong': 'pccc',
  'antt-kinh-doanh-co-dieu-kien': 'antt',
  'con-dau': 'antt',
  // Version 2: police services since 2025.
  'ly-lich-tu-phap': 'tu-phap',
  'gplx-doi-cap-lai': 'giao-thong',
  'gplx-sat-hach-cap-moi': 'giao-thong',
  'gplx-quoc-te': 'giao-thong',
  'gplx-phuc-hoi-diem': 'giao-thong',
  'xac-nhan-so-cmnd': 'can-cuoc',
  'trinh-bao-mat-ho-chieu': 'xuat-nhap-canh',
  'dieu-chinh-thong-tin-dan-cu': 'can-cuoc',
} as const satisfies Record<string, FieldId>;

/** A taxonomy procedure id. */
export type ProcedureId = keyof typeof PROCEDURE_FIELDS;

/** All procedure ids in taxonomy order. */
export const PROCEDURE_IDS = Object.keys(PROCEDURE_FIELDS) as ProcedureId[];

/** True when the string is a taxonomy procedure id. */
export function isProcedureId(value: string): value is ProcedureId {
  return Object.prototype.hasOwnProperty.call(PROCEDURE_FIELDS, value);
}
