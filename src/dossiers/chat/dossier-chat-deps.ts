import type { DossierRepository } from '../../store/ports';
import type { Clock } from '../../store/store-options';
import type { Locale } from '../../understanding/types';
import type { LookupGuard } from '../lookup-guard';
import type { RecordDossierAudit } from '../lookup-audit';

/** What the dossier conversation needs. */
export interface DossierChatDeps {
  dossiers: DossierRepository;
  guard: LookupGuard;
  audit: RecordDossierAudit;
  /** The procedure's display name (from content); the id when content does not know it. */
  procedureName: (id: string, locale: Locale) => string;
  now: Clock;
  /** How long a "4 số cuối" question stays open. */
  questionSeconds: number;
}
