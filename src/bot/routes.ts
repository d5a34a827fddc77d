import type { Handler } from './handler';
import { reportCrime } from './handlers/crime-report';
import { createFallbackHandler, type FallbackDeps } from './handlers/fallback';
import { startFeedback } from './handlers/feedback';
import { changeLanguage } from './handlers/language';
import { greet, showMenu } from './handlers/menu';
import type { OtherAgencies } from './handlers/other-agencies';
import { sayGoodbye, thank } from './handlers/small-talk';

export interface RouteDeps {
  otherAgencies: OtherAgencies;
  /** What the fallback still answers from content: police topics, the merger notice. */
  fallbackAnswers?: Omit<FallbackDeps, 'agencies'>;
  /** Handlers supplied by the capability modules (procedures, offices, dossiers, hand-off), keyed by intent. */
  capabilities: Readonly<Record<string, Handler>>;
}

/** Unclear messages that still name something are answered as the question that thing implies. */
export const entityRoutes = [
  ['dossier_code', 'dossier_status'],
  ['location', 'office_location'],
  ['procedure', 'procedure_info'],
  ['procedure_group', 'procedure_info'],
] as const;

/** Intents that leave the procedure being discussed: a bare "ở đâu" after them is no longer about it. */
export const subjectChangers: ReadonlySet<string> = new Set([
  'greeting',
  'help',
  'goodbye',
  'emergency',
  'crime_report',
  'dossier_status',
  'feedback',
  'human_agent',
  'subscribe',
  'unsubscribe',
  'news',
]);

/** The intent → handler table: the whole conversation map on one screen. */
export function createRoutes(deps: RouteDeps): { routes: Record<string, Handler>; fallback: Handler } {
  const fallback = createFallbackHandler({ agencies: deps.otherAgencies, ...deps.fallbackAnswers });
  const routes: Record<string, Handler> = {
    greeting: greet,
    help: showMenu,
    thanks: thank,
    goodbye: sayGoodbye,
    change_language: changeLanguage,
    crime_report: reportCrime,
    feedback: startFeedback,
    out_of_scope: fallback,
    ...deps.capabilities,
  };
  return { routes, fallback };
}
