import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { RestPending } from '../../src/channels/rest/rest-adapter';
import { callApi } from '../admin/admin-server';
import { startStandInPlatform, type StandInPlatform } from '../handoff/stand-in-platform';
import { vi } from '../support/locale';
import { chat, startAssistant, type RunningAssistant } from '../support/server';
import { collectProblems, launchChromium, skipBrowserTests } from './chromium';

const SCREENSHOT = '/tmp/handoff-console.png';
const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-123' };
const DESK = { username: 'motcua1', password: 'mat-khau-mot-cua-456' };
const XSS = '<img src=x onerror="window.__pwned=1">';

const suite = skipBrowserTests ? describe.skip : describe;

suite(skipBrowserTests ? 'hand-off in the staff console and the chat page, in Chromium (skipped: SKIP_BROWSER_TESTS=1)' : 'hand-off in the staff console and the chat page, in Chromium', function () {
  this.timeout(60_000);
  let server: RunningAssistant;
  let platform: StandInPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async function () {
    browser = await launchChromium();
    platform = await startStandInPlatform();
    server = await startAssistant(
      { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
      { senders: [platform.sender('zalo')] },
    );
    const admin = await callApi(server.url, 'POST', '/api/admin/login', { json: ADMIN });
    const created = await callApi(server.url, 'POST', '/api/admin/accounts', { token: admin.body.token, json: { ...DESK, roles: ['desk'] } });
    assert.equal(created.status, 201);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await platform?.close();
  });

  afterEach(async () => {
    await context?.close();
    assert.deepEqual(problems, []);
  });

  async function open(path: string, options: BrowserContextOptions): Promise<void> {
    context = await browser.newContext({ ...options, locale: 'vi-VN' });
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(`${server.url}${path}`);
  }

  async function signInAsDesk(): Promise<void> {
    await open('/admin', { viewport: { width: 1280, height: 900 } });
    const form = page.locator('#signin-form');
    await form.getByLabel('Tên đăng nhập').fill(DESK.username);
    await form.getByLabel('Mật khẩu').fill(DESK.password);
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('#who-name', { hasText: DESK.username }).waitFor();
    await page.locator('#tabs .tab', { hasText: 'Hỗ trợ' }).click();
  }

  const alert = () => page.locator('#alert');
  const conversation = () => page.locator('#handoff-conversation');
  const pending = async (sender: string) => (await (await fetch(`${server.url}/webhooks/rest/pending?sender=${sender}`)).json()) as RestPending;

  it('shows a waiting citizen with the transcript, takes the conversation, replies to the web chat and closes it', async () => {
    const sender = 'web-console-citizen';
    await chat(server.url, sender, 'đăng ký tạm trú cần giấy tờ gì');
    const [asked] = await chat(server.url, sender, 'tôi muốn gặp cán bộ');
    const id = /HT-\d{8}-\d{4}/.exec(asked!.text)![0];

    await signInAsDesk();
    const row = page.locator('#handoffs-result > .table tbody tr', { hasText: id });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Trang web.*Đang chờ cán bộ/);
    await row.getByRole('button', { name: `Xem cuộc trò chuyện ${id}` }).click();
    await conversation().locator('td', { hasText: 'đăng ký tạm trú cần giấy tờ gì' }).waitFor();
    const lines = await conversation().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent));
    assert.deepEqual(lines.slice(0, 2), ['Người dân', 'Trợ lý']);

    await conversation().getByRole('button', { name: 'Nhận xử lý' }).click();
    await alert().filter({ hasText: `Đã nhận ${id}` }).waitFor();
    await conversation().locator('dd', { hasText: 'Cán bộ motcua1 đang hỗ trợ' }).waitFor();

    await conversation().getByLabel('Trả lời người dân').fill('Dạ, anh mang căn cước và giấy tờ chỗ ở hợp pháp ạ.');
    await conversation().getByRole('button', { name: 'Gửi trả lời' }).click();
    await alert().filter({ hasText: 'Đã gửi trả lời tới người dân' }).waitFor();
    await conversation().locator('tr', { hasText: 'Cán bộ motcua1' }).filter({ hasText: 'giấy tờ chỗ ở hợp pháp' }).waitFor();
    assert.equal(await conversation().getByLabel('Trả lời người dân').inputValue(), '');
    const page1 = await pending(sender);
    assert.deepEqual(page1.messages.map((m) => m.text), [
      vi('handoff:claimed', { reference: id }),
      vi('handoff:officerSays', { text: 'Dạ, anh mang căn cước và giấy tờ chỗ ở hợp pháp ạ.' }),
    ]);

    // The citizen answers; the bot stays quiet and the officer sees the message, as text, flagged as new.
    assert.deepEqual(await chat(server.url, sender, XSS), []);
    await page.locator('[data-refresh="handoffs"]').click();
    await row.locator('.badge', { hasText: 'Có tin mới' }).waitFor();
    const citizenLine = conversation().locator('td', { hasText: 'onerror' });
    await citizenLine.waitFor();
    assert.equal(await citizenLine.textContent(), XSS);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await conversation().getByRole('button', { name: `Đóng yêu cầu ${id}` }).click();
    await alert().filter({ hasText: `Đã đóng ${id}` }).waitFor();
    assert.equal(await row.count(), 0);
    assert.equal(await conversation().textContent(), '', 'the closed conversation leaves the screen');
    assert.deepEqual((await pending(sender)).messages.map((m) => m.text), [vi('handoff:closed', { reference: id })]);
  });

  it('tells the officer in plain Vietnamese when a reply could not reach the citizen, and what to do', async () => {
    const { record } = await server.assistant.store.handoffs.open({ channel: 'zalo', userId: 'z-console', locale: 'vi', reason: 'human_agent', transcript: [] });
    platform.refuseWith('window_closed');
    await signInAsDesk();
    await page.locator('#handoffs-result > .table tbody tr', { hasText: record.id }).getByRole('button', { name: `Xem cuộc trò chuyện ${record.id}` }).click();
    await conversation().getByLabel('Trả lời người dân').fill('Chị còn cần hỗ trợ không ạ?');
    await conversation().getByRole('button', { name: 'Gửi trả lời' }).click();
    await alert().filter({ hasText: 'chưa tới được người dân: đã quá thời hạn nền tảng cho phép' }).waitFor();
    assert.match((await alert().textContent()) ?? '', /khi người dân nhắn lại, hãy gửi lại/);
    await conversation().locator('tr', { hasText: 'Chị còn cần hỗ trợ không ạ?' }).locator('.alert--error').waitFor();
  });

  it('shows the citizen an officer\'s replies on the chat page without their typing, and who is answering', async () => {
    await open('/', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const composer = page.getByLabel('Nội dung tin nhắn');
    await composer.fill('cho tôi gặp cán bộ');
    await composer.press('Enter');
    const status = page.locator('#officer');
    await status.filter({ hasText: 'Đã chuyển yêu cầu tới cán bộ trực' }).waitFor();
    const id = /HT-\d{8}-\d{4}/.exec((await status.textContent()) ?? '')![0];

    const token = (await callApi(server.url, 'POST', '/api/admin/login', { json: DESK })).body.token;
    const sent = await callApi(server.url, 'POST', `/api/admin/handoffs/${id}/messages`, { token, json: { text: 'Chào chị, tôi là cán bộ trực ban.' } });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    const bubbles = page.locator('#log .msg--bot');
    await bubbles.filter({ hasText: vi('handoff:officerSays', { text: 'Chào chị, tôi là cán bộ trực ban.' }) }).waitFor();
    await status.filter({ hasText: `Cán bộ trực đang hỗ trợ anh/chị tại đây (mã ${id})` }).waitFor();
    assert.equal(await page.locator('#chips .chip').count(), 0, 'no choice the silent assistant would not answer');

    await callApi(server.url, 'POST', `/api/admin/handoffs/${id}/close`, { token });
    await bubbles.filter({ hasText: vi('handoff:closed', { reference: id }) }).waitFor();
    await page.locator('#chips .chip', { hasText: 'Menu' }).waitFor();
    await status.waitFor({ state: 'hidden' });
  });
});
