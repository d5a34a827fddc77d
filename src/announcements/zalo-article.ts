import { actorName, type Actor } from '../admin/actor';
import type { BroadcastTarget, ZaloCallResult, ZaloClient } from '../channels/zalo/zalo-client';
import type { Coordination } from '../coordination';
import type { Announcement, AnnouncementRepository, AuditLog } from '../store/ports';
import type { Clock } from '../store/store-options';

/** Zalo's answer to promotional sends, broadcasts included, from 22:00 to 06:00 Vietnam time. */
const NIGHT_BAN_CODE = '-234';

export interface ZaloArticleDeps {
  /** ZALO_ARTICLE_BROADCAST: the action is offered at all. */
  enabled: boolean;
  /** The Zalo client once the channel is on (undefined while it is off). */
  client: () => Pick<ZaloClient, 'broadcastArticle'> | undefined;
  announcements: Pick<AnnouncementRepository, 'get'>;
  audit: AuditLog;
  /** Serialises the broadcasts of one announcement across instances (Redis when configured). */
  coordination: Pick<Coordination, 'withLock'>;
  now: Clock;
}

export type ZaloArticleOutcome =
  | { sent: true; messageId: string }
  | { refused: 'off' | 'not_found' | 'cancelled' | 'night' | 'already_sent' }
  | Extract<ZaloCallResult, { ok: false }>;

/**
 * The Zalo article broadcast offered beside an announcement: Zalo sends an article (written and approved beforehand in
 * OA Manager, known by its id) to every follower of the OA, or those of a province, age, gender or platform; it cannot
 * narrow to a commune or topic, counts against the OA's broadcast quota, and is refused at night (Zalo's -234, read
 * as such rather than guessed from our clock). Every call to Zalo is audited with its outcome.
 */
export function createZaloArticleBroadcast(deps: ZaloArticleDeps) {
  const available = () => deps.enabled && deps.client() !== undefined;
  /** Zalo accepted this article for this announcement before (the audit log keeps every accepted call). */
  const sentBefore = async (id: string, articleId: string) => {
    const done = await deps.audit.list({ action: 'announcement.zalo_article', target: `announcement:${id}`, limit: 100 });
    return done.some((e) => e.detail?.articleId === articleId && e.detail?.messageId !== undefined);
  };
  async function send(client: Pick<ZaloClient, 'broadcastArticle'>, id: string, articleId: string, target: BroadcastTarget, actor: Actor): Promise<ZaloArticleOutcome> {
    const result = await client.broadcastArticle(articleId, target);
    await deps.audit.add({
      at: deps.now(),
      actor: actorName(actor),
      action: 'announcement.zalo_article',
      target: `announcement:${id}`,
      detail: { articleId, target, ...(result.ok ? { messageId: result.messageId } : { failure: result.failure, code: result.code }) },
    });
    if (result.ok) return { sent: true, messageId: result.messageId };
    return result.code === NIGHT_BAN_CODE ? { refused: 'night' } : result;
  }
  return {
    available,
    async broadcast(id: string, articleId: string, target: BroadcastTarget, actor: Actor): Promise<ZaloArticleOutcome> {
      const client = deps.client();
      if (!deps.enabled || !client) return { refused: 'off' };
      const a: Announcement | undefined = await deps.announcements.get(id);
      if (!a) return { refused: 'not_found' };
      if (a.status === 'cancelled') return { refused: 'cancelled' };
      // One broadcast of an article per announcement, whichever instance the click reaches: a second click waits for
      // the first, then finds its accepted call in the audit log and is refused without calling Zalo.
      return deps.coordination.withLock(`zalo-article:${id}:${articleId}`, async () => {
        if (await sentBefore(id, articleId)) return { refused: 'already_sent' as const };
        return send(client, id, articleId, target, actor);
      });
    },
  };
}

export type ZaloArticleBroadcast = ReturnType<typeof createZaloArticleBroadcast>;
