import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vietnamDay } from '../../src/dossiers/instant';
import { callApi, copyContent } from '../admin/admin-server';
import { chat, startAssistant, type RunningAssistant } from '../support/server';
import { collectProblems, launchChromium, skipBrowserTests } from './chromium';

const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-123' };
const DESK = { username: 'motcua7', password: 'mot cau that dai cho mot cua' };
const VIEWER = { username: 'xem1', password: 'chi xem bao cao thoi nhe' };
const INTEGRATION_TOKEN = randomBytes(32).toString('hex');
const DAY = 86_400_000;

/**
 * What a clerk must never read: the API's English, HTTP codes, internal ids of citizens, intents, statuses or
 * procedures, or the parser's confidence.
 */
const FORBIDDEN = [
  /Wrong username|Invalid|must be|Sign in|Send the|No dossier|token/i,
  /\(mã \d{3}\)|mã 4\d\d|mã 5\d\d/,
  /web-[0-9a-f]{6}/,
  /\b(tam-tru|thuong-tru|ho-chieu|human_agent|out_of_scope|procedure_\w+|processing|received|supplement_required)\b/,
  /0[.,]\d{2}\b/,
];

const suite = skipBrowserTests ? describe.skip : describe;

suite(skipBrowserTests ? 'desk clerk in the console (skipped: SKIP_BROWSER_TESTS=1)' : 'desk clerk in the console, in Chromium', function () {
  this.timeout(90_000);
  let server: RunningAssistant;
  let contentDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const codes = { overdue: 'G22.42-261120-000101', open: 'G22.42-261201-000102', closed: 'G22.42-261101-000103' };

  before(async () => {
    contentDir = copyContent();
    server = await startAssistant({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, INTEGRATION_TOKENS: INTEGRATION_TOKEN, CONTENT_DIR: contentDir });
    const admin = (await callApi(server.url, 'POST', '/api/admin/login', { json: ADMIN })).body.token;
    for (const [account, roles] of [[DESK, ['desk']], [VIEWER, ['viewer']]] as const) {
      assert.equal((await callApi(server.url, 'POST', '/api/admin/accounts', { token: admin, json: { ...account, roles } })).status, 201);
    }
    const now = Date.now();
    const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();
    const push = (code: string, body: Record<string, unknown>) =>
      callApi(server.url, 'PUT', `/api/admin/dossiers/${code}`, {
        token: INTEGRATION_TOKEN,
        json: { applicantName: 'Nguyễn Thị Hạnh', phone: '0912345678', unit: 'Công an phường Phan Đình Phùng', ...body },
      });
    for (const answer of [
      await push(codes.overdue, { procedure: 'tam-tru', status: 'processing', receivedAt: iso(-15), dueAt: iso(-3), updatedAt: iso(-14) }),
      await push(codes.open, { procedure: 'ho-chieu', status: 'received', receivedAt: iso(-1), dueAt: iso(20), updatedAt: iso(-1) }),
      await push(codes.closed, { procedure: 'thuong-tru', status: 'returned', receivedAt: iso(-30), dueAt: iso(-10), updatedAt: iso(-12), completedAt: iso(-12) }),
    ]) {
      assert.ok(answer.status < 300, JSON.stringify(answer.body));
    }
    // Citizens on the web chat: one understood question, one not understood, one asking for an officer.
    const [a, b] = [`web-${randomUUID().slice(0, 8)}`, `web-${randomUUID().slice(0, 8)}`];
    await chat(server.url, a, 'đăng ký tạm trú cần giấy tờ gì');
    await chat(server.url, b, 'qwezxc asdqwe');
    await chat(server.url, b, 'tôi muốn gặp cán bộ');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await context?.close();
    assert.deepEqual(problems, []);
  });

  async function open(): Promise<void> {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    problems = collectProblems(page);
    await page.goto(`${server.url}/admin`);
  }

  async function signIn(account: { username: string; password: string }): Promise<void> {
    const form = page.locator('#signin-form');
    await form.getByLabel('Tên đăng nhập').fill(account.username);
    await form.getByLabel('Mật khẩu').fill(account.password);
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  /** The whole visible text of the page must speak the job's Vietnamese. */
  async function assertNoJargon(where: string): Promise<void> {
    const text = await page.locator('body').innerText();
    for (const pattern of FORBIDDEN) assert.doesNotMatch(text, pattern, `${where}: ${text.match(pattern)?.[0]}`);
  }

  it('signs in (a wrong password told in Vietnamese), filters the dossier list, downloads the template', async () => {
    await open();
    await signIn({ username: DESK.username, password: 'khong phai mat khau nay' });
    const alert = page.locator('#alert');
    await alert.filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();
    await assertNoJargon('refused sign-in');

    await signIn(DESK);
    await page.locator('#who-name', { hasText: 'Một cửa' }).waitFor();
    const list = page.locator('#list-result');
    await list.locator('caption', { hasText: '3 hồ sơ' }).waitFor();
    const procedures = await list.locator('tbody td[data-label="Thủ tục"]').allTextContents();
    assert.ok(procedures.includes('Đăng ký tạm trú, gia hạn tạm trú') && procedures.includes('Cấp hộ chiếu phổ thông'), procedures.join(' | '));
    await assertNoJargon('dossier list');

    const filters = page.locator('#list-form');
    await filters.getByLabel('Hạn giải quyết').selectOption({ label: 'Quá hạn, chưa trả' });
    await filters.getByRole('button', { name: 'Lọc' }).click();
    await list.locator('caption', { hasText: '1 hồ sơ' }).waitFor();
    const row = list.locator('tbody tr');
    assert.equal(await row.locator('td[data-label="Mã hồ sơ"]').textContent(), codes.overdue);
    assert.equal(await row.locator('td[data-label="Trạng thái"]').textContent(), 'Đang giải quyết');
    assert.match((await row.locator('td[data-label="Hẹn trả"]').textContent()) ?? '', /Quá hạn$/);

    await filters.getByLabel('Hạn giải quyết').selectOption('');
    await filters.getByLabel('Thủ tục').selectOption({ label: 'Đăng ký thường trú' });
    await filters.getByLabel('Trạng thái').selectOption({ label: 'Đã trả kết quả' });
    await filters.getByRole('button', { name: 'Lọc' }).click();
    // The list before this filter also held one dossier: wait for the new one, not for the caption.
    await list.locator('tbody td[data-label="Mã hồ sơ"]', { hasText: codes.closed }).waitFor();
    assert.match((await list.locator('caption').textContent()) ?? '', /\b1 hồ sơ/);
    assert.deepEqual(await list.locator('tbody td[data-label="Mã hồ sơ"]').allTextContents(), [codes.closed]);

    await filters.getByLabel('Đơn vị').fill('Công an xã Không Có');
    await filters.getByRole('button', { name: 'Lọc' }).click();
    await list.getByText('Không có hồ sơ nào khớp bộ lọc.').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp mẫu' }).click()]);
    assert.equal(download.suggestedFilename(), 'mau-nhap-ho-so.csv');
    const template = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(template.startsWith('\uFEFFMã hồ sơ,Thủ tục,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,'), template);

    // An unknown code and a broken file: what to do next, in Vietnamese.
    await page.getByLabel('Mã hồ sơ').fill('G22.42-000000-000000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await alert.filter({ hasText: 'Không có hồ sơ mang mã này' }).waitFor();
    await assertNoJargon('unknown code');
    await page.locator('#import-form input[type="file"]').setInputFiles({ name: 'sai.csv', mimeType: 'text/csv', buffer: Buffer.from('Mã hồ sơ,Tình trạng\nA1,x\n') });
    await page.locator('#import-form').getByRole('button', { name: 'Nhập hồ sơ' }).click();
    await alert.filter({ hasText: 'Tệp chưa đúng mẫu: Thiếu cột bắt buộc: Thủ tục' }).waitFor();
    const importRefusal = (await alert.textContent()) ?? '';
    assert.match(importRefusal, /Tải tệp mẫu ở trên/);
    assert.doesNotMatch(importRefusal, /400|header|columns/);

    // A file with one wrong row: that row told in Vietnamese, the good one imported.
    const today = vietnamDay(new Date()).split('-').reverse().join('/');
    const rows = `${template.trim()}\nG22.42-261205-000201,Cấp hộ chiếu phổ thông,Đã tiếp nhận,${today},${today},${today} 08:00,Lê Văn Tám,0988111222,,,,,\nG22.42-261205-000202,Làm giấy tờ gì đó,Đã tiếp nhận,${today},${today},${today} 08:00,Lê Văn Chín,12,,,,,\n`;
    await page.locator('#import-form input[type="file"]').setInputFiles({ name: 'ho-so.csv', mimeType: 'text/csv', buffer: Buffer.from(rows) });
    await page.locator('#import-form').getByRole('button', { name: 'Nhập hồ sơ' }).click();
    const report = page.locator('#import-result');
    await report.locator('.counts').waitFor();
    assert.deepEqual(await report.locator('.counts li').allTextContents(), ['Dòng đã đọc:2', 'Tạo mới:1', 'Cập nhật:0', 'Bỏ qua (cũ hơn):0', 'Lỗi:1']);
    const cells = await report.locator('tbody td').allTextContents();
    assert.equal(cells[2], 'Thủ tục, Số điện thoại');
    assert.match(cells[3]!, /^Cột “Thủ tục”: ghi tên thủ tục .* Cột “Số điện thoại”: ghi số điện thoại người nộp, 9–15 chữ số\.$/);
    await assertNoJargon('import report');

    // The hand-off queue names the channel and a short reference, never the citizen's id.
    await page.locator('#tabs .tab', { hasText: 'Hỗ trợ' }).click();
    await page.locator('#handoffs-result tbody tr').first().waitFor();
    assert.equal(await page.locator('#handoffs-result td[data-label="Kênh"]').first().textContent(), 'Trang web');
    await assertNoJargon('support screen');
    await page.screenshot({ path: '/tmp/console-desk.png', fullPage: true });
  });

  it('shows a viewer the charts: conversations by channel, top questions in words, unanswered rate, dossiers per month', async () => {
    await open();
    await signIn(VIEWER);
    await page.locator('#who-name', { hasText: 'Xem báo cáo' }).waitFor();
    assert.deepEqual(await page.locator('#tabs .tab:visible').allTextContents(), ['Báo cáo']);
    const charts = page.locator('#charts-result');
    await charts.locator('svg[role="img"]').first().waitFor();
    assert.equal(await charts.locator('.chart-panel').count(), 3);
    const top = charts.locator('.chart-panel').nth(1);
    assert.ok((await top.locator('text').allTextContents()).includes('Hỏi giấy tờ cần nộp'));
    assert.equal(await charts.locator('.figure-big').textContent(), '33,3%');
    const dossiers = page.locator('#dossier-chart svg[role="img"]');
    await dossiers.waitFor();
    assert.match((await dossiers.getAttribute('aria-label')) ?? '', /1 trước hạn, 0 đúng hạn, 0 quá hạn/);
    assert.ok((await page.locator('#dossier-chart .chart__legend').textContent())?.includes('Trước hạn'));
    await assertNoJargon('reports');
    await page.screenshot({ path: '/tmp/console-charts.png', fullPage: true });
  });
});
