/**
 * Citizens' rights over their data (Nghị định 13/2023/NĐ-CP; Law on Personal Data Protection from 1 January 2026):
 * each store part that keeps records about a channel user can hand them over and erase them on request, and drops
 * them on its own after a configured age. docs/personal-data.md lists every part and what it keeps.
 */
import type { ChannelUser } from './conversation-records';

/** A store part that keeps records about citizens; `src/store/personal-data.ts` registers each one by name. */
export interface PersonalDataHolder {
  /** Every record this part keeps about `user`, as plain values (dates stay Dates; JSON turns them into ISO text). */
  exportUser(user: ChannelUser): Promise<object[]>;
  /** Deletes every record this part keeps about `user`; answers how many records went. */
  eraseUser(user: ChannelUser): Promise<number>;
}

/** A part whose records expire: removes those older than `before` by the part's own rule; answers how many went. */
export interface AgedRecords {
  purgeOlderThan(before: Date): Promise<number>;
}
