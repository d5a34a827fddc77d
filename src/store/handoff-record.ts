import { randomUUID } from 'node:crypto';
import type { HandoffRecord } from './ports';

/** A new open hand-off for the user, as both adapters store it. */
export function newHandoffRecord(input: Omit<HandoffRecord, 'id' | 'status' | 'createdAt'>, createdAt: Date): HandoffRecord {
  return {
    id: randomUUID(),
    channel: input.channel,
    userId: input.userId,
    reason: input.reason,
    lastMessage: input.lastMessage,
    status: 'open',
    createdAt,
  };
}
