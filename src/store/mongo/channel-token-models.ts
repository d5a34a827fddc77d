import { Schema, type Connection } from 'mongoose';
import { initialised } from './models';

/** A platform's token record; `_id` is the channel name, so there is exactly one per platform. */
export interface ChannelTokenDoc {
  _id: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  seed: string;
  updatedAt: Date;
  failure?: { at: Date; reason: string; terminal: boolean } | null;
}

const channelTokenSchema = new Schema<ChannelTokenDoc>(
  {
    _id: String,
    accessToken: { type: String, required: true },
    refreshToken: { type: String, required: true },
    accessExpiresAt: { type: Date, required: true },
    seed: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    failure: { type: new Schema({ at: Date, reason: String, terminal: Boolean }, { _id: false }), default: null },
  },
  { versionKey: false },
);

/** The channel-token model bound to `conn`. */
export async function createChannelTokenModel(conn: Connection) {
  const { channelTokens } = await initialised({ channelTokens: conn.model('ChannelToken', channelTokenSchema, 'channel_tokens') });
  return channelTokens;
}

export type ChannelTokenModel = Awaited<ReturnType<typeof createChannelTokenModel>>;
