/** The OA token endpoint (OAuth v4): the only place that knows how Zalo rotates a refresh token. */

export interface RefreshedTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** A refresh that did not give a new pair; `terminal` when Zalo refused it (a human must consent again). */
export class ZaloRefreshError extends Error {
  override name = 'ZaloRefreshError';
  constructor(
    message: string,
    readonly terminal: boolean,
  ) {
    super(message);
  }
}

export interface ZaloOAuthOptions {
  oauthBase: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

/** When Zalo leaves out or garbles `expires_in`, assume an hour: an early refresh costs nothing, a late one fails a send. */
const FALLBACK_LIFETIME_SECONDS = 3600;

/**
 * Exchanges a refresh token for a new pair: POST {oauthBase}/v4/oa/access_token, form-encoded, the app secret in the
 * `secret_key` header. The old refresh token is dead once this succeeds, so the caller persists the answer first.
 */
export function createZaloTokenRefresher(options: ZaloOAuthOptions): (refreshToken: string) => Promise<RefreshedTokens> {
  return async (refreshToken) => {
    let res: Response;
    try {
      res = await fetch(`${options.oauthBase.replace(/\/$/, '')}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.appSecret },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: options.appId, grant_type: 'refresh_token' }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new ZaloRefreshError(`token endpoint unreachable: ${(err as Error).message}`, false);
    }
    if (res.status >= 500) throw new ZaloRefreshError(`token endpoint answered HTTP ${res.status}`, false);
    const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body) throw new ZaloRefreshError(`token endpoint answered HTTP ${res.status} without JSON`, res.status >= 400);
    const { access_token: accessToken, refresh_token: newRefreshToken, expires_in: expiresIn } = body;
    if (typeof accessToken !== 'string' || !accessToken || typeof newRefreshToken !== 'string' || !newRefreshToken) {
      const detail = [body.error, body.error_name, body.error_description ?? body.error_reason ?? body.message].filter((v) => v !== undefined).join(' ');
      throw new ZaloRefreshError(`token endpoint refused the refresh: ${detail || `HTTP ${res.status}`}`, true);
    }
    const seconds = Number(expiresIn);
    return { accessToken, refreshToken: newRefreshToken, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : FALLBACK_LIFETIME_SECONDS };
  };
}
