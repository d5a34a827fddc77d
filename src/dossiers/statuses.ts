/** Dossier statuses from the public taxonomy contract (shared/contract/taxonomy.yaml → dossier_statuses). */

// The one list in code. Labels and explanations live in content/locales/<lang>/dossier.json under `status.<id>`;
// names are a public contract: only ever added, never renamed.
export const DOSSIER_STATUSES = [
  'received',
  'processing',
  'supplement_required',
  'ready',
  'returned',
  'returned_by_post',
  'rejected',
  'withdrawn',
] as const;

/** A taxonomy dossier status. */
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Statuses after which the result has reached the citizen (they count as "returned" in reports). */
export const RETURNED_STATUSES: readonly DossierStatus[] = ['returned', 'returned_by_post'];

/** Statuses that close the dossier: `completedAt` is stamped when one is reached. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['returned', 'returned_by_post', 'rejected', 'withdrawn'];

const statusSet: ReadonlySet<string> = new Set(DOSSIER_STATUSES);

/** True for a taxonomy dossier status. */
export function isDossierStatus(value: string): value is DossierStatus {
  return statusSet.has(value);
}
