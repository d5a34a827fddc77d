import { Schema, type Connection } from 'mongoose';

/** A state document; `data` is the same JSON text SQLite keeps, so both stores answer identical shapes. */
export interface StateDoc {
  _id: string;
  data: string;
  eTag: string;
  updatedAt: Date;
}

/** A named counter: one per Vietnamese day for feedback (`feedback:YYYYMMDD`) and hand-offs (`handoff:YYYYMMDD`), one per hand-off for its lines. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

export interface FeedbackDoc {
  reference: string;
  day: string;
  sequence: number;
  channel: string;
  userId: string;
  text: string;
  createdAt: Date;
}

export interface HandoffDoc {
  /** The reference, HT-YYYYMMDD-NNNN. */
  _id: string;
  day: string;
  sequence: number;
  channel: string;
  userId: string;
  locale: string;
  reason: string;
  status: 'waiting' | 'engaged' | 'closed';
  /** True until closed: the partial unique index keys on it (older servers cannot filter an index with `$in`). */
  open: boolean;
  createdAt: Date;
  lastMessage: string;
  /** How many transcript lines were numbered so far: each append reserves the next numbers atomically. */
  lines: number;
  citizenWroteAt?: Date;
  officerWroteAt?: Date;
  claimedBy?: string;
  claimedAt?: Date;
  closedAt?: Date;
}

/** One transcript line; `seq` orders the lines of a hand-off as they were appended. */
export interface HandoffMessageDoc {
  handoffId: string;
  seq: number;
  at: Date;
  from: 'citizen' | 'bot' | 'officer';
  text: string;
  officer?: string;
  failure?: string;
}

export interface UnansweredDoc {
  channel: string;
  userId: string;
  text: string;
  intent: string;
  confidence: number;
  createdAt: Date;
}

export interface AccountDoc {
  username: string;
  passwordHash: string;
  roles: string[];
  disabled: boolean;
  createdAt: Date;
}

export interface SessionDoc {
  _id: string;
  username: string;
  expiresAt: Date;
}

export interface AuditDoc {
  at: Date;
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

// Mongoose's `required` refuses '' for strings, but a sticker-only message or an empty intent is a real value
// that SQLite keeps, so free text is only typed; the ports' TypeScript types already demand the field.
const freeText = { type: String };

// No __v (nothing uses optimistic versioning through mongoose) and keep empty objects as given.
const plain = { versionKey: false, minimize: false } as const;

const stateSchema = new Schema<StateDoc>(
  { _id: String, data: { type: String, required: true }, eTag: { type: String, required: true }, updatedAt: { type: Date, required: true } },
  plain,
);
// purgeOlderThan sweeps by updatedAt; retention stays explicit (no TTL) so both stores expire state the same way.
stateSchema.index({ updatedAt: 1 });

const counterSchema = new Schema<CounterDoc>({ _id: String, seq: { type: Number, required: true } }, plain);

const feedbackSchema = new Schema<FeedbackDoc>(
  {
    reference: { type: String, required: true, unique: true },
    day: { type: String, required: true },
    sequence: { type: Number, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    text: freeText,
    createdAt: { type: Date, required: true },
  },
  plain,
);
feedbackSchema.index({ day: 1, sequence: 1 }, { unique: true });
feedbackSchema.index({ createdAt: -1 });
// A citizen's records are found by user for export and erasure (docs/personal-data.md), like SQLite's migration 16.
feedbackSchema.index({ channel: 1, userId: 1 });

const handoffSchema = new Schema<HandoffDoc>(
  {
    _id: String,
    day: { type: String, required: true },
    sequence: { type: Number, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    locale: { type: String, required: true },
    reason: freeText,
    status: { type: String, required: true, enum: ['waiting', 'engaged', 'closed'] },
    open: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    lastMessage: freeText,
    lines: { type: Number, required: true },
    citizenWroteAt: Date,
    officerWroteAt: Date,
    claimedBy: String,
    claimedAt: Date,
    closedAt: Date,
  },
  plain,
);
// Same guarantee as SQLite's partial unique index: concurrent opens for one user end with one open hand-off.
// Named, so it never collides with the index of the first schema (keyed on status 'open', which no document has now).
handoffSchema.index({ channel: 1, userId: 1 }, { name: 'one_open_handoff_per_user', unique: true, partialFilterExpression: { open: true } });
handoffSchema.index({ open: 1, createdAt: 1 });
handoffSchema.index({ channel: 1, userId: 1 });
handoffSchema.index({ closedAt: 1 }, { partialFilterExpression: { open: false } });

const handoffMessageSchema = new Schema<HandoffMessageDoc>(
  {
    handoffId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    from: { type: String, required: true, enum: ['citizen', 'bot', 'officer'] },
    text: freeText,
    officer: String,
    failure: String,
  },
  plain,
);
handoffMessageSchema.index({ handoffId: 1, seq: 1 }, { unique: true });

const unansweredSchema = new Schema<UnansweredDoc>(
  {
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    text: freeText,
    intent: freeText,
    confidence: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  plain,
);
unansweredSchema.index({ createdAt: -1 });
unansweredSchema.index({ channel: 1, userId: 1 });

const accountSchema = new Schema<AccountDoc>(
  {
    username: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    roles: { type: [String], required: true },
    disabled: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
  },
  plain,
);

const sessionSchema = new Schema<SessionDoc>(
  { _id: String, username: { type: String, required: true }, expiresAt: { type: Date, required: true } },
  plain,
);
// MongoDB sweeps expired sessions itself; findSession still checks expiresAt because the sweep runs only once a minute.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ username: 1 });

const auditSchema = new Schema<AuditDoc>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: { type: String, required: true },
    detail: { type: Schema.Types.Mixed },
  },
  plain,
);
auditSchema.index({ at: -1 });
auditSchema.index({ action: 1, at: -1 });
auditSchema.index({ target: 1, at: -1 });
auditSchema.index({ actor: 1 });

function bindModels(conn: Connection) {
  return {
    state: conn.model('State', stateSchema, 'state'),
    counters: conn.model('Counter', counterSchema, 'counters'),
    feedback: conn.model('Feedback', feedbackSchema, 'feedback'),
    handoffs: conn.model('Handoff', handoffSchema, 'handoffs'),
    handoffMessages: conn.model('HandoffMessage', handoffMessageSchema, 'handoffMessages'),
    unanswered: conn.model('Unanswered', unansweredSchema, 'unanswered'),
    accounts: conn.model('Account', accountSchema, 'accounts'),
    sessions: conn.model('Session', sessionSchema, 'sessions'),
    audit: conn.model('Audit', auditSchema, 'audit'),
  };
}

/** Every model of the store, bound to one connection (types as mongoose infers them from the schemas). */
export type MongoModels = ReturnType<typeof bindModels>;

/** Waits until every model's collection and indexes exist, so unique keys hold from the first write. */
export async function initialised<T extends Record<string, { init(): Promise<unknown> }>>(models: T): Promise<T> {
  await Promise.all(Object.values(models).map((m) => m.init()));
  return models;
}

/** Binds the models to `conn`, with their indexes in place. */
export function createMongoModels(conn: Connection): Promise<MongoModels> {
  return initialised(bindModels(conn));
}
