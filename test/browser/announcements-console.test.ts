import assert from 'node:assert/strict';
import { type Browser, type Page } from 'playwright-core';
import { callApi } from '../admin/admin-server';
import { chat, startAssistant, type RunningAssistant } from '../support/server';
import { launchChromium, skipBrowserTests } from './chromium';

const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-123' };
const NEWS = { username: 'tuyentruyen1', password: 'mat-khau-tuyen-truyen-1' };

const suite = skipBrowserTests ? describe.skip : describe;

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
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/admin`);
    const form = page.locator('#signin-form');
    await form.getByLabel('Tên đăng nhập').fill(NEWS.username);
    await form.getByLabel('Mật khẩu').fill(NEWS.password);
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#who-name', { hasText: NEWS.username }).waitFor();
    assert.deepEqual(await page.locator('#tabs .tab:visible').allTextContents(), ['Báo cáo', 'Thông báo']);

    await page.locator('#tabs .tab', { hasText: 'Thông báo' }).click();
    const screen = page.locator('#screen-announcements');
    await screen.getByLabel('Tiêu đề').fill('Cảnh báo lừa đảo qua điện thoại');
    await screen.getByLabel('Nội dung').fill('Công an không gọi điện yêu cầu chuyển tiền.');
    await screen.getByText('Sẽ đến 2 người').waitFor();
    await screen.locator('pre', { hasText: '📢 Cảnh báo lừa đảo qua điện thoại' }).first().waitFor();
    assert.deepEqual(await screen.locator('h4').allTextContents(), ['Zalo', 'Messenger', 'Web']);

    await screen.getByRole('button', { name: 'Gửi ngay' }).click();
    await screen.getByText('Đã gửi xong').first().waitFor({ timeout: 20_000 });
    const bar = screen.locator('progress');
    assert.equal(await bar.getAttribute('value'), '2');
    await screen.getByText('Người dùng web: sẽ thấy khi quay lại trang').waitFor();
    const [top] = await chat(server.url, 'web-a', 'xin chào');
    assert.ok(top!.text.startsWith('📢 Cảnh báo lừa đảo qua điện thoại'));
    await context.close();
    assert.deepEqual(problems, []);
  });
});
