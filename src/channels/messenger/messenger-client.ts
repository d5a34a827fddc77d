import { createHmac } from 'node:crypto';
import type { SendResult } from '../outbound/channel-sender';
import type { ChannelHealth } from '../outbound/channel-health';
import { DEFAULT_RETRY_POLICY, retrying, type RetryPolicy, type Sleep } from '../outbound/retry';
import { PostError, postJson, type JsonAnswer } from '../outbound/post-json';
import { classifyGraphError, type GraphError } from './graph-errors';

/**
 * Set on every message we send and echoed back by Meta in `message_echoes`: how our own echoes are told from an
 * officer's reply typed in the Page Inbox.
 */
export const ECHO_METADATA = 'cong-an-assistant';

export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export interface PostbackButton {
  type: 'postback';
  title: string;
  payload: string;
}

export interface ButtonTemplate {
  type: 'template';
  payload: { template_type: 'button'; text: string; buttons: PostbackButton[] };
}

/** One Send API message: text with optional quick replies, or a button template. */
export type MessengerMessage = { text: string; quick_replies?: QuickReply[] } | { attachment: ButtonTemplate };

/** RESPONSE and UPDATE inside the 24-hour window; MESSAGE_TAG (HUMAN_AGENT) for an officer within 7 days. */
export type Messaging = { messaging_type: 'RESPONSE' | 'UPDATE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

/** The Messenger Profile fields we set (Get Started, greeting, persistent menu). */
export interface MessengerProfile {
  get_started: { payload: string };
  greeting: { locale: string; text: string }[];
  persistent_menu: { locale: string; composer_input_disabled: boolean; call_to_actions: PostbackButton[] }[];
}

/** A Graph call's outcome: the answer, or a failure named for the caller's next move (as SendResult names them). */
export type GraphResult<T> = { ok: true; data: T } | Extract<SendResult, { ok: false }>;

export interface MessengerClientOptions {
  /** MESSENGER_API_BASE, e.g. https://graph.facebook.com/v25.0 (a test or a proxy may point it elsewhere). */
  apiBase: string;
  pageAccessToken: string;
  /** Signs every call (`appsecret_proof`), which apps set to "Require App Secret" demand. */
  appSecret: string;
  /** Told when the token is refused or works again. */
  health?: ChannelHealth;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Per attempt: four attempts of a hung API still end well inside a conversation lock's 30 s. */
  timeoutMs?: number;
}

const ONE_ATTEMPT: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/** The only code that knows the Graph API's URLs and token: Send API, sender actions, thread control, profile. */
export class MessengerClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(private readonly options: MessengerClientOptions) {
    this.base = options.apiBase.replace(/\/+$/, '');
    const proof = createHmac('sha256', options.appSecret).update(options.pageAccessToken).digest('hex');
    this.auth = new URLSearchParams({ access_token: options.pageAccessToken, appsecret_proof: proof }).toString();
  }

  /** POST /me/messages with one message; answers Meta's message id. */
  sendMessage(psid: string, messaging: Messaging, message: MessengerMessage): Promise<GraphResult<{ message_id?: string }>> {
    return this.call('messages', { recipient: { id: psid }, ...messaging, message: { ...message, metadata: ECHO_METADATA } });
  }

  /** A sender action such as `typing_on` (sent alone: Meta refuses it together with a message). Tried once: it is
   * a courtesy, and retrying it would only delay the answer it announces. */
  senderAction(psid: string, action: 'typing_on' | 'typing_off' | 'mark_seen'): Promise<GraphResult<unknown>> {
    return this.call('messages', { recipient: { id: psid }, sender_action: action }, ONE_ATTEMPT);
  }

  /** Hands the conversation to another app (the Page Inbox), which then owns it until it passes it back. */
  passThreadControl(psid: string, targetAppId: string, metadata: string): Promise<GraphResult<{ success?: boolean }>> {
    return this.call('pass_thread_control', { recipient: { id: psid }, target_app_id: targetAppId, metadata });
  }

  /** Takes the conversation back from whichever app holds it (our app is the Page's default, primary app). */
  takeThreadControl(psid: string, metadata: string): Promise<GraphResult<{ success?: boolean }>> {
    return this.call('take_thread_control', { recipient: { id: psid }, metadata });
  }

  /** Sets Get Started, the greeting and the persistent menu (Meta allows 10 such calls per 10 minutes). */
  setProfile(profile: MessengerProfile): Promise<GraphResult<{ result?: string }>> {
    return this.call('messenger_profile', profile);
  }

  private async call<T>(edge: string, body: unknown, policy = this.options.retry ?? DEFAULT_RETRY_POLICY): Promise<GraphResult<T>> {
    const url = `${this.base}/me/${edge}?${this.auth}`;
    const timeoutMs = this.options.timeoutMs ?? 6000;
    const result = await retrying<GraphResult<T>>(
      async () => {
        let res: JsonAnswer;
        try {
          res = await postJson(url, body, {}, timeoutMs);
        } catch (err) {
          if (err instanceof PostError && err.mayHaveArrived) return { done: { ok: false, failure: 'in_doubt', code: 'no_answer', detail: err.message } };
          return { retry: { ok: false, failure: 'temporary', code: 'network', detail: (err as Error).message } };
        }
        const answer = res.json as { error?: GraphError } | undefined;
        if (res.status >= 200 && res.status < 300 && !answer?.error) return { done: { ok: true, data: (answer ?? {}) as T } };
        const error = answer?.error;
        const { failure, retry } = classifyGraphError(res.status, error);
        const retryAfterSeconds = parseRetryAfter(res.header('retry-after'));
        const outcome: GraphResult<T> = {
          ok: false,
          failure,
          code: error?.code === undefined ? `http_${res.status}` : [error.code, error.error_subcode].filter((c) => c !== undefined).join('/'),
          detail: error?.message ?? `HTTP ${res.status}`,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        };
        return retry ? { retry: outcome, afterMs: retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000 } : { done: outcome };
      },
      policy,
      this.options.sleep,
    );
    if (result.ok) this.options.health?.accepted();
    else if (result.failure === 'auth') this.options.health?.refused(`Messenger refused the Page access token (${result.code}): ${result.detail}`);
    return result;
  }
}

/** Retry-After in seconds (the HTTP-date form is not used by Graph). */
function parseRetryAfter(header: string | undefined): number | undefined {
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
