import assert from 'node:assert/strict';
import type { Store, TokenPair } from '../../../src/store';

const at = (iso: string) => new Date(iso);
const pair = (n: number): TokenPair => ({ accessToken: `AT${n}`, refreshToken: `RT${n}`, accessExpiresAt: at(`2026-12-0${n}T08:00:00.000Z`) });

/** Channel tokens: seeding from configuration, compare-and-set rotation, refresh failures. */
export function channelTokensContract(store: () => Store): void {
  describe('channel tokens', () => {
    it('seeds once per configured seed, never over a chain that started from the same seed', async () => {
      const t = store().channelTokens;
      assert.equal(await t.get('zalo'), undefined);
      assert.equal(await t.seed('zalo', 'seed-1', pair(1), at('2026-12-01T00:00:00.000Z')), true);
      assert.equal(await t.rotate('zalo', 'RT1', pair(2), at('2026-12-01T01:00:00.000Z')), true);
      assert.equal(await t.seed('zalo', 'seed-1', pair(1), at('2026-12-01T02:00:00.000Z')), false, 'a restart with the same configuration keeps the refreshed pair');
      assert.equal((await t.get('zalo'))?.refreshToken, 'RT2');
      assert.equal(await t.seed('zalo', 'seed-2', pair(3), at('2026-12-01T03:00:00.000Z')), true, 'new configured tokens start a new chain');
      const got = await t.get('zalo');
      assert.deepEqual({ ...got }, { ...pair(3), seed: 'seed-2', updatedAt: at('2026-12-01T03:00:00.000Z') });
      assert.equal(await t.get('messenger'), undefined, 'one record per channel');
    });

    it('rotates only from the stored refresh token, so a burnt token is never written back', async () => {
      const t = store().channelTokens;
      await t.seed('zalo', 's', pair(1), at('2026-12-01T00:00:00.000Z'));
      assert.equal(await t.rotate('zalo', 'RT1', pair(2), at('2026-12-01T01:00:00.000Z')), true);
      assert.equal(await t.rotate('zalo', 'RT1', pair(3), at('2026-12-01T02:00:00.000Z')), false);
      assert.equal(await t.rotate('other', 'RT1', pair(3), at('2026-12-01T02:00:00.000Z')), false);
      const got = await t.get('zalo');
      assert.equal(got?.accessToken, 'AT2');
      assert.deepEqual(got?.accessExpiresAt, pair(2).accessExpiresAt);
      assert.deepEqual(got?.updatedAt, at('2026-12-01T01:00:00.000Z'));
    });

    it('records a failed refresh of the current pair; a successful rotation or a new seed clears it', async () => {
      const t = store().channelTokens;
      await t.seed('zalo', 's', pair(1), at('2026-12-01T00:00:00.000Z'));
      const failure = { at: at('2026-12-01T05:00:00.000Z'), reason: 'error -14014: Invalid refresh token', terminal: true };
      assert.equal(await t.recordFailure('zalo', 'RT0', failure), false, 'a failure of an older pair is not recorded');
      assert.equal((await t.get('zalo'))?.failure, undefined);
      assert.equal(await t.recordFailure('zalo', 'RT1', failure), true);
      assert.deepEqual((await t.get('zalo'))?.failure, failure);
      await t.rotate('zalo', 'RT1', pair(2), at('2026-12-01T06:00:00.000Z'));
      assert.equal((await t.get('zalo'))?.failure, undefined);
      await t.recordFailure('zalo', 'RT2', { ...failure, terminal: false });
      assert.equal((await t.get('zalo'))?.failure?.terminal, false);
      await t.seed('zalo', 's2', pair(3), at('2026-12-01T07:00:00.000Z'));
      assert.equal((await t.get('zalo'))?.failure, undefined);
    });
  });
}
