import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import nock from 'nock';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { callApi } from '../admin/admin-server';
import { API_BASE, zaloEnv } from '../channels/zalo/zalo-support';
import { vi } from '../support/locale';
import { chat, startAssistant, type RunningAssistant } from '../support/server';
import { launchChromium, skipBrowserTests } from './chromium';

const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-123' };
const NEWS = { username: 'tuyentruyen1', password: 'mat-khau-tuyen-truyen-1' };

const suite = skipBrowserTests ? describe.skip : describe;

/** A console page signed in as propaganda staff, with page errors collected and confirmations accepted. */
async function signedInAsNews(browser: Browser, url: string, problems: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${url}/admin`);
  const form = page.locator('#signin-form');
  await form.getByLabel('Tên đăng nhập').fill(NEWS.username);
  await form.getByLabel('Mật khẩu').fill(NEWS.password);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.locator('#who-name', { hasText: NEWS.username }).waitFor();
  return { context, page };
}

suite(skipBrowserTests ? 'announcements screen in Chromium (skipped: SKIP_BROWSER_TESTS=1)' : 'announcements screen in Chromium', function () {
  this.timeout(90_000);
  let server: RunningAssistant;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    server = await startAssistant({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    const admin = await callApi(server.url, 'POST', '/api/admin/login', { json: ADMIN });
    const created = await callApi(server.url, 'POST', '/api/admin/accounts', { token: admin.body.token, json: { ...NEWS, roles: ['propaganda'] } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Two web-chat citizens subscribe in chat: the audience the screen counts.
    for (const sender of ['web-a', 'web-b']) await chat(server.url, sender, 'đăng ký nhận thông báo');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets propaganda staff write with a preview per channel and the audience count, send, and follow it to the end', async () => {
    const signedIn = await signedInAsNews(browser, server.url, problems);
    const context = signedIn.context;
    page = signedIn.page;
    assert.deepEqual(await page.locator('#tabs .tab:visible').allTextContents(), ['Báo cáo', 'Thông báo']);

    await page.locator('#tabs .tab', { hasText: 'Thông báo' }).click();
    const screen = page.locator('#screen-announcements');
    await screen.getByLabel('Tiêu đề').fill('Cảnh báo lừa đảo qua điện thoại');
    await screen.getByLabel('Nội dung').fill('Công an không gọi điện yêu cầu chuyển tiền.');
    await screen.getByText('Sẽ đến 2 người').waitFor();
    await screen.locator('pre', { hasText: '📢 Cảnh báo lừa đảo qua điện thoại' }).first().waitFor();
    assert.deepEqual(await screen.locator('h4').allTextContents(), ['Zalo', 'Messenger', 'Web']);

    await screen.getByRole('button', { name: 'Gửi ngay' }).click();
    // The report refreshes itself every 2 s while sending: a minute leaves a slow machine room.
    await screen.getByText('Đã gửi xong').first().waitFor({ timeout: 60_000 });
    const bar = screen.locator('progress');
    assert.equal(await bar.getAttribute('value'), '2');
    await screen.getByText('Người dùng web: sẽ thấy khi quay lại trang').waitFor();
    const [top] = await chat(server.url, 'web-a', 'xin chào');
    assert.ok(top!.text.startsWith('📢 Cảnh báo lừa đảo qua điện thoại'));
    await context.close();
    assert.deepEqual(problems, []);
  });

  it('downloads the delivery report from the console as a CSV file with Vietnamese headers and one row per recipient', async () => {
    const news = await callApi(server.url, 'POST', '/api/admin/login', { json: NEWS });
    const title = 'Lịch tiếp công dân tháng 12';
    const created = await callApi(server.url, 'POST', '/api/admin/announcements', { token: news.body.token, json: { title, body: 'Nội dung', channels: ['rest'], topics: [], communes: [] } });
    const id = created.body.announcement.id as string;
    assert.equal((await callApi(server.url, 'POST', `/api/admin/announcements/${id}/send`, { token: news.body.token })).status, 202);

    const { context, page: csvPage } = await signedInAsNews(browser, server.url, problems);
    await csvPage.locator('#tabs .tab', { hasText: 'Thông báo' }).click();
    const screen = csvPage.locator('#screen-announcements');
    await screen.locator('tr', { hasText: title }).getByRole('button', { name: 'Xem' }).click();
    await screen.locator('h3', { hasText: title }).waitFor();
    // Its two web-chat subscribers are both accounted for (the report refreshes itself while sending).
    await screen.getByText('2 / 2 đã xử lý').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([csvPage.waitForEvent('download'), screen.getByRole('button', { name: 'Tải danh sách người nhận (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), `ket-qua-gui-thong-bao-${id}.csv`);
    const file = fs.readFileSync(await download.path());
    assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the UTF-8 mark Excel needs to read Vietnamese');
    const [header, ...rows] = parse(file, { bom: true }) as string[][];
    assert.deepEqual(header, ['channel', 'recipient', 'outcome', 'reason', 'updatedAt'].map((c) => vi(`console:deliveries.columns.${c}`)));
    assert.deepEqual(
      rows.map((r) => r.slice(0, 4)),
      ['web-a', 'web-b'].map((who) => [vi('console:channels.rest'), who, vi('console:deliveries.outcomes.skipped'), vi('console:deliveries.reasons.next_visit')]),
    );
    for (const r of rows) assert.match(r[4]!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/, 'Vietnam time, as staff write it');
    await context.close();
    assert.deepEqual(problems, []);
  });
});

suite(skipBrowserTests ? 'Zalo article panel in Chromium (skipped: SKIP_BROWSER_TESTS=1)' : 'Zalo article panel in Chromium', function () {
  this.timeout(90_000);
  let server: RunningAssistant;
  let browser: Browser;

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    server = await startAssistant({ ...zaloEnv(), ZALO_ARTICLE_BROADCAST: 'true', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    const admin = await callApi(server.url, 'POST', '/api/admin/login', { json: ADMIN });
    await callApi(server.url, 'POST', '/api/admin/accounts', { token: admin.body.token, json: { ...NEWS, roles: ['propaganda'] } });
    const news = await callApi(server.url, 'POST', '/api/admin/login', { json: NEWS });
    const created = await callApi(server.url, 'POST', '/api/admin/announcements', { token: news.body.token, json: { title: 'Lịch tiếp dân tháng 12', body: 'Nội dung', channels: ['zalo'], topics: [], communes: [] } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('shows Zalo\'s limits, says in the job\'s words why Zalo refused, and refuses a second send of the same article', async () => {
    const problems: string[] = [];
    const { context, page } = await signedInAsNews(browser, server.url, problems);
    await page.locator('#tabs .tab', { hasText: 'Thông báo' }).click();
    const screen = page.locator('#screen-announcements');
    await screen.getByRole('button', { name: 'Xem' }).first().click();
    await screen.getByText('Zalo không cho gửi tin truyền thông từ 22:00 đến 06:00.').waitFor();
    await screen.getByLabel(/Mã bài viết/).fill('bai-viet-1');
    const send = screen.getByRole('button', { name: 'Gửi bài viết qua Zalo' });
    const alert = page.locator('.alert');

    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: -234, message: 'Cannot send message at night' });
    await send.click();
    await alert.getByText('Anh/chị gửi lại sau 06:00.', { exact: false }).waitFor();

    nock(API_BASE).post('/v2.0/oa/message').reply(200, { error: 0, message: 'Success', data: { message_id: 'bc-77' } });
    await send.click();
    await screen.getByText('Zalo đã nhận yêu cầu gửi bài viết (mã tin: bc-77).').waitFor();

    await send.click();
    await alert.getByText('Bài viết này đã được gửi qua Zalo cho thông báo này rồi.', { exact: false }).waitFor();
    assert.equal(await alert.textContent().then((t) => /409|conflict/i.test(t ?? '')), false, 'no HTTP code or English');
    await context.close();
    assert.deepEqual(problems, []);
  });
});
