import type { SendFailure } from '../outbound/channel-sender';

/**
 * Zalo OA API error codes (answered with HTTP 200 and `error` < 0), named for what the caller does next. Codes not
 * listed are `rejected`: the message is not resent as it is and the code goes to the log.
 */
const FAILURES: ReadonlyMap<number, SendFailure> = new Map([
  [-32, 'rate_limited'], // over the app's per-minute call limit
  [-211, 'quota_exhausted'], // out of quota
  [-213, 'not_following'], // the citizen does not follow the OA
  [-216, 'auth'], // access token invalid
  [-220, 'auth'], // access token expired or removed
  [-217, 'unreachable'], // the citizen blocked invitations
  [-227, 'unreachable'], // banned, or inactive for more than 45 days
  [-244, 'unreachable'], // the citizen refuses this type of message
  [-230, 'window_closed'], // no interaction in the last 7 days
  [-232, 'window_closed'], // the last interaction has expired
]);

/** The outcome a Zalo error code stands for. */
export function zaloFailure(code: number): SendFailure {
  return FAILURES.get(code) ?? 'rejected';
}
