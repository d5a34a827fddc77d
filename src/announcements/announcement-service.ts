import { actorName, type Actor } from '../admin/actor';
import type { Announcement, AnnouncementDraft, AnnouncementRepository, AudienceFilter, AuditLog, ContactRepository, DeliveryReport } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { DeliveryRunner } from './in-process-runner';

/** What the announcement module records in the audit log. */
export const ANNOUNCEMENT_AUDIT_ACTIONS = ['announcement.create', 'announcement.edit', 'announcement.schedule', 'announcement.send', 'announcement.cancel', 'announcement.zalo_article'] as const;

type AuditAction = (typeof ANNOUNCEMENT_AUDIT_ACTIONS)[number];

/** Why a staff action on an announcement was refused. */
export type AnnouncementRefusal = { refused: 'not_found' } | { refused: 'state'; status: Announcement['status'] };

type Outcome = { announcement: Announcement } | AnnouncementRefusal;

/** What staff do with announcements; every write is audited. */
export interface AnnouncementService {
  create(draft: AnnouncementDraft, actor: Actor): Promise<Announcement>;
  edit(id: string, draft: AnnouncementDraft, actor: Actor): Promise<Outcome>;
  audience(filter: AudienceFilter): Promise<number>;
  schedule(id: string, at: Date, actor: Actor): Promise<Outcome>;
  sendNow(id: string, actor: Actor): Promise<Outcome>;
  cancel(id: string, actor: Actor): Promise<Outcome>;
  report(id: string): Promise<{ announcement: Announcement; report: DeliveryReport; audience: number } | undefined>;
}

export interface AnnouncementServiceDeps {
  announcements: AnnouncementRepository;
  contacts: Pick<ContactRepository, 'countAudience'>;
  runner: DeliveryRunner;
  audit: AuditLog;
  now: Clock;
}

export const filterOf = (a: Pick<Announcement, 'channels' | 'topics' | 'communes'>): AudienceFilter => ({ channels: a.channels, topics: a.topics, communes: a.communes });

export function createAnnouncementService(deps: AnnouncementServiceDeps): AnnouncementService {
  const { announcements, now } = deps;
  const audit = (actor: Actor, action: AuditAction, id: string, detail?: Record<string, unknown>) =>
    deps.audit.add({ at: now(), actor: actorName(actor), action, target: `announcement:${id}`, ...(detail ? { detail } : {}) });
  // A refused transition says why: the announcement is unknown, or its status no longer allows the action.
  const explain = async (id: string): Promise<AnnouncementRefusal> => {
    const current = await announcements.get(id);
    return current ? { refused: 'state', status: current.status } : { refused: 'not_found' };
  };
  return {
    async create(draft, actor) {
      const a = await announcements.create(draft, actorName(actor), now());
      await audit(actor, 'announcement.create', a.id, { title: a.title });
      return a;
    },
    async edit(id, draft, actor) {
      const a = await announcements.edit(id, draft, now());
      if (!a) return explain(id);
      await audit(actor, 'announcement.edit', id, { title: a.title });
      return { announcement: a };
    },
    audience: (filter) => deps.contacts.countAudience(filter),
    async schedule(id, at, actor) {
      const a = await announcements.transition(id, ['draft', 'scheduled'], 'scheduled', now(), at);
      if (!a) return explain(id);
      await audit(actor, 'announcement.schedule', id, { at: at.toISOString() });
      return { announcement: a };
    },
    async sendNow(id, actor) {
      const a = await announcements.transition(id, ['draft', 'scheduled'], 'sending', now());
      if (!a) return explain(id);
      await audit(actor, 'announcement.send', id, { audience: await deps.contacts.countAudience(filterOf(a)) });
      await deps.runner.kick(id);
      return { announcement: a };
    },
    async cancel(id, actor) {
      const a = await announcements.transition(id, ['draft', 'scheduled', 'sending'], 'cancelled', now());
      if (!a) return explain(id);
      // Queued sends are dropped; the workers stop at their next check and mark what they planned meanwhile; this
      // marks what is planned now.
      await deps.runner.withdraw(id);
      const cancelled = await announcements.cancelPending(id, now());
      await audit(actor, 'announcement.cancel', id, { cancelled });
      return { announcement: a };
    },
    async report(id) {
      const a = await announcements.get(id);
      if (!a) return undefined;
      const report = await announcements.report(id);
      // Before planning ends, those not planned yet are pending too.
      const audience = a.planned || a.status === 'cancelled' ? report.total : Math.max(report.total, await deps.contacts.countAudience(filterOf(a)));
      return { announcement: a, report: { ...report, pending: report.pending + (audience - report.total) }, audience };
    },
  };
}
