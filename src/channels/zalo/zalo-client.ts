import type { SendFailure } from '../outbound/channel-sender';
import { PostError, postJson, type JsonAnswer } from '../outbound/post-json';
import { DEFAULT_RETRY_POLICY, retrying, type AttemptResult, type RetryPolicy, type Sleep } from '../outbound/retry';
import { zaloFailure } from './zalo-errors';
import { TokenUnavailableError } from './zalo-tokens';

/** A button Zalo draws under a text (`oa.query.hide`: a tap sends `payload` back as the citizen's message, unseen). */
export interface ZaloQueryButton {
  title: string;
  type: 'oa.query.hide';
  payload: string;
}

/** The `message` of one consultation send: text, optionally with buttons (only where the template is verified). */
export interface ZaloCsMessage {
  text: string;
  attachment?: { type: 'template'; payload: { buttons: ZaloQueryButton[] } };
}

/**
 * Who an article broadcast reaches, in Zalo's own codes (age bucket, gender, region 0 North / 1 Central / 2 South,
 * province code, platform 1 iOS / 2 Android / 3 Windows). It cannot target a tag or a commune.
 */
export type BroadcastTarget = Partial<Record<'ages' | 'gender' | 'locations' | 'cities' | 'platform', string>>;

/** One API call's outcome: Zalo's message id, or a failure with Zalo's own code and message for the logs. */
export type ZaloCallResult = { ok: true; messageId: string } | { ok: false; failure: SendFailure; code?: string; detail?: string };

/** Where the client gets its token, and a newer one after Zalo refused it. */
export interface AccessTokens {
  accessToken(): Promise<string>;
  replaceRejected(rejected: string): Promise<string>;
}

export interface ZaloClientOptions {
  apiBase: string;
  tokens: AccessTokens;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Per request: four tries at this must stay well inside the 30 s conversation lock the send runs under. */
  timeoutMs?: number;
}

type Failed = Extract<ZaloCallResult, { ok: false }>;
const failed = (failure: SendFailure, code?: string, detail?: string): Failed => ({ ok: false, failure, code, detail });

/**
 * Zalo's OA OpenAPI, typed for what the assistant sends: consultation messages (POST /v3.0/oa/message/cs) and article
 * broadcasts (POST /v2.0/oa/message). Zalo answers errors with HTTP 200 and an `error` code, so every body is read.
 * Network errors, 5xx and -32 are retried with backoff; a refused token is replaced once and the call tried once more.
 */
export class ZaloClient {
  constructor(private readonly options: ZaloClientOptions) {}

  /** A consultation message to one citizen (allowed within 7 days of their last interaction). */
  sendConsultation(userId: string, message: ZaloCsMessage): Promise<ZaloCallResult> {
    return this.post('/v3.0/oa/message/cs', { recipient: { user_id: userId }, message });
  }

  /**
   * Broadcasts an article to the OA's followers. Zalo broadcasts only articles, so `articleId` must come from the
   * Article API (created and verified beforehand, e.g. in OA Manager); there is no free-text broadcast.
   */
  broadcastArticle(articleId: string, target: BroadcastTarget = {}): Promise<ZaloCallResult> {
    return this.post('/v2.0/oa/message', {
      recipient: { target },
      message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: articleId }] } } },
    });
  }

  private async post(path: string, body: unknown): Promise<ZaloCallResult> {
    let token: string;
    try {
      token = await this.options.tokens.accessToken();
    } catch (err) {
      return this.tokenFailure(err);
    }
    const first = await this.withRetries(path, body, token);
    if (first.ok || first.failure !== 'auth') return first;
    try {
      token = await this.options.tokens.replaceRejected(token);
    } catch (err) {
      return this.tokenFailure(err);
    }
    return this.withRetries(path, body, token);
  }

  private tokenFailure(err: unknown): Failed {
    if (err instanceof TokenUnavailableError) return failed('auth', undefined, err.message);
    return failed('temporary', undefined, `token store: ${(err as Error).message}`);
  }

  private withRetries(path: string, body: unknown, token: string): Promise<ZaloCallResult> {
    return retrying((n) => this.attempt(path, body, token, n), this.options.retry ?? DEFAULT_RETRY_POLICY, this.options.sleep);
  }

  private async attempt(path: string, body: unknown, token: string, n: number): Promise<AttemptResult<ZaloCallResult>> {
    let res: JsonAnswer;
    try {
      res = await postJson(`${this.options.apiBase.replace(/\/$/, '')}${path}`, body, { access_token: token }, this.options.timeoutMs ?? 5000);
    } catch (err) {
      if (err instanceof PostError && err.mayHaveArrived) return { done: failed('in_doubt', 'no_answer', `attempt ${n}: ${err.message}`) };
      return { retry: failed('temporary', undefined, `attempt ${n}: ${(err as Error).message}`) };
    }
    if (res.status >= 500) return { retry: failed('temporary', `http_${res.status}`) };
    if (res.status === 429) return { retry: failed('rate_limited', 'http_429') };
    const answer = res.json as { error?: unknown; message?: unknown; data?: { message_id?: unknown } } | undefined;
    if (!answer || typeof answer.error !== 'number') {
      // Not Zalo's JSON (a proxy's page?): retry a 2xx, refuse anything else.
      const ok = res.status >= 200 && res.status < 300;
      return ok ? { retry: failed('temporary', `http_${res.status}`, 'answer is not Zalo JSON') } : { done: failed('rejected', `http_${res.status}`) };
    }
    if (answer.error === 0) return { done: { ok: true, messageId: String(answer.data?.message_id ?? '') } };
    const outcome = failed(zaloFailure(answer.error), String(answer.error), typeof answer.message === 'string' ? answer.message : undefined);
    return outcome.failure === 'rate_limited' ? { retry: outcome } : { done: outcome };
  }
}
