import type { AccountRepository, AuditLog } from './accounts';
import type { ActivityLog } from './activity';
import type { AnnouncementRepository } from './announcements';
import type { ChannelTokenRepository } from './channel-tokens';
import type { ContactRepository } from './contacts';
import type { FeedbackRepository, HandoffRepository, UnansweredLog } from './conversation-records';
import type { DossierRepository } from './dossiers';
import type { InboundJournal, SeenEventLog } from './inbound';
import type { OutboxRepository } from './outbox';
import type { RecentLineStore } from './recent-lines';
import type { StateStore } from './state';
import type { TurnStore } from './turns';

export * from './accounts';
export * from './activity';
export * from './announcements';
export * from './channel-tokens';
export * from './contacts';
export * from './conversation-records';
export * from './dossiers';
export * from './inbound';
export * from './outbox';
export * from './personal-data';
export * from './recent-lines';
export * from './state';
export * from './turns';

/** Everything the assistant keeps, behind ports that the SQLite and MongoDB adapters both implement. */
export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  state: StateStore;
  /** What a turn reads at its start (memory, open hand-off, whether messages wait), read together; what it leaves, written together. */
  turns: TurnStore;
  /** The last few lines of each conversation, appended by its turns (`turns`), read when a hand-off opens. */
  recentLines: RecentLineStore;
  feedback: FeedbackRepository;
  handoffs: HandoffRepository;
  unanswered: UnansweredLog;
  accounts: AccountRepository;
  audit: AuditLog;
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  contacts: ContactRepository;
  channelTokens: ChannelTokenRepository;
  /** Platform event ids already handled (webhook de-duplication without Redis). */
  seenEvents: SeenEventLog;
  /** Acknowledged webhook deliveries not processed yet. */
  inboundJournal: InboundJournal;
  /** Questions counted per day, channel and intent, for the staff charts. */
  activity: ActivityLog;
  /** Announcements to subscribers and their per-recipient deliveries. */
  announcements: AnnouncementRepository;
  /** Throws when the storage cannot be reached (used by /readyz). */
  ping(): Promise<void>;
  /**
   * Starts the work a store created with `deferBackground` keeps for later (SQLite's WAL checkpoints in their own
   * thread); once only, and nothing for a store that has none or started it already.
   */
  startBackground?(): void;
  close(): Promise<void>;
}
