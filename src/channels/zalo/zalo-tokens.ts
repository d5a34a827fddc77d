import { createHash } from 'node:crypto';
import type { Coordination } from '../../coordination';
import type { Metrics } from '../../ops/metrics';
import type { Logger } from '../../ops/logger';
import type { ChannelTokenRepository, ChannelTokens } from '../../store/ports';
import { ZaloRefreshError, type RefreshedTokens } from './zalo-oauth';

/** No working access token: the record is missing, or its refresh failed and it has expired. */
export class TokenUnavailableError extends Error {
  override name = 'TokenUnavailableError';
}

export interface ZaloTokensOptions {
  repository: ChannelTokenRepository;
  coordination: Coordination;
  refresh: (refreshToken: string) => Promise<RefreshedTokens>;
  logger: Logger;
  metrics: Pick<Metrics, 'observeTokenRefresh'>;
  now?: () => Date;
  /** Refresh when less than this remains of the access token (25 h in all). */
  refreshAheadMs?: number;
  /** After a failed refresh that Zalo did not refuse (network, 5xx), wait this long before trying again. */
  retryFailedAfterMs?: number;
}

const CHANNEL = 'zalo';
const HOUR = 3600_000;
/** Zalo's documented access-token lifetime, assumed for a configured token whose age we cannot know. */
const ACCESS_TOKEN_LIFETIME_MS = 25 * HOUR;

/**
 * The OA's tokens, shared by every instance through the store. The refresh token is single-use, so a refresh runs
 * under a lock (Redis when configured, else in-process), re-reads the record under it (another instance may have
 * refreshed already), and stores the new pair before anyone uses it. A failed refresh is logged, counted and
 * recorded, never retried in a loop: Zalo's refusal waits for a human, a network failure for the next renewal tick.
 */
export class ZaloTokens {
  private readonly now: () => Date;
  private readonly refreshAheadMs: number;
  private readonly retryFailedAfterMs: number;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: ZaloTokensOptions) {
    this.now = options.now ?? (() => new Date());
    this.refreshAheadMs = options.refreshAheadMs ?? 5 * HOUR;
    this.retryFailedAfterMs = options.retryFailedAfterMs ?? 10 * 60_000;
  }

  /**
   * Starts the chain from configured tokens, unless the store already holds a chain from the same ones (then it is
   * newer). Without an access token the first use refreshes at once.
   */
  async seed(accessToken: string | undefined, refreshToken: string): Promise<void> {
    const now = this.now();
    const digest = createHash('sha256').update(`zalo-seed\n${accessToken ?? ''}\n${refreshToken}`).digest('hex');
    const accessExpiresAt = accessToken ? new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_MS) : new Date(0);
    const wrote = await this.options.repository.seed(CHANNEL, digest, { accessToken: accessToken ?? '', refreshToken, accessExpiresAt }, now);
    if (wrote) this.options.logger.info({ channel: CHANNEL }, 'Zalo tokens taken from configuration');
  }

  /** A working access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const record = await this.read();
    if (record.accessExpiresAt.getTime() - this.now().getTime() > this.refreshAheadMs) return record.accessToken;
    return this.refresh(record, false);
  }

  /** After Zalo refused `rejected` (-216/-220): the token another instance stored since, or a refreshed one. */
  async replaceRejected(rejected: string): Promise<string> {
    const record = await this.read();
    if (record.accessToken !== rejected) return record.accessToken;
    return this.refresh(record, true);
  }

  /** For /readyz: throws, saying why, while the channel cannot count on its token. */
  async check(): Promise<void> {
    const record = await this.read();
    if (record.failure) throw new Error(`Zalo token refresh failed at ${record.failure.at.toISOString()}: ${record.failure.reason}`);
    if (!this.valid(record)) throw new Error('Zalo access token has expired');
  }

  /** Refreshes ahead of expiry on a timer too, so an OA nobody writes to keeps rolling its 3-month refresh token. */
  startRenewal(everyMs = 10 * 60_000): void {
    this.stop();
    this.timer = setInterval(() => {
      this.accessToken().catch((err: unknown) => this.options.logger.error({ err, channel: CHANNEL }, 'Zalo token renewal failed'));
    }, everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async read(): Promise<ChannelTokens> {
    const record = await this.options.repository.get(CHANNEL);
    if (!record) throw new TokenUnavailableError('no Zalo token stored');
    return record;
  }

  private valid(record: ChannelTokens): boolean {
    return record.accessToken !== '' && record.accessExpiresAt.getTime() > this.now().getTime();
  }

  /** Whether a failure recorded for this pair forbids trying again now. */
  private held(record: ChannelTokens): boolean {
    const { failure } = record;
    return !!failure && (failure.terminal || this.now().getTime() - failure.at.getTime() < this.retryFailedAfterMs);
  }

  /** Falls back to the current token when refreshing is held but the token still works (it was only due, not dead). */
  private fallback(record: ChannelTokens, rejected: boolean, reason: string): string {
    if (!rejected && this.valid(record)) return record.accessToken;
    throw new TokenUnavailableError(reason);
  }

  private refresh(seen: ChannelTokens, rejected: boolean): Promise<string> {
    if (this.held(seen)) return Promise.resolve(this.fallback(seen, rejected, seen.failure!.reason));
    return this.options.coordination.withLock(`${CHANNEL}:token-refresh`, async () => {
      const current = await this.read();
      // Someone refreshed while we waited for the lock: their pair is the one to use.
      if (current.refreshToken !== seen.refreshToken) return current.accessToken;
      if (this.held(current)) return this.fallback(current, rejected, current.failure!.reason);
      let fresh: RefreshedTokens;
      try {
        fresh = await this.options.refresh(current.refreshToken);
      } catch (err) {
        return this.failed(current, rejected, err);
      }
      const now = this.now();
      const next = { accessToken: fresh.accessToken, refreshToken: fresh.refreshToken, accessExpiresAt: new Date(now.getTime() + fresh.expiresInSeconds * 1000) };
      if (!(await this.options.repository.rotate(CHANNEL, current.refreshToken, next, now))) {
        this.options.logger.error({ channel: CHANNEL }, 'Zalo token record changed during a locked refresh; the new pair was not stored');
      }
      this.options.metrics.observeTokenRefresh(CHANNEL, 'ok');
      this.options.logger.info({ channel: CHANNEL, expiresAt: next.accessExpiresAt.toISOString() }, 'Zalo access token refreshed');
      return next.accessToken;
    });
  }

  private async failed(current: ChannelTokens, rejected: boolean, err: unknown): Promise<string> {
    const terminal = err instanceof ZaloRefreshError ? err.terminal : false;
    const reason = (err as Error).message;
    await this.options.repository.recordFailure(CHANNEL, current.refreshToken, { at: this.now(), reason, terminal });
    this.options.metrics.observeTokenRefresh(CHANNEL, 'failed');
    // Staff act on this: Zalo refused → an OA admin consents again (README); otherwise the next tick retries.
    this.options.logger.error({ channel: CHANNEL, terminal, reason }, 'Zalo token refresh failed; staff must check the OA connection');
    return this.fallback(current, rejected, reason);
  }
}
