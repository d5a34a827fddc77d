import type { TFunction } from 'i18next';
import type { Handler } from '../../bot/handler';
import { menuButton } from '../../bot/handlers/menu';
import { payload, type Button } from '../../bot/reply';
import type { AnnouncementRepository, ContactRepository, Subscription } from '../../store/ports';
import type { Clock } from '../../store/store-options';
import { formatVietnamDate } from '../../dossiers/format-date';
import { announcementReply } from '../render';
import { ANNOUNCEMENT_TOPICS, isAnnouncementTopic } from '../topics';

/** Button payload entities: a topic to add (or `all`), or `commune` to be asked for one. */
const TOPIC_ENTITY = 'announcement_topic';
const STEP_ENTITY = 'announcement_step';
const ID_ENTITY = 'announcement_id';
/** How many recent announcements the `news` answer lists. */
const NEWS_ITEMS = 5;

export interface SubscriptionChatDeps {
  contacts: Pick<ContactRepository, 'get' | 'recordInteraction' | 'subscribe' | 'unsubscribe'>;
  announcements: Pick<AnnouncementRepository, 'get' | 'list'>;
  /** A commune's display name from the office directory. */
  placeName: (id: string) => string | undefined;
  /** The public page's address, when the deployment knows its own (PUBLIC_BASE_URL). */
  publicPageUrl?: string;
  now: Clock;
}

const topicNames = (t: TFunction, topics: readonly string[]) => (topics.length ? topics.map((k) => t(`announcement:topics.${k}`)).join(', ') : t('announcement:allTopics'));

/** The topics not chosen yet as buttons, then a commune choice and the menu: refinement is one tap away, never required. */
function refineButtons(t: TFunction, chosen: readonly string[]): Button[] {
  const topics = ANNOUNCEMENT_TOPICS.filter((k) => !chosen.includes(k)).map((k) => ({ title: t(`announcement:topics.${k}`), payload: payload('subscribe', { [TOPIC_ENTITY]: k }) }));
  const all = chosen.length ? [{ title: t('announcement:buttons.allTopics'), payload: payload('subscribe', { [TOPIC_ENTITY]: 'all' }) }] : [];
  return [...topics, ...all, { title: t('announcement:buttons.commune'), payload: payload('subscribe', { [STEP_ENTITY]: 'commune' }) }, menuButton(t)];
}

/**
 * `subscribe`: one message subscribes (to everything, or keeps what was chosen before); button taps then add a topic
 * or return to all topics, and a named commune (the parser's `location`) adds that commune. `unsubscribe` ends it at
 * once, confirmed. `news` lists the latest announcements, and a tap on one shows it whole.
 */
export function createSubscriptionHandlers(deps: SubscriptionChatDeps): { subscribe: Handler; unsubscribe: Handler; news: Handler } {
  const subscribe: Handler = async (turn) => {
    const t = turn.t;
    const user = { channel: turn.channel, userId: turn.userId };
    if (turn.entity(STEP_ENTITY) === 'commune') {
      await turn.say({ text: t('announcement:communeAsk'), buttons: [menuButton(t)] });
      return;
    }
    // The bot records the interaction after the answer; the contact must exist before it can subscribe.
    await deps.contacts.recordInteraction(user, deps.now(), { locale: turn.locale });
    const before: Subscription | undefined = (await deps.contacts.get(user))?.subscription;
    let topics = before?.topics ?? [];
    let communes = before?.communes ?? [];
    const topic = turn.entity(TOPIC_ENTITY);
    const place = turn.entity('location');
    let text: string;
    if (topic === 'all') {
      topics = [];
      text = t('announcement:topicsChosen', { topics: topicNames(t, topics) });
    } else if (topic && isAnnouncementTopic(topic)) {
      topics = [...new Set([...topics, topic])];
      text = t('announcement:topicAdded', { topic: t(`announcement:topics.${topic}`), topics: topicNames(t, topics) });
    } else if (place && deps.placeName(place)) {
      communes = [...new Set([...communes, place])];
      text = t('announcement:communeChosen', { commune: deps.placeName(place) });
    } else {
      text = t('announcement:subscribed', { topics: topicNames(t, topics) });
    }
    await deps.contacts.subscribe(user, { topics, communes }, deps.now());
    await turn.say({ text, buttons: refineButtons(t, topics) });
  };

  const unsubscribe: Handler = async (turn) => {
    const t = turn.t;
    const done = await deps.contacts.unsubscribe({ channel: turn.channel, userId: turn.userId });
    await turn.say({
      text: t(done ? 'announcement:unsubscribed' : 'announcement:notSubscribed'),
      buttons: [{ title: t('announcement:buttons.subscribe'), payload: payload('subscribe') }, menuButton(t)],
    });
  };

  const news: Handler = async (turn) => {
    const t = turn.t;
    const chosen = turn.entity(ID_ENTITY);
    const one = chosen ? await deps.announcements.get(chosen) : undefined;
    if (one && isPublished(one.status)) {
      await turn.say(announcementReply(one, t, one.startedAt));
      return;
    }
    const recent = await deps.announcements.list(NEWS_ITEMS, ['sending', 'done']);
    if (recent.length === 0) {
      await turn.say({ text: t('announcement:news.none'), buttons: [{ title: t('announcement:buttons.subscribe'), payload: payload('subscribe') }, menuButton(t)] });
      return;
    }
    const lines = recent.map((a, i) => t('announcement:news.item', { n: i + 1, title: a.title, date: formatVietnamDate(a.startedAt ?? a.createdAt) }));
    const more = deps.publicPageUrl ? [t('announcement:news.more', { url: deps.publicPageUrl })] : [];
    const buttons = recent.map((a) => ({ title: a.title, payload: payload('news', { [ID_ENTITY]: a.id }) }));
    await turn.say({ text: [t('announcement:news.intro'), ...lines, ...more].join('\n'), buttons: [...buttons, menuButton(t)] });
  };

  return { subscribe, unsubscribe, news };
}

/** Announcements citizens may see: those sent or being sent. */
export const isPublished = (status: string) => status === 'sending' || status === 'done';
