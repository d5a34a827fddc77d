import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import type { AssistantProcess } from '../support/assistant-process';
import { startStandInZalo, type StandInZalo } from '../support/stand-in-zalo';
import type { Announcement } from '../../src/store/ports/announcements';

/**
 * `recipients` Zalo subscribers (user ids `<prefix>-0000`…) and an announcement to them left `sending` by a process
 * that stopped: what the assistant's next start resumes.
 */
export async function seedAnnouncementLeftSending(store: Store, recipients: number, prefix: string, now = new Date()): Promise<Announcement> {
  for (let i = 0; i < recipients; i++) {
    const user = { channel: 'zalo', userId: `${prefix}-${String(i).padStart(4, '0')}` };
    await store.contacts.recordInteraction(user, now);
    await store.contacts.subscribe(user, { topics: [], communes: [] }, now);
  }
  const a = await store.announcements.create({ title: 'Cảnh báo', body: 'Nội dung', topics: [], channels: ['zalo'], communes: [] }, 'staff:news1', now);
  await store.announcements.transition(a.id, ['draft'], 'sending', now);
  return a;
}

/** What a suite of real-process delivery tests works on: its data folder's SQLite store and a stand-in Zalo. */
export interface DeliveryBench {
  dir: string;
  zalo: StandInZalo;
  store: Store;
  /** The assistant process a test started, killed after the suite if still running. */
  running?: AssistantProcess;
}

/** Makes the bench before the suite's tests and removes it (killing a process left running) after them. */
export function useDeliveryBench(prefix: string): DeliveryBench {
  const bench = {} as DeliveryBench;
  before(async () => {
    bench.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    bench.zalo = await startStandInZalo();
    bench.store = createSqliteStore(bench.dir);
  });
  after(async () => {
    await bench.running?.kill9();
    await bench.store.close();
    await bench.zalo.close();
    fs.rmSync(bench.dir, { recursive: true, force: true });
  });
  return bench;
}
