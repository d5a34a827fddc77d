import { Schema, type Connection } from 'mongoose';
import { initialised } from './models';

/** A dossier document; `_id` is the code and the status history is embedded (it stays short). */
export interface DossierDoc {
  _id: string;
  procedure: string;
  status: string;
  receivedAt: Date;
  dueAt: Date;
  completedAt?: Date | null;
  updatedAt: Date;
  statusChangedAt: Date;
  submission?: string | null;
  returnMethod?: string | null;
  unit?: string | null;
  note?: string | null;
  applicantMasked: string;
  phoneLast4: string;
  history: { status: string; at: Date }[];
}

export interface DossierWatcherDoc {
  code: string;
  channel: string;
  userId: string;
  locale: string;
  createdAt: Date;
}

export interface OutboxDoc {
  _id: string;
  key: string;
  channel: string;
  userId: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date;
  claimedUntil: Date | null;
  deliveredAt: Date | null;
}

const plain = { versionKey: false, minimize: false } as const;
const optionalText = { type: String, default: null };

const dossierSchema = new Schema<DossierDoc>(
  {
    _id: String,
    procedure: { type: String, required: true },
    status: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
    statusChangedAt: { type: Date, required: true },
    submission: optionalText,
    returnMethod: optionalText,
    unit: optionalText,
    note: optionalText,
    applicantMasked: { type: String, required: true },
    phoneLast4: { type: String, required: true },
    history: { type: [{ _id: false, status: { type: String, required: true }, at: { type: Date, required: true } }], default: [] },
  },
  plain,
);
// The report scans by these two ranges, like SQLite's indexes.
dossierSchema.index({ receivedAt: 1 });
dossierSchema.index({ completedAt: 1 }, { partialFilterExpression: { completedAt: { $type: 'date' } } });
// The staff list filters by status and due date, procedure or unit (as SQLite's migration 15).
dossierSchema.index({ status: 1, dueAt: 1 });
dossierSchema.index({ procedure: 1, receivedAt: -1 });
dossierSchema.index({ unit: 1, receivedAt: -1 });

const watcherSchema = new Schema<DossierWatcherDoc>(
  {
    code: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    locale: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  plain,
);
watcherSchema.index({ code: 1, channel: 1, userId: 1 }, { unique: true });
// Export and erasure per user, and the age sweep (docs/personal-data.md).
watcherSchema.index({ channel: 1, userId: 1 });
watcherSchema.index({ createdAt: 1 });

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: String,
    key: { type: String, required: true, unique: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    claimedUntil: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  plain,
);
outboxSchema.index({ channel: 1, userId: 1, deliveredAt: 1, createdAt: 1 });
outboxSchema.index({ createdAt: 1 });

function bind(conn: Connection) {
  return {
    dossiers: conn.model('Dossier', dossierSchema, 'dossiers'),
    watchers: conn.model('DossierWatcher', watcherSchema, 'dossier_watchers'),
    outbox: conn.model('Outbox', outboxSchema, 'outbox'),
  };
}

/** The dossier and outbox models, bound to one connection. */
export type DossierModels = ReturnType<typeof bind>;

/** Binds the dossier and outbox models with their indexes in place (the outbox key must be unique from the first write). */
export function createDossierModels(conn: Connection): Promise<DossierModels> {
  return initialised(bind(conn));
}
