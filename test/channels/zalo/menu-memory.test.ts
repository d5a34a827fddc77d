import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MenuMemory } from '../../../src/channels/zalo/menu-memory';
import { createSqliteStore } from '../../../src/store/sqlite';
import type { Store } from '../../../src/store';

const menu = [
  { title: 'Cư trú', payload: '/procedure_list{"field":"cu-tru"}' },
  { title: 'Hộ chiếu', payload: '/procedure_list{"field":"xuat-nhap-canh"}' },
];

describe('numbered menu memory', () => {
  let dir: string;
  let store: Store;
  let now: Date;
  let memory: MenuMemory;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'menu-memory-'));
    store = createSqliteStore(dir);
    now = new Date('2026-12-01T08:00:00.000Z');
    memory = new MenuMemory(store.state, 'zalo', () => now);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a number, "số n", or the title typed with or without diacritics as the button\'s payload', async () => {
    await memory.remember('u1', menu);
    for (const typed of ['2', ' 2 ', '2.', 'số 2', 'So 2', 'chọn 2', 'Hộ chiếu', 'ho chieu']) {
      assert.equal(await memory.choice('u1', typed), menu[1].payload, typed);
    }
    assert.equal(await memory.choice('u1', '1'), menu[0].payload);
  });

  it('leaves other text alone: numbers off the menu, sentences, another citizen\'s menu', async () => {
    await memory.remember('u1', menu);
    for (const typed of ['3', '0', '12', '2 cái', 'làm hộ chiếu ở đâu', '0912345678', '']) assert.equal(await memory.choice('u1', typed), undefined, typed);
    assert.equal(await memory.choice('u2', '1'), undefined);
  });

  it('forgets the menu when the next answer has no choices, and after a day', async () => {
    await memory.remember('u1', menu);
    await memory.remember('u1', []);
    assert.equal(await memory.choice('u1', '1'), undefined);
    await memory.remember('u1', menu);
    now = new Date(now.getTime() + 25 * 3600_000);
    assert.equal(await memory.choice('u1', '1'), undefined);
  });

  it('takes the menu of an announcement sent after the remembered one, and the remembered one again once it is newer', async () => {
    const sentAt: Record<string, Date> = {};
    const announcementMenu = [{ title: 'Hủy nhận thông báo', payload: '/unsubscribe' }];
    const withAnnouncements = new MenuMemory(store.state, 'zalo', () => now, async (userId, since) =>
      sentAt[userId] && sentAt[userId]! > since ? announcementMenu : undefined,
    );
    await withAnnouncements.remember('u1', menu);
    now = new Date(now.getTime() + 60_000);
    sentAt.u1 = now;
    assert.equal(await withAnnouncements.choice('u1', '1'), '/unsubscribe');
    assert.equal(await withAnnouncements.choice('u2', '1'), undefined);
    now = new Date(now.getTime() + 60_000);
    await withAnnouncements.remember('u1', []);
    assert.equal(await withAnnouncements.choice('u1', '1'), undefined, 'an answer without choices after the announcement hides its menu');
    await withAnnouncements.remember('u1', menu);
    assert.equal(await withAnnouncements.choice('u1', '1'), menu[0].payload);
    sentAt.u2 = new Date(now.getTime() - 25 * 3600_000);
    assert.equal(await withAnnouncements.choice('u2', '1'), undefined, 'an announcement older than a day is no menu');
  });
});
