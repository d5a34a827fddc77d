import { activityDay } from '../activity-day';
import type { ActivityLog, DailyActivity, IntentCount, TurnActivity } from '../ports';
import type { SqliteDb } from './database';

/** ActivityLog on the embedded database: one counter row per day, channel, intent and outcome; one row per citizen a day. */
export function createSqliteActivityLog(db: SqliteDb): ActivityLog {
  const recordTx = prepareActivityCount(db);
  const daily = db.prepare<[string, string, string, string], DailyActivity>(
    `SELECT day, channel, SUM(conversations) AS conversations, SUM(questions) AS questions, SUM(unanswered) AS unanswered FROM (
       SELECT day, channel, 0 AS conversations, turns AS questions, CASE WHEN answered = 0 THEN turns ELSE 0 END AS unanswered
         FROM turn_stats WHERE day BETWEEN ? AND ?
       UNION ALL
       SELECT day, channel, 1, 0, 0 FROM conversation_days WHERE day BETWEEN ? AND ?
     ) GROUP BY day, channel ORDER BY day, channel`,
  );
  const top = db.prepare<[string, string, number], IntentCount>(
    `SELECT intent, SUM(turns) AS questions FROM turn_stats WHERE answered = 1 AND day BETWEEN ? AND ?
     GROUP BY intent ORDER BY questions DESC, intent ASC LIMIT ?`,
  );
  const userDays = db.prepare<[string, string], { day: string; channel: string }>('SELECT day, channel FROM conversation_days WHERE channel = ? AND user_id = ? ORDER BY day');
  const eraseUser = db.prepare('DELETE FROM conversation_days WHERE channel = ? AND user_id = ?');
  const purge = db.prepare('DELETE FROM conversation_days WHERE day < ?');
  return {
    async record(turn) {
      recordTx(turn);
    },
    async daily(fromDay, toDay) {
      return daily.all(fromDay, toDay, fromDay, toDay);
    },
    async topIntents(fromDay, toDay, limit) {
      return top.all(fromDay, toDay, limit);
    },
    async exportUser(user) {
      return userDays.all(user.channel, user.userId).map((r) => ({ wroteOn: r.day, channel: r.channel }));
    },
    async eraseUser(user) {
      return eraseUser.run(user.channel, user.userId).changes;
    },
    async purgeOlderThan(before) {
      // Whole days: a day is dropped once all of it is older than the cutoff.
      return purge.run(activityDay(before)).changes;
    },
  };
}

/**
 * `ActivityLog.record` as a synchronous transaction (a savepoint when called inside another), so a turn's writes can
 * share one transaction (turn-writer.ts).
 */
export function prepareActivityCount(db: SqliteDb): (turn: TurnActivity) => void {
  const count = db.prepare(
    `INSERT INTO turn_stats (day, channel, intent, answered, turns) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(day, channel, intent, answered) DO UPDATE SET turns = turns + 1`,
  );
  const seen = db.prepare('INSERT OR IGNORE INTO conversation_days (day, channel, user_id) VALUES (?, ?, ?)');
  return db.transaction((turn: TurnActivity) => {
    const day = activityDay(turn.at);
    count.run(day, turn.channel, turn.intent, turn.answered ? 1 : 0);
    seen.run(day, turn.channel, turn.userId);
  });
}
