import assert from 'node:assert/strict';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startAssistant, type RunningAssistant } from '../support/server';
import { launchChromium, skipBrowserTests } from './chromium';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };
const WEBHOOK = '**/webhooks/rest/webhook';
const SCREENSHOT = '/tmp/chat-page.png';

const suite = skipBrowserTests ? describe.skip : describe;

suite(skipBrowserTests ? 'web chat page in Chromium (skipped: SKIP_BROWSER_TESTS=1)' : 'web chat page in Chromium', function () {
  this.timeout(60_000);
  let server: RunningAssistant;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Bodies the page posted to the webhook, in order. */
  let sent: { sender: string; message: string }[];
  /** Script errors and Content-Security-Policy violations: the page must cause none. */
  let problems: string[];

  before(async function () {
    server = await startAssistant();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(options: BrowserContextOptions = {}): Promise<void> {
    context = await browser.newContext({ ...PHONE, ...options });
    page = await context.newPage();
    sent = [];
    problems = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/webhooks/rest/webhook')) sent.push(request.postDataJSON());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(server.url);
  }

  afterEach(async () => {
    await context?.close();
    assert.deepEqual(problems, []);
  });

  const botBubbles = () => page.locator('#log .msg--bot:not(.msg--welcome)');
  const myBubbles = () => page.locator('#log .msg--me');
  const chip = (title: string) => page.locator('#chips .chip', { hasText: title });
  const input = () => page.getByLabel('Nội dung tin nhắn');

  async function say(text: string): Promise<void> {
    await input().fill(text);
    await input().press('Enter');
  }

  it('opens in Vietnamese with a welcome, a "Bắt đầu" chip and the emergency numbers, under a strict CSP', async () => {
    await open();
    const response = await page.request.get(server.url);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    await page.locator('#log .msg--welcome', { hasText: 'Xin chào' }).waitFor();
    assert.equal((await page.locator('#emergency').textContent())?.trim(), 'Khẩn cấp: gọi 113 (công an), 114 (cứu hỏa), 115 (cấp cứu)');
    assert.equal(await page.locator('#log').getAttribute('aria-live'), 'polite');
    await input().waitFor();
    // Nothing wider than the phone: no sideways scrolling.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));

    await chip('Bắt đầu').tap();
    await botBubbles().filter({ hasText: 'xin chào anh/chị' }).waitFor();
    assert.equal(sent[0].message, '/greeting');
    assert.match(sent[0].sender, /^web-[0-9a-f]{32}$/);
  });

  it('answers typed text with the greeting and the menu; a tapped chip speaks its title and sends its payload', async () => {
    await open();
    await say('xin chào');
    await botBubbles().filter({ hasText: 'Công an tỉnh Thái Nguyên xin chào' }).waitFor();
    for (const title of ['Cư trú', 'Tra cứu hồ sơ', 'Gặp cán bộ']) await chip(title).waitFor();
    assert.equal(await myBubbles().last().textContent(), 'xin chào');
    assert.equal(await input().inputValue(), '');
    assert.equal(await page.locator('#typing').isHidden(), true);
    await page.screenshot({ path: SCREENSHOT });

    await chip('Gặp cán bộ').tap();
    await botBubbles().filter({ hasText: 'cán bộ trực' }).waitFor();
    assert.equal(await myBubbles().last().textContent(), 'Gặp cán bộ');
    assert.equal(sent.at(-1)?.message, '/human_agent');
    // The reply's line break is kept, and the chip that was tapped is replaced by the new choices.
    assert.match((await botBubbles().last().innerText()) ?? '', /\n/);
    await chip('Menu').waitFor();
    assert.equal(await chip('Gặp cán bộ').count(), 0);
  });

  it('keeps the sender across a reload, so the assistant continues the same conversation', async () => {
    await open();
    await chip('Bắt đầu').tap();
    await chip('Gặp cán bộ').tap();
    await botBubbles().filter({ hasText: 'cán bộ trực' }).waitFor();

    await page.reload();
    await chip('Bắt đầu').tap();
    await chip('Gặp cán bộ').tap();
    // The assistant remembers the open request: only the same sender gets "already recorded".
    await botBubbles().filter({ hasText: 'đã được ghi nhận' }).waitFor();
    assert.equal(new Set(sent.map((body) => body.sender)).size, 1);

    await page.getByRole('button', { name: 'Trò chuyện mới' }).tap();
    await say('xin chào');
    await botBubbles().filter({ hasText: 'xin chào anh/chị' }).waitFor();
    assert.notEqual(sent.at(-1)?.sender, sent[0].sender);
  });

  it('shows the server\'s error, keeps what the citizen typed, and works again on retry', async () => {
    await open();
    await page.route(WEBHOOK, (route) => route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'Internal error; nothing was changed. Please retry.' } } }), { times: 1 });
    await say('xin chào');
    const error = page.locator('#log .msg--error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /500.*nothing was changed/);
    assert.equal(await input().inputValue(), 'xin chào');
    await chip('Bắt đầu').waitFor();

    await input().press('Enter');
    await botBubbles().filter({ hasText: 'xin chào anh/chị' }).waitFor();

    await page.route(WEBHOOK, (route) => route.abort('internetdisconnected'), { times: 1 });
    await say('thủ tục tạm trú');
    await error.filter({ hasText: 'Không kết nối được' }).waitFor();
    assert.equal(await input().inputValue(), 'thủ tục tạm trú');

    await page.route(WEBHOOK, (route) => route.fulfill({ status: 429, headers: { 'Retry-After': '42' }, json: { error: { code: 'too_many_requests', message: 'Too many requests' } } }), { times: 1 });
    await input().press('Enter');
    await error.filter({ hasText: 'chờ khoảng 42 giây' }).waitFor();
  });

  it('draws a reply as text with safe links, never as HTML', async () => {
    await open();
    const text = '<img src=x onerror="window.__pwned=1">\nXem https://dichvucong.gov.vn/p/home. Không: javascript:alert(1)';
    await page.route(WEBHOOK, (route) => route.fulfill({ json: [{ recipient_id: 'x', text, buttons: [{ title: '<b>Đậm</b>', payload: '/help' }] }] }), { times: 1 });
    await say('xin chào');
    const bubble = botBubbles().filter({ hasText: 'dichvucong' });
    await bubble.waitFor();
    assert.equal(await bubble.textContent(), text);
    assert.equal(await page.locator('#log img, #log b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const links = bubble.locator('a');
    assert.equal(await links.count(), 1);
    assert.equal(await links.getAttribute('href'), 'https://dichvucong.gov.vn/p/home');
    assert.equal(await links.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await links.getAttribute('target'), '_blank');
    await chip('<b>Đậm</b>').waitFor();
  });

  it('sends the position when the citizen shares it, and stays usable when they refuse', async () => {
    await open({ permissions: ['geolocation'], geolocation: { latitude: 21.5927149, longitude: 105.8441992 } });
    await chip('Bắt đầu').tap();
    await chip('Địa chỉ cơ quan').tap();
    await chip('Chia sẻ vị trí').tap();
    // Greeting, menu, "where are you?", then the answer to the position (its wording depends on the offices' content).
    await botBubbles().nth(3).waitFor();
    assert.equal(await page.locator('#log .msg--error').count(), 0);
    assert.equal(await myBubbles().last().textContent(), 'Chia sẻ vị trí');
    assert.equal(sent.at(-1)?.message, '/office_location{"latitude":21.59271,"longitude":105.8442}');
    await context.close();

    await open(); // no permission granted: the browser refuses
    await chip('Bắt đầu').tap();
    await chip('Địa chỉ cơ quan').tap();
    await chip('Chia sẻ vị trí').tap();
    await page.locator('#log .msg--error', { hasText: 'chưa cho phép' }).waitFor();
    assert.ok(sent.every((body) => !body.message.startsWith('/office_location{')));
    await chip('Chia sẻ vị trí').waitFor();
    await say('xin chào');
    await botBubbles().filter({ hasText: 'xin chào anh/chị' }).nth(1).waitFor(); // the second greeting of this conversation
  });
});
