import { Schema, type Connection } from 'mongoose';
import { initialised } from './models';

/** A platform event key seen until `expiresAt`; `_id` is the key, so the unique index is what makes firstSeen atomic. */
export interface SeenEventDoc {
  _id: string;
  expiresAt: Date;
}

/** An acknowledged webhook delivery, leased to the process handling it. */
export interface JournalDoc {
  _id: string;
  channel: string;
  body: string;
  receivedAt: Date;
  leasedUntil: Date;
  attempts: number;
  /** What failed attempts had done (DeliveryProgress); absent until one fails. */
  progress?: { decided: string[]; failedAttempts: number[] };
}

const plain = { versionKey: false, minimize: false } as const;

const seenEventSchema = new Schema<SeenEventDoc>({ _id: String, expiresAt: { type: Date, required: true } }, plain);
// MongoDB deletes expired keys itself; firstSeen still compares expiresAt because the sweep runs only once a minute.
seenEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const journalSchema = new Schema<JournalDoc>(
  {
    _id: String,
    channel: { type: String, required: true },
    body: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    leasedUntil: { type: Date, required: true },
    // Kept before the field existed: counted from their first replay.
    attempts: { type: Number, default: 1 },
    progress: { type: { _id: false, decided: [String], failedAttempts: [Number] }, required: false },
  },
  plain,
);
journalSchema.index({ channel: 1, leasedUntil: 1 });

/** The inbound models bound to `conn`, with their indexes in place. */
export function createInboundModels(conn: Connection) {
  return initialised({
    seenEvents: conn.model('SeenEvent', seenEventSchema, 'seen_events'),
    journal: conn.model('InboundJournal', journalSchema, 'inbound_journal'),
  });
}

export type InboundModels = Awaited<ReturnType<typeof createInboundModels>>;
