import type { Store } from '../ports';
import { systemClock, type StoreOptions } from '../store-options';
import { createSqliteAccountRepository } from './account-repository';
import { createSqliteActivityLog } from './activity-log';
import { createSqliteAnnouncementRepository } from './announcement-repository';
import { createSqliteAuditLog } from './audit-log';
import { createSqliteChannelTokenRepository } from './channel-token-repository';
import { createSqliteContactRepository } from './contact-repository';
import { checkpointInBackground } from './checkpointer';
import { openSqlite } from './database';
import { createSqliteDossierRepository } from './dossier-repository';
import { createSqliteFeedbackRepository } from './feedback-repository';
import { createSqliteHandoffRepository } from './handoff-repository';
import { createSqliteInboundJournal } from './inbound-journal';
import { createSqliteOutboxRepository } from './outbox-repository';
import { createSqliteRecentLines } from './recent-lines';
import { createSqliteSeenEventLog } from './seen-event-log';
import { createSqliteStateStore } from './state-store';
import { createSqliteTurnReader } from './turn-reader';
import { createSqliteTurnWriter } from './turn-writer';
import { createSqliteUnansweredLog } from './unanswered-log';

/** The embedded store: one SQLite file under `dataDir`, migrated on open. Used when no MongoDB URI is configured. */
export function createSqliteStore(dataDir: string, options: StoreOptions = {}): Store {
  const db = openSqlite(dataDir);
  // A turn's commit no longer copies the WAL into the database now and then (two fsyncs on the event loop).
  const checkpoints = checkpointInBackground(db, {
    deferred: options.deferBackground,
    onFailure: (err) => process.emitWarning(`${err.message}; the database checkpoints its WAL itself again`, 'SqliteCheckpointWarning'),
  });
  const now = options.now ?? systemClock;
  const writer = createSqliteTurnWriter(db, now);
  const journal = createSqliteInboundJournal(db, now);
  const reader = createSqliteTurnReader(db, now);
  return {
    kind: 'sqlite',
    state: createSqliteStateStore(db, now),
    turns: { read: reader.read, save: writer.save },
    recentLines: createSqliteRecentLines(db),
    feedback: createSqliteFeedbackRepository(db, now),
    handoffs: createSqliteHandoffRepository(db, now),
    unanswered: createSqliteUnansweredLog(db, now),
    accounts: createSqliteAccountRepository(db, now),
    audit: createSqliteAuditLog(db),
    dossiers: createSqliteDossierRepository(db, now),
    outbox: createSqliteOutboxRepository(db, now),
    contacts: createSqliteContactRepository(db),
    channelTokens: createSqliteChannelTokenRepository(db),
    seenEvents: createSqliteSeenEventLog(db, now),
    inboundJournal: journal,
    activity: createSqliteActivityLog(db),
    announcements: createSqliteAnnouncementRepository(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    startBackground() {
      checkpoints.start();
    },
    async close() {
      writer.flush();
      journal.flush();
      await checkpoints.stop();
      db.close();
    },
  };
}
