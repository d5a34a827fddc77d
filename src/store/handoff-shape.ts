import type { HandoffMessage, HandoffRecord } from './ports';

/** A field that a store row or document may leave empty (SQLite NULL, a missing MongoDB field). */
type Stored<T> = { [K in keyof Required<T>]: {} extends Pick<T, K> ? T[K] | null | undefined : T[K] };

/** Drops empty optional fields, so both adapters answer records of exactly the same shape. */
function present<T extends object>(fields: Stored<T>): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined)) as T;
}

/** A hand-off as the ports answer it, from what an adapter read. */
export function handoffRecord(fields: Stored<HandoffRecord>): HandoffRecord {
  return present<HandoffRecord>(fields);
}

/** A transcript line as the ports answer it, from what an adapter read. */
export function handoffMessage(fields: Stored<HandoffMessage>): HandoffMessage {
  return present<HandoffMessage>(fields);
}
