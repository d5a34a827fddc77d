import { assertListLimit } from '../list-limit';
import type { AudienceFilter, ChannelUser, Contact, ContactRepository } from '../ports';
import type { SqliteDb } from './database';
import { isoTime } from '../../util/iso-time';

interface ContactRow {
  channel: string;
  user_id: string;
  locale: string;
  first_seen_at: string;
  last_interaction_at: string;
  following: number | null;
  unreachable_at: string | null;
  subscribed_at: string | null;
  topics: string;
  communes: string;
}

const DEFAULT_LOCALE = 'vi';

/** ContactRepository on the embedded database: one row per channel user, audiences read with keyset paging. */
export function createSqliteContactRepository(db: SqliteDb): ContactRepository {
  const interact = prepareInteraction(db);
  const unfollow = db.prepare('UPDATE contacts SET following = 0 WHERE channel = ? AND user_id = ?');
  const unreachable = db.prepare('UPDATE contacts SET unreachable_at = ? WHERE channel = ? AND user_id = ?');
  const subscribe = db.prepare('UPDATE contacts SET subscribed_at = ?, topics = ?, communes = ? WHERE channel = ? AND user_id = ?');
  const unsubscribe = db.prepare(
    `UPDATE contacts SET subscribed_at = NULL, topics = '[]', communes = '[]' WHERE channel = ? AND user_id = ? AND subscribed_at IS NOT NULL`,
  );
  const select = db.prepare<[string, string], ContactRow>('SELECT * FROM contacts WHERE channel = ? AND user_id = ?');
  const remove = db.prepare('DELETE FROM contacts WHERE channel = ? AND user_id = ?');
  // Reachable subscribers (the audience rule) stay: they asked to be told, however long ago they last wrote.
  const purge = db.prepare(
    `DELETE FROM contacts WHERE last_interaction_at < ?
       AND NOT (subscribed_at IS NOT NULL AND unreachable_at IS NULL AND (following IS NULL OR following = 1))`,
  );

  return {
    async recordInteraction(user, at, change = {}) {
      interact(user, at, change);
    },
    async recordUnfollow(user) {
      unfollow.run(user.channel, user.userId);
    },
    async markUnreachable(user, at) {
      unreachable.run(at.toISOString(), user.channel, user.userId);
    },
    async subscribe(user, choice, at) {
      const changed = subscribe.run(at.toISOString(), JSON.stringify([...choice.topics]), JSON.stringify([...choice.communes]), user.channel, user.userId);
      if (changed.changes === 0) throw new Error(`No contact ${user.channel}/${user.userId} to subscribe`);
    },
    async unsubscribe(user) {
      return unsubscribe.run(user.channel, user.userId).changes === 1;
    },
    async get(user) {
      const row = select.get(user.channel, user.userId);
      return row && toContact(row);
    },
    async countAudience(filter) {
      const { where, params } = audienceWhere(filter);
      return (db.prepare(`SELECT count(*) AS n FROM contacts WHERE ${where}`).get(...params) as { n: number }).n;
    },
    async audiencePage(filter, limit, after) {
      assertListLimit(limit);
      const { where, params } = audienceWhere(filter, after);
      const rows = db.prepare(`SELECT * FROM contacts WHERE ${where} ORDER BY channel, user_id LIMIT ?`).all(...params, limit) as ContactRow[];
      return rows.map(toContact);
    },
    async remove(user) {
      return remove.run(user.channel, user.userId).changes === 1;
    },
    async purgeOlderThan(before) {
      return purge.run(before.toISOString()).changes;
    },
  };
}

/** `ContactRepository.recordInteraction` as a synchronous function, so a turn's writes can share one transaction (turn-writer.ts). */
export function prepareInteraction(db: SqliteDb): (user: ChannelUser, at: Date, change?: { locale?: string; following?: boolean }) => void {
  // ISO-8601 UTC strings of one format order like the instants they stand for, so max() keeps the latest action
  // even when a platform delivers two events out of order.
  const interact = db.prepare(
    `INSERT INTO contacts (channel, user_id, locale, first_seen_at, last_interaction_at, following)
     VALUES (@channel, @userId, coalesce(@locale, '${DEFAULT_LOCALE}'), @at, @at, @following)
     ON CONFLICT (channel, user_id) DO UPDATE SET
       last_interaction_at = max(last_interaction_at, excluded.last_interaction_at),
       locale = coalesce(@locale, locale),
       following = coalesce(@following, following),
       unreachable_at = NULL`,
  );
  return (user, at, change = {}) => {
    const following = change.following === undefined ? null : Number(change.following);
    interact.run({ channel: user.channel, userId: user.userId, at: isoTime(at), locale: change.locale ?? null, following });
  };
}

/** The WHERE clause of an audience (see AudienceFilter), with its parameters in order. */
function audienceWhere(filter: AudienceFilter, after?: ChannelUser): { where: string; params: string[] } {
  const clauses = ['subscribed_at IS NOT NULL', 'unreachable_at IS NULL', '(following IS NULL OR following = 1)'];
  const params: string[] = [];
  const list = (values: readonly string[]) => {
    params.push(...values);
    return values.map(() => '?').join(', ');
  };
  if (filter.channels?.length) clauses.push(`channel IN (${list(filter.channels)})`);
  if (filter.topics?.length) clauses.push(`(topics = '[]' OR EXISTS (SELECT 1 FROM json_each(contacts.topics) WHERE value IN (${list(filter.topics)})))`);
  if (filter.communes?.length) clauses.push(`EXISTS (SELECT 1 FROM json_each(contacts.communes) WHERE value IN (${list(filter.communes)}))`);
  if (after) {
    clauses.push('(channel, user_id) > (?, ?)');
    params.push(after.channel, after.userId);
  }
  return { where: clauses.join(' AND '), params };
}

function toContact(r: ContactRow): Contact {
  const contact: Contact = {
    channel: r.channel,
    userId: r.user_id,
    locale: r.locale,
    firstSeenAt: new Date(r.first_seen_at),
    lastInteractionAt: new Date(r.last_interaction_at),
  };
  if (r.following !== null) contact.following = r.following === 1;
  if (r.unreachable_at) contact.unreachableAt = new Date(r.unreachable_at);
  if (r.subscribed_at) {
    contact.subscription = { topics: JSON.parse(r.topics) as string[], communes: JSON.parse(r.communes) as string[], since: new Date(r.subscribed_at) };
  }
  return contact;
}
