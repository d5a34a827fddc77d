/** Which finished turns count for the activity counters behind the staff charts. */
import type { TurnPath, TurnReport } from '../bot/assistant-bot';
import type { TurnActivity } from '../store/ports';

/** Paths that answer a citizen's question; greetings of "Get started", attachments and officers' turns are not questions. */
const QUESTION_PATHS: ReadonlySet<TurnPath> = new Set<TurnPath>(['route', 'context', 'fallback', 'dialog', 'emergency']);

/** What a finished turn adds to the staff charts: a question (unanswered when the assistant fell back), or nothing. */
export function questionActivity(report: TurnReport): TurnActivity | undefined {
  if (!QUESTION_PATHS.has(report.path)) return undefined;
  return { channel: report.channel, userId: report.userId, intent: report.intent, answered: report.path !== 'fallback', at: report.at };
}
