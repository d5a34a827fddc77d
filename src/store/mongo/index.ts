import { createActivityModels, createMongoActivityLog, type ActivityModels } from './activity-log';
import type { Store } from '../ports';
import { systemClock, type StoreOptions } from '../store-options';
import { createMongoAccountRepository } from './account-repository';
import { createAnnouncementModels, type AnnouncementModels } from './announcement-models';
import { createMongoAnnouncementRepository } from './announcement-repository';
import { createMongoAuditLog } from './audit-log';
import { createChannelTokenModel, type ChannelTokenModel } from './channel-token-models';
import { createMongoChannelTokenRepository } from './channel-token-repository';
import { openMongoConnection, type MongoConnectionOptions } from './connection';
import { createContactModel, type ContactModel } from './contact-models';
import { createMongoContactRepository } from './contact-repository';
import { createDossierModels, type DossierModels } from './dossier-models';
import { createMongoDossierRepository } from './dossier-repository';
import { createMongoFeedbackRepository } from './feedback-repository';
import { createMongoHandoffRepository, upgradeOldHandoffs } from './handoff-repository';
import { createMongoInboundJournal } from './inbound-journal';
import { createInboundModels, type InboundModels } from './inbound-models';
import { createMongoModels, type MongoModels } from './models';
import { createMongoOutboxRepository } from './outbox-repository';
import { createMongoRecentLines, createRecentLinesModel, type RecentLinesModel } from './recent-lines';
import { createMongoSeenEventLog } from './seen-event-log';
import { createMongoStateStore } from './state-store';
import { createMongoUnansweredLog } from './unanswered-log';
import { parallelTurnReader } from '../turn-reader';
import { sequentialTurnWriter } from '../turn-writer';

/** Options of the MongoDB store. */
export interface MongoStoreOptions extends StoreOptions, MongoConnectionOptions {}

/** The MongoDB store on its own connection; answers once the connection is up and every index exists. */
export async function createMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<Store> {
  const conn = await openMongoConnection(uri, options);
  let models: MongoModels;
  let dossierModels: DossierModels;
  let contactModel: ContactModel;
  let channelTokenModel: ChannelTokenModel;
  let inboundModels: InboundModels;
  let activityModels: ActivityModels;
  let announcementModels: AnnouncementModels;
  let recentLinesModel: RecentLinesModel;
  try {
    models = await createMongoModels(conn);
    dossierModels = await createDossierModels(conn);
    contactModel = await createContactModel(conn);
    channelTokenModel = await createChannelTokenModel(conn);
    inboundModels = await createInboundModels(conn);
    activityModels = await createActivityModels(conn);
    announcementModels = await createAnnouncementModels(conn);
    recentLinesModel = await createRecentLinesModel(conn);
    await upgradeOldHandoffs(models);
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw err;
  }
  const now = options.now ?? systemClock;
  const state = createMongoStateStore(models.state, now);
  const contacts = createMongoContactRepository(contactModel);
  const activity = createMongoActivityLog(activityModels);
  const recentLines = createMongoRecentLines(recentLinesModel);
  const handoffs = createMongoHandoffRepository(models, now);
  const outbox = createMongoOutboxRepository(dossierModels.outbox, now);
  const { save } = sequentialTurnWriter(state, contacts, activity, recentLines);
  return {
    kind: 'mongodb',
    state,
    turns: { read: parallelTurnReader(state, handoffs, outbox).read, save },
    recentLines,
    feedback: createMongoFeedbackRepository(models.feedback, models.counters, now),
    handoffs,
    unanswered: createMongoUnansweredLog(models.unanswered, now),
    accounts: createMongoAccountRepository(models.accounts, models.sessions),
    audit: createMongoAuditLog(models.audit),
    dossiers: createMongoDossierRepository(dossierModels, now),
    outbox,
    contacts,
    channelTokens: createMongoChannelTokenRepository(channelTokenModel),
    seenEvents: createMongoSeenEventLog(inboundModels.seenEvents, now),
    inboundJournal: createMongoInboundJournal(inboundModels.journal, now),
    activity,
    announcements: createMongoAnnouncementRepository(announcementModels),
    async ping() {
      // Checked first: after close() the driver may not fail fast, and /readyz must not hang.
      if (conn.readyState !== 1 || !conn.db) throw new Error('MongoDB connection is not open');
      await conn.db.admin().ping();
    },
    async close() {
      await conn.close();
    },
  };
}
