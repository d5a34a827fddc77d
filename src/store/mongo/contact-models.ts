import { Schema, type Connection } from 'mongoose';
import { initialised } from './models';

/** A contact document: one per channel user, `_id` is `<channel>/<userId>` so upserts need no unique-index race. */
export interface ContactDoc {
  _id: string;
  channel: string;
  userId: string;
  locale: string;
  firstSeenAt: Date;
  lastInteractionAt: Date;
  following?: boolean | null;
  unreachableAt?: Date | null;
  subscribedAt?: Date | null;
  topics: string[];
  communes: string[];
}

const contactSchema = new Schema<ContactDoc>(
  {
    _id: String,
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    locale: { type: String, required: true },
    firstSeenAt: { type: Date, required: true },
    lastInteractionAt: { type: Date, required: true },
    following: { type: Boolean, default: null },
    unreachableAt: { type: Date, default: null },
    subscribedAt: { type: Date, default: null },
    topics: { type: [String], default: [] },
    communes: { type: [String], default: [] },
  },
  { versionKey: false, minimize: false },
);
// Audiences are streamed in (channel, userId) order over subscribers only, like SQLite's partial index.
contactSchema.index({ channel: 1, userId: 1 }, { partialFilterExpression: { subscribedAt: { $type: 'date' } } });
// The age sweep (docs/personal-data.md).
contactSchema.index({ lastInteractionAt: 1 });

/** The contact model bound to `conn`, with its indexes in place. */
export async function createContactModel(conn: Connection) {
  const { contacts } = await initialised({ contacts: conn.model('Contact', contactSchema, 'contacts') });
  return contacts;
}

export type ContactModel = Awaited<ReturnType<typeof createContactModel>>;
