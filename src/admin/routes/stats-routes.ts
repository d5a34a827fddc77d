/** GET /api/admin/stats/activity (any staff): what citizens asked, per day and channel, for the console's charts. */
import { Router } from 'express';
import { z } from 'zod';
import { activityDay } from '../../store/activity-day';
import type { ActivityLog, DailyActivity } from '../../store/ports';
import type { Clock } from '../../store/store-options';
import type { AdminAuth } from '../auth-middleware';
import { validate } from '../validate';

/** Most days one chart covers: a year. */
export const MAX_STATS_DAYS = 366;
/** How many intents the "top questions" chart shows. */
const TOP_INTENTS = 8;
const DAY_MS = 86_400_000;

const StatsQuery = z.strictObject({
  days: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_STATS_DAYS, `must be at most ${MAX_STATS_DAYS}`)
    .default(30),
});

/** What the stats route needs. */
export interface StatsRoutesDeps {
  activity: ActivityLog;
  auth: AdminAuth;
  now: Clock;
}

/**
 * `days` days up to today (Vietnam): every day listed, quiet days as zeros, so a chart's axis has no holes; the top
 * intents of understood questions; and the share of questions the assistant did not understand.
 */
export function createStatsRoutes(deps: StatsRoutesDeps): Router {
  const router = Router();
  router.get('/api/admin/stats/activity', deps.auth.requireStaff, async (req, res) => {
    const { days } = validate(StatsQuery, req.query, 'query');
    const now = deps.now();
    const dayList = Array.from({ length: days }, (_, i) => activityDay(new Date(now.getTime() - (days - 1 - i) * DAY_MS)));
    const from = dayList[0]!;
    const to = dayList.at(-1)!;
    const [rows, topIntents] = await Promise.all([deps.activity.daily(from, to), deps.activity.topIntents(from, to, TOP_INTENTS)]);
    const channels = [...new Set(rows.map((r) => r.channel))].sort();
    const byKey = new Map(rows.map((r) => [`${r.day}|${r.channel}`, r]));
    const zero = (day: string, channel: string): DailyActivity => ({ day, channel, conversations: 0, questions: 0, unanswered: 0 });
    const daily = dayList.flatMap((day) => channels.map((channel) => byKey.get(`${day}|${channel}`) ?? zero(day, channel)));
    const questions = rows.reduce((sum, r) => sum + r.questions, 0);
    const unanswered = rows.reduce((sum, r) => sum + r.unanswered, 0);
    res.json({
      from,
      to,
      days: dayList,
      channels,
      daily,
      topIntents,
      totals: { conversations: rows.reduce((sum, r) => sum + r.conversations, 0), questions, unanswered },
      unansweredRate: questions === 0 ? 0 : Math.round((unanswered / questions) * 10_000) / 10_000,
    });
  });
  return router;
}
