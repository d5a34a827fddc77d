/** Feeds finished turns to the activity counters behind the staff charts. */
import type { TurnPath, TurnReport } from '../bot/assistant-bot';
import type { ActivityLog } from '../store/ports';
import type { Logger } from './logger';

/** Paths that answer a citizen's question; greetings of "Get started", attachments and officers' turns are not questions. */
const QUESTION_PATHS: ReadonlySet<TurnPath> = new Set<TurnPath>(['route', 'context', 'fallback', 'dialog', 'emergency']);

/** An `onTurnEnd` observer: counts each question (unanswered when the assistant fell back); a failed write is only logged. */
export function createActivityRecorder(activity: ActivityLog, logger: Logger): (report: TurnReport) => Promise<void> {
  return async (report) => {
    if (!QUESTION_PATHS.has(report.path)) return;
    try {
      await activity.record({ channel: report.channel, userId: report.userId, intent: report.intent, answered: report.path !== 'fallback', at: report.at });
    } catch (err) {
      // The charts lose one question; the citizen's answer must not.
      logger.warn({ err, channel: report.channel }, 'could not count the turn for the staff charts');
    }
  };
}
