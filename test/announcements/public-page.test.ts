import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createPublicPage, PUBLIC_PAGE_PATH, PUBLIC_PAGE_TTL_MS, type PublicPage } from '../../src/announcements/http/public-page';
import { createHttpApp } from '../../src/http/app';
import { createLogger } from '../../src/ops/logger';
import type { Store } from '../../src/store';
import { createSqliteStore } from '../../src/store/sqlite';
import { vi } from '../support/locale';

describe('public announcements page (/thong-bao): the copy an instance keeps', () => {
  let dir: string;
  let store: Store;
  let server: Server;
  let url: string;
  let page: PublicPage;
  let clock = new Date('2026-05-01T02:00:00.000Z');
  /** Readings of the store the page made; `failNext` makes the next one fail as a lost database would. */
  const reads = { count: 0, failNext: false };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'public-page-'));
    store = await createSqliteStore(dir, { now: () => clock });
    page = createPublicPage(
      {
        list: async (...args) => {
          reads.count++;
          if (reads.failNext) {
            reads.failNext = false;
            throw new Error('database unavailable');
          }
          return store.announcements.list(...args);
        },
      },
      vi,
      () => clock,
    );
    const app = createHttpApp({ logger: createLogger('silent'), routers: [page.router] });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PUBLIC_PAGE_PATH}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Publishes straight in the store, as another instance sharing it would: this instance is not told. */
  async function publishElsewhere(title: string): Promise<void> {
    const a = await store.announcements.create({ title, body: `${title}: nội dung`, topics: [], channels: ['rest'], communes: [] }, 'staff:news1', clock);
    assert.ok(await store.announcements.transition(a.id, ['draft'], 'sending', clock));
  }
  const visit = async () => {
    const res = await fetch(url);
    return { status: res.status, html: await res.text(), cacheControl: res.headers.get('cache-control') };
  };

  it('reads the store once for many visits, and shows what another instance published once the copy is older than the TTL', async () => {
    await publishElsewhere('Thông báo thứ nhất');
    const before = reads.count;
    const visits = await Promise.all([visit(), visit(), visit()]);
    await visit();
    assert.equal(reads.count - before, 1, 'four visits, one reading');
    for (const v of visits) assert.ok(v.html.includes('Thông báo thứ nhất'));
    assert.equal(visits[0]!.cacheControl, `public, max-age=${PUBLIC_PAGE_TTL_MS / 1000}`, 'no cache outside keeps it longer than this one');

    await publishElsewhere('Thông báo thứ hai');
    clock = new Date(clock.getTime() + PUBLIC_PAGE_TTL_MS - 1);
    assert.ok(!(await visit()).html.includes('Thông báo thứ hai'), 'kept until the TTL');
    clock = new Date(clock.getTime() + 1);
    assert.ok((await visit()).html.includes('Thông báo thứ hai'), 'drawn anew once the TTL is over');
  });

  it('draws the page anew on the next visit once told an announcement changed', async () => {
    await visit();
    await publishElsewhere('Thông báo thứ ba');
    assert.ok(!(await visit()).html.includes('Thông báo thứ ba'));
    page.forget();
    assert.ok((await visit()).html.includes('Thông báo thứ ba'));
  });

  it('keeps no failed reading: the visit gets an error and the next one reads again', async () => {
    page.forget();
    reads.failNext = true;
    assert.equal((await visit()).status, 500);
    const ok = await visit();
    assert.equal(ok.status, 200);
    assert.ok(ok.html.includes('Thông báo thứ ba'));
  });
});
