import assert from 'node:assert/strict';
import type { Clock, Store } from '../../src/store';
import { accountsContract } from './contract/accounts-contract';
import { activityContract } from './contract/activity-contract';
import { announcementsContract } from './contract/announcements-contract';
import { channelTokensContract } from './contract/channel-tokens-contract';
import { clockContract, manualClock, type ManualClock } from './contract/clock-contract';
import { contactsContract } from './contract/contacts-contract';
import { conversationRecordsContract } from './contract/conversation-records-contract';
import { dossiersContract } from './contract/dossiers-contract';
import { inboundClockContract, inboundContract } from './contract/inbound-contract';
import { outboxContract } from './contract/outbox-contract';
import { personalDataContract } from './contract/personal-data-contract';
import { recentLinesContract } from './contract/recent-lines-contract';
import { stateContract } from './contract/state-contract';
import { turnsContract } from './contract/turns-contract';

/**
 * The behaviour every Store adapter must share. `factory` answers a fresh, empty store per test;
 * `cleanup` runs after the store is closed (drop the database, remove the directory).
 */
export function describeStoreContract(name: string, factory: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    const current = () => store ?? assert.fail('no store is open');

    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    stateContract(current);
    turnsContract(current);
    recentLinesContract(current);
    conversationRecordsContract(current);
    accountsContract(current);
    dossiersContract(current);
    outboxContract(current);
    contactsContract(current);
    channelTokensContract(current);
    inboundContract(current);
    activityContract(current);
    announcementsContract(current);

    describe('lifecycle', () => {
      it('pings while open and refuses once closed', async () => {
        const open = current();
        await open.ping();
        await open.close();
        store = undefined;
        await assert.rejects(open.ping());
      });
    });
  });
}

/** The time-dependent part of the contract, for adapters whose factory accepts a clock. */
export function describeClockedStoreContract(
  name: string,
  factory: (now: Clock) => Promise<Store>,
  cleanup?: () => Promise<void>,
): void {
  describe(`Store contract with a clock: ${name}`, () => {
    let store: Store | undefined;
    let clock: ManualClock;

    beforeEach(async () => {
      clock = manualClock('2026-11-27T08:00:00.000Z');
      store = await factory(clock.now);
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    clockContract(() => store ?? assert.fail('no store is open'), () => clock);
    inboundClockContract(() => store ?? assert.fail('no store is open'), () => clock);
    personalDataContract(() => store ?? assert.fail('no store is open'), () => clock);
  });
}
