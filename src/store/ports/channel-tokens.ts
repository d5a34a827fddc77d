/**
 * A platform's OAuth token pair (Zalo OA: a 25-hour access token and a single-use refresh token). The record is the
 * one truth every instance reads: a refreshed pair is written here before anyone uses it, because once the platform
 * has rotated the refresh token, losing the new pair means an OA admin must consent again in a browser.
 */

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working (our estimate from the platform's `expires_in`). */
  accessExpiresAt: Date;
}

/** Why the last refresh of the current pair failed: `terminal` when the platform refused it (a human must act). */
export interface RefreshFailure {
  at: Date;
  reason: string;
  terminal: boolean;
}

export interface ChannelTokens extends TokenPair {
  /** A digest of the configured tokens this chain started from: new configured tokens start a new chain. */
  seed: string;
  updatedAt: Date;
  /** Set when refreshing this pair failed; cleared by the next successful refresh or a new seed. */
  failure?: RefreshFailure;
}

export interface ChannelTokenRepository {
  get(channel: string): Promise<ChannelTokens | undefined>;
  /**
   * Starts a chain from configured tokens: writes `pair` unless the stored record already came from `seed` (then the
   * stored pair, maybe refreshed since, is newer). Answers whether it wrote.
   */
  seed(channel: string, seed: string, pair: TokenPair, at: Date): Promise<boolean>;
  /** Replaces the pair (and clears any failure) only if the stored refresh token is still `expectedRefreshToken`. */
  rotate(channel: string, expectedRefreshToken: string, next: TokenPair, at: Date): Promise<boolean>;
  /** Records a failed refresh of the pair whose refresh token is `expectedRefreshToken`; false when it was replaced. */
  recordFailure(channel: string, expectedRefreshToken: string, failure: RefreshFailure): Promise<boolean>;
}
