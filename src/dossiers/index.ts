import type { Router } from 'express';
import type { AdminAuth } from '../admin';
import type { DialogEntry } from '../bot/assistant-bot';
import type { Handler } from '../bot/handler';
import type { Reply } from '../bot/reply';
import type { Coordination } from '../coordination';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../ops/logger';
import type { ChannelUser, OutboxMessage, Store } from '../store/ports';
import type { Locale } from '../understanding/types';
import { systemClock, type Clock } from '../store/store-options';
import { typedLast4 } from './phone';
import { DossierDialog } from './chat/dossier-dialog';
import { createDossierHandler } from './chat/dossier-handler';
import { createCsvVocabulary } from './csv-vocabulary';
import { createDossierService, type DossierService } from './dossier-service';
import { createImportJournal } from './import-journal';
import { createDossierRouter } from './http/dossier-router';
import { createLookupGuard, DEFAULT_LOOKUP_LIMITS, observedLookupGuard, type LookupLimits, type LookupOutcome } from './lookup-guard';
import { createDossierAudit } from './lookup-audit';
import { createOutboxDrain, type OutboxDrain } from './outbox-drain';
import { renderStatusNotice, STATUS_NOTICE_KIND } from './status-notice';

export { DOSSIER_DIALOG } from './chat/dossier-dialog';
export { DEFAULT_LOOKUP_LIMITS, type LookupLimits, type LookupOutcome } from './lookup-guard';
export { createOutboxDrain, type OutboxDrain } from './outbox-drain';

/** What the dossier module is built from. */
export interface DossierModuleDeps {
  store: Pick<Store, 'dossiers' | 'outbox' | 'audit'>;
  coordination: Coordination;
  translator: Translator;
  auth: Pick<AdminAuth, 'requireRole' | 'requireStaff' | 'requireDossierWriter'>;
  logger: Logger;
  maxBodyBytes: number;
  /** The procedure's display name from content, or undefined to show the id. */
  procedureName?: (id: string, locale: Locale) => string | undefined;
  limits?: Partial<LookupLimits>;
  now?: Clock;
  /** Told of each watcher a status notice was queued for (platform channels push it when their window allows). */
  noticeQueued?: (watcher: ChannelUser) => void;
  /** Told how each answer to the verification question ended (metrics). */
  onLookup?: (outcome: LookupOutcome) => void;
}

/** The dossier capability: the staff/integration API, the chat handler and dialog, and how its outbox notices are taken and drawn. */
export interface DossierModule {
  router: Router;
  handlers: { dossier_status: Handler };
  dialogs: DialogEntry[];
  /** `drain` takes a citizen's waiting notices (any channel); `render` draws one (undefined for other kinds). */
  outbox: { drain: OutboxDrain; render: (message: OutboxMessage) => Reply | undefined; kind: string };
  service: DossierService;
}

/** Assembles the dossier module. */
export function createDossierModule(deps: DossierModuleDeps): DossierModule {
  const now = deps.now ?? systemClock;
  const { dossiers, outbox } = deps.store;
  const audit = createDossierAudit(deps.store.audit, now);
  const limits = { ...DEFAULT_LOOKUP_LIMITS, ...deps.limits };
  const bare = createLookupGuard(deps.coordination, limits);
  const guard = deps.onLookup ? observedLookupGuard(bare, deps.onLookup) : bare;
  const service = createDossierService({ dossiers, outbox, noticeQueued: deps.noticeQueued });
  const render = (m: OutboxMessage) => (m.kind === STATUS_NOTICE_KIND ? renderStatusNotice(m, deps.translator.forLocale) : undefined);
  const procedureName = (id: string, locale: Locale) => deps.procedureName?.(id, locale) ?? id;
  const chat = { dossiers, guard, audit, procedureName, now, questionSeconds: limits.questionSeconds };
  return {
    router: createDossierRouter({
      service,
      imports: createImportJournal({ audit: deps.store.audit, coordination: deps.coordination, now }),
      dossiers,
      audit,
      auth: deps.auth,
      maxBodyBytes: deps.maxBodyBytes,
      logger: deps.logger,
      now,
      vocabulary: () => createCsvVocabulary(deps.translator.forLocale('vi'), (id) => deps.procedureName?.(id, 'vi')),
    }),
    handlers: { dossier_status: createDossierHandler(chat) },
    // A short answer (code, 4 digits) is expected: a confident new question may interrupt the lookup. The digits
    // prove who the citizen is, so they are never kept where an officer could read them.
    dialogs: [{ dialog: new DossierDialog(chat), interrupt: 'short-answer', confidential: true, answers: (turn) => typedLast4(turn.text) !== undefined }],
    outbox: { drain: createOutboxDrain(outbox, render), render, kind: STATUS_NOTICE_KIND },
    service,
  };
}
