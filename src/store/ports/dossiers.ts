/** Dossier (hồ sơ) records pushed by the one-stop system, their status history, and who asked to be told of changes. */
import type { ChannelUser } from './conversation-records';
import type { PersonalDataHolder } from './personal-data';

/** How the dossier was filed; reports split online from in-person filings. */
export type SubmissionChannel = 'online' | 'in_person';

/** How the result reaches the citizen. */
export type ReturnMethod = 'in_person' | 'post' | 'online';

/**
 * One dossier as stored. Personal data is kept only as far as the chat needs it:
 * the applicant's name already masked ("Nguyễn V. B.") and the last 4 digits of the phone (the verification secret).
 */
export interface DossierRecord {
  /** Normalised: upper case, no spaces, [A-Z0-9.-]. */
  code: string;
  procedure: string;
  /** A taxonomy dossier status. */
  status: string;
  receivedAt: Date;
  dueAt: Date;
  completedAt?: Date;
  /** The one-stop system's time of this version; older versions are ignored. */
  updatedAt: Date;
  /** When the current status began (the `updatedAt` of the write that set it). */
  statusChangedAt: Date;
  submission?: SubmissionChannel;
  returnMethod?: ReturnMethod;
  /** The unit handling the dossier and handing out the result. */
  unit?: string;
  /** The officer's note for the citizen (what to supplement, why refused). */
  note?: string;
  applicantMasked: string;
  phoneLast4: string;
}

/** One status the dossier went through. */
export interface DossierStatusChange {
  status: string;
  at: Date;
}

/** What an upsert did: `created` a new record, `applied` a newer or same-time version, `ignored` an older one. */
export type DossierUpsertOutcome = 'created' | 'applied' | 'ignored';

export interface DossierUpsertResult {
  outcome: DossierUpsertOutcome;
  /** The record as stored after the call (the existing one when ignored). */
  record: DossierRecord;
}

/** A dossier write; `statusChangedAt` is the store's to decide. */
export type DossierInput = Omit<DossierRecord, 'statusChangedAt'>;

/** One line of the staff report, for one group (procedure id, unit, or month `YYYY-MM` in Vietnam time). */
export interface DossierReportCounts {
  group: string;
  /** Received in the period (by receivedAt). */
  received: number;
  receivedOnline: number;
  receivedInPerson: number;
  /** Result handed over in the period (a returned status, by completedAt). */
  returned: number;
  /** Of those returned: before the due day, on the due day, after the due time (Vietnam calendar days). */
  returnedEarly: number;
  returnedOnTime: number;
  returnedLate: number;
}

export interface DossierReportQuery {
  from: Date;
  /** Exclusive. */
  to: Date;
  groupBy: 'procedure' | 'unit' | 'month';
  /** The statuses that mean the result reached the citizen (from the taxonomy, owned by the domain). */
  returnedStatuses: readonly string[];
}

/** A citizen who asked to be told when a dossier's status changes, in the language they used. */
export interface DossierWatcher extends ChannelUser {
  locale: string;
}

/**
 * Which dossiers the staff list shows; every given criterion must hold. `open` means "not in one of
 * `closedStatuses`" (a closed dossier is never overdue); `dueBefore` / `dueFrom` bound `dueAt`.
 */
export interface DossierListFilter {
  statuses?: readonly string[];
  procedure?: string;
  unit?: string;
  open?: { closedStatuses: readonly string[] };
  dueFrom?: Date;
  /** Exclusive. */
  dueBefore?: Date;
  /** `due`: soonest due first (overdue and due-soon views); `received`: newest first. */
  order: 'due' | 'received';
  offset: number;
  limit: number;
}

/** One page of the list and how many match in all. */
export interface DossierListPage {
  total: number;
  records: DossierRecord[];
}

/** The personal data here is who watches which dossier (exported and erased per user); dossiers are the one-stop system's records. */
export interface DossierRepository extends PersonalDataHolder {
  /** The staff list: one page of the dossiers matching `filter`, in its order (code breaks ties). */
  list(filter: DossierListFilter): Promise<DossierListPage>;
  /** Stores `input` unless the stored version is newer; appends to the history when the status changes. */
  upsert(input: DossierInput): Promise<DossierUpsertResult>;
  /** Same as `upsert` for each input in order, in one transaction (SQLite) so a batch lands whole or not at all. */
  upsertMany(inputs: readonly DossierInput[]): Promise<DossierUpsertResult[]>;
  get(code: string): Promise<DossierRecord | undefined>;
  /** Status changes, oldest first. */
  history(code: string): Promise<DossierStatusChange[]>;
  report(query: DossierReportQuery): Promise<DossierReportCounts[]>;
  /** Adds (or refreshes the locale of) a watcher of `code`. */
  watch(code: string, watcher: DossierWatcher): Promise<void>;
  unwatch(code: string, user: ChannelUser): Promise<void>;
  watchers(code: string): Promise<DossierWatcher[]>;
  /** Forgets watches started before `before`; answers how many went. */
  purgeWatchersOlderThan(before: Date): Promise<number>;
}
