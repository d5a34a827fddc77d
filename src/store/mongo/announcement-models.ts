import { Schema, type Connection } from 'mongoose';
import type { AnnouncementStatus, DeliveryOutcome } from '../ports';
import { initialised } from './models';

export interface AnnouncementDoc {
  _id: string;
  title: string;
  body: string;
  topics: string[];
  channels: string[];
  communes: string[];
  status: AnnouncementStatus;
  author: string;
  createdAt: Date;
  updatedAt: Date;
  scheduledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  cursor: { channel: string; userId: string } | null;
  planned: boolean;
}

/** One recipient of one announcement; `_id` is `<announcement>/<channel>/<userId>`, the idempotency key itself. */
export interface DeliveryDoc {
  _id: string;
  announcementId: string;
  channel: string;
  userId: string;
  locale: string;
  outcome: DeliveryOutcome;
  reason: string | null;
  updatedAt: Date;
}

const plain = { versionKey: false, minimize: false } as const;

const announcementSchema = new Schema<AnnouncementDoc>(
  {
    _id: String,
    title: { type: String, required: true },
    body: { type: String, required: true },
    topics: { type: [String], default: [] },
    channels: { type: [String], default: [] },
    communes: { type: [String], default: [] },
    status: { type: String, required: true },
    author: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    scheduledAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    cursor: { type: new Schema({ channel: String, userId: String }, { _id: false }), default: null },
    planned: { type: Boolean, default: false },
  },
  plain,
);
announcementSchema.index({ createdAt: -1, _id: -1 });
announcementSchema.index({ scheduledAt: 1 }, { partialFilterExpression: { status: 'scheduled' } });

const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: String,
    announcementId: { type: String, required: true },
    channel: { type: String, required: true },
    userId: { type: String, required: true },
    locale: { type: String, required: true },
    outcome: { type: String, required: true },
    reason: { type: String, default: null },
    updatedAt: { type: Date, required: true },
  },
  plain,
);
// Senders take pending rows in (channel, userId) order, like SQLite's index.
deliverySchema.index({ announcementId: 1, outcome: 1, channel: 1, userId: 1 });
deliverySchema.index({ channel: 1, userId: 1 });

/** The announcement models bound to `conn`, with their indexes in place. */
export function createAnnouncementModels(conn: Connection) {
  return initialised({
    announcements: conn.model('Announcement', announcementSchema, 'announcements'),
    deliveries: conn.model('AnnouncementDelivery', deliverySchema, 'announcement_deliveries'),
  });
}

export type AnnouncementModels = Awaited<ReturnType<typeof createAnnouncementModels>>;
