import type { SendFailure } from '../outbound/channel-sender';

/** The `error` object of a Graph API answer. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

/** One known Graph error: what it means and what the caller does next. */
export interface GraphErrorRule {
  code: number;
  subcode?: number;
  failure: SendFailure;
  /** Worth another attempt after a backoff. */
  retry: boolean;
  meaning: string;
}

/**
 * The Messenger error catalogue (Send API, thread control, Messenger Profile), documented in docs/channels.md; a test
 * holds the two together. A subcode rule wins over its code's general rule; codes not listed are refused for good.
 */
export const GRAPH_ERRORS: readonly GraphErrorRule[] = [
  { code: 10, subcode: 2018278, failure: 'window_closed', retry: false, meaning: 'outside the messaging window (24 h; 7 days with HUMAN_AGENT)' },
  { code: 10, subcode: 2018300, failure: 'handed_over', retry: false, meaning: 'another app (the Page Inbox) controls this conversation' },
  { code: 551, failure: 'unreachable', retry: false, meaning: 'this person is not available (blocked the Page, left Messenger)' },
  { code: 190, failure: 'auth', retry: false, meaning: 'the Page access token is invalid or expired' },
  { code: 4, failure: 'rate_limited', retry: true, meaning: 'application request limit reached' },
  { code: 613, failure: 'rate_limited', retry: true, meaning: 'calls to this API exceeded the rate limit' },
  { code: 1, failure: 'temporary', retry: true, meaning: 'unknown error, possibly temporary' },
  { code: 2, failure: 'temporary', retry: true, meaning: 'service temporarily unavailable' },
  { code: 1200, failure: 'temporary', retry: true, meaning: 'temporary send failure' },
];

/** What one failed Graph answer means: a known code first, then the HTTP status (429 and 5xx are worth a retry). */
export function classifyGraphError(status: number, error: GraphError | undefined): { failure: SendFailure; retry: boolean } {
  const rule =
    GRAPH_ERRORS.find((r) => r.code === error?.code && r.subcode !== undefined && r.subcode === error?.error_subcode) ??
    GRAPH_ERRORS.find((r) => r.code === error?.code && r.subcode === undefined);
  if (rule) return { failure: rule.failure, retry: rule.retry };
  if (status === 429) return { failure: 'rate_limited', retry: true };
  if (status >= 500) return { failure: 'temporary', retry: true };
  return { failure: 'rejected', retry: false };
}
