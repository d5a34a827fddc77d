/**
 * A citizen's request about their own data (Nghị định 13/2023/NĐ-CP, art. 14 and 16; Law on Personal Data Protection
 * from 1 January 2026): hand over everything kept about one channel user, or erase it, across every collection.
 */
import { createHash } from 'node:crypto';
import type { ChannelUser, PersonalDataHolder, Store } from '../store/ports';
import type { Clock } from '../store/store-options';

/**
 * Every collection that keeps records about a channel user, by the name the export shows. A new collection that keeps
 * personal data implements PersonalDataHolder in both stores and is added here with one line.
 */
export function personalDataRegistry(store: Store): Readonly<Record<string, PersonalDataHolder>> {
  return {
    conversations: store.state,
    // The last lines of each conversation (what a hand-off's transcript starts from), kept apart from its memory.
    conversationLines: store.recentLines,
    feedback: store.feedback,
    unanswered: store.unanswered,
    handoffs: store.handoffs,
    dossierLookups: store.audit,
    dossierWatches: store.dossiers,
    outbox: store.outbox,
    daysWritten: store.activity,
    announcementDeliveries: store.announcements,
    // Last: an erase interrupted midway leaves the contact, so the citizen is still known and the request can rerun.
    contacts: {
      exportUser: async (user) => {
        const contact = await store.contacts.get(user);
        return contact ? [contact] : [];
      },
      eraseUser: async (user) => Number(await store.contacts.remove(user)),
    },
  };
}

/** What an export hands over: the user, when, and each collection's records (empty lists included: nothing kept there). */
export interface CitizenExport {
  user: ChannelUser;
  exportedAt: Date;
  collections: Record<string, object[]>;
}

/** What an erase removed, per collection. */
export interface CitizenErasure {
  user: ChannelUser;
  erasedAt: Date;
  erased: Record<string, number>;
  total: number;
}

export interface CitizenDataService {
  export(user: ChannelUser, actor: string): Promise<CitizenExport>;
  erase(user: ChannelUser, actor: string): Promise<CitizenErasure>;
}

/** The actions this service records in the audit log. */
export const CITIZEN_DATA_ACTIONS = ['citizen_data.export', 'citizen_data.erase'] as const;

/**
 * The audit target naming a citizen without keeping their id: the audit log must not hold an erased citizen's id, yet
 * whoever is given the id later can show that the request was handled (the same id hashes to the same target).
 */
export function citizenAuditTarget(user: ChannelUser): string {
  return `citizen:sha256:${createHash('sha256').update(`${user.channel}:${user.userId}`).digest('hex')}`;
}

/** Runs requests over the registry and records each (who asked, what, how much) in the audit log. */
export function createCitizenDataService(store: Store, now: Clock): CitizenDataService {
  const audit = store.audit;
  const registry = personalDataRegistry(store);
  return {
    async export(user, actor) {
      const collections: Record<string, object[]> = {};
      for (const [name, holder] of Object.entries(registry)) collections[name] = await holder.exportUser(user);
      const exportedAt = now();
      const counts = Object.fromEntries(Object.entries(collections).map(([name, records]) => [name, records.length]));
      await audit.add({ at: exportedAt, actor, action: 'citizen_data.export', target: citizenAuditTarget(user), detail: { channel: user.channel, records: counts } });
      return { user, exportedAt, collections };
    },
    async erase(user, actor) {
      const erased: Record<string, number> = {};
      for (const [name, holder] of Object.entries(registry)) erased[name] = await holder.eraseUser(user);
      const erasedAt = now();
      const total = Object.values(erased).reduce((a, b) => a + b, 0);
      await audit.add({ at: erasedAt, actor, action: 'citizen_data.erase', target: citizenAuditTarget(user), detail: { channel: user.channel, records: erased } });
      return { user, erasedAt, erased, total };
    },
  };
}
