import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { callApi, copyContent } from '../admin/admin-server';
import { chat, startAssistant, type RunningAssistant } from '../support/server';
import { launchChromium, skipBrowserTests } from './chromium';

const LAPTOP: BrowserContextOptions = { viewport: { width: 1280, height: 860 }, locale: 'vi-VN' };
const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' };
const SCREENSHOT = '/tmp/admin-console.png';
const PHONE_SCREENSHOT = '/tmp/admin-console-phone.png';

const ADMIN = { username: 'quantri', password: 'mat-khau-quan-tri-123' };
const DESK = { username: 'motcua1', password: 'mat-khau-mot-cua-456' };
const EDITOR = { username: 'bientap1', password: 'mat-khau-bien-tap-789' };
const INTEGRATION_TOKEN = randomBytes(32).toString('hex');
const PUSHED_CODE = 'G22.42-260210-000777';
const XSS = '<img src=x onerror="window.__pwned=1">';
const REPORT_HEADER = 'group,received,receivedOnline,receivedInPerson,returned,returnedEarly,returnedOnTime,returnedLate,shareEarly,shareOnTime,shareLate';

// Three good rows received in March 2026 (two units) and one with an unknown status (data row 3).
const DOSSIER_CSV = [
  'code,procedure,status,receivedAt,dueAt,updatedAt,applicantName,phone,unit,submission,completedAt',
  'G22.42-260302-000001,tam-tru,returned,2026-03-02T08:00:00+07:00,2026-03-09T17:00:00+07:00,2026-03-05T10:00:00+07:00,Trần Thị Lan,0987 654 321,Công an phường Phan Đình Phùng,online,2026-03-05T10:00:00+07:00',
  'G22.42-260303-000002,thuong-tru,processing,2026-03-03T08:00:00+07:00,2026-03-20T17:00:00+07:00,2026-03-03T08:00:00+07:00,Lê Văn Hùng,0912 000 111,Công an phường Phan Đình Phùng,in_person,',
  'G22.42-260304-000003,tam-tru,dang-lam,2026-03-04T08:00:00+07:00,2026-03-11T17:00:00+07:00,2026-03-04T08:00:00+07:00,Phạm Thu Hà,0903 222 333,Công an xã Đại Từ,online,',
  'G22.42-260305-000004,tam-tru,returned,2026-03-05T08:00:00+07:00,2026-03-10T17:00:00+07:00,2026-03-12T09:00:00+07:00,Vũ Đức Anh,0978 444 555,Công an xã Đại Từ,in_person,2026-03-12T09:00:00+07:00',
].join('\n');

const suite = skipBrowserTests ? describe.skip : describe;

suite(skipBrowserTests ? 'staff console in Chromium (skipped: SKIP_BROWSER_TESTS=1)' : 'staff console in Chromium', function () {
  this.timeout(60_000);
  let server: RunningAssistant;
  let contentDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Script errors and Content-Security-Policy violations: the page must cause none. */
  let problems: string[];

  before(async function () {
    contentDir = copyContent();
    server = await startAssistant({
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      INTEGRATION_TOKENS: INTEGRATION_TOKEN,
      CONTENT_DIR: contentDir,
    });
    const admin = await api('POST', '/api/admin/login', { json: ADMIN });
    for (const [account, roles] of [[DESK, ['desk']], [EDITOR, ['editor']]] as const) {
      const created = await api('POST', '/api/admin/accounts', { token: admin.body.token, json: { ...account, roles } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
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

  const api = (method: string, urlPath: string, options?: Parameters<typeof callApi>[3]) => callApi(server.url, method, urlPath, options);

  async function open(options: BrowserContextOptions = LAPTOP): Promise<void> {
    context = await browser.newContext(options);
    page = await context.newPage();
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Refused API calls (401, 404, 422) are expected here and Chromium logs each one; the page shows them itself.
      if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
        problems.push(message.text());
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/admin/')) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.url}/admin`);
  }

  const alert = () => page.locator('#alert');
  const tab = (name: string) => page.locator('#tabs .tab', { hasText: name });

  async function submitSignIn(account: { username: string; password: string }): Promise<void> {
    const form = page.locator('#signin-form');
    await form.getByLabel('Tên đăng nhập').fill(account.username);
    await form.getByLabel('Mật khẩu').fill(account.password);
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  async function signIn(account: { username: string; password: string }): Promise<void> {
    await submitSignIn(account);
    await page.locator('#who-name', { hasText: account.username }).waitFor();
  }

  async function uploadCsv(form: string, name: string, text: string, button: string): Promise<void> {
    await page.locator(`${form} input[type="file"]`).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.locator(form).getByRole('button', { name: button }).click();
  }

  it('is served under a strict CSP; a wrong password shows the server\'s message, the right one signs in; a lost session signs out', async () => {
    await open();
    const response = await page.request.get(`${server.url}/admin`);
    const headers = response.headers();
    assert.match(headers['content-security-policy'], /default-src 'self'/);
    assert.match(headers['content-security-policy'], /frame-ancestors 'none'/);
    assert.doesNotMatch(headers['content-security-policy'], /unsafe-inline/);
    assert.equal(headers['cache-control'], 'no-cache');
    assert.ok(headers.etag);
    const script = (await response.text()).match(/\/admin\/assets\/console\.js\?v=[0-9a-f]{16}/)?.[0];
    assert.ok(script, 'the script URL carries its hash');
    assert.match((await page.request.get(`${server.url}${script}`)).headers()['cache-control'], /immutable/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

    await submitSignIn({ username: ADMIN.username, password: 'mat-khau-sai-hoan-toan' });
    await alert().filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu' }).waitFor();
    const refused = (await alert().textContent()) ?? '';
    assert.match(refused, /^Đăng nhập không thành công: Sai tên đăng nhập hoặc mật khẩu\..*quản trị viên đặt lại\.$/);
    assert.doesNotMatch(refused, /401|Wrong|password|mã/);
    assert.equal(await page.locator('#tabs').isHidden(), true);

    await signIn(ADMIN);
    assert.equal(await alert().textContent(), '');
    assert.deepEqual(await page.locator('#tabs .tab:visible').allTextContents(), ['Hồ sơ', 'Báo cáo', 'Nội dung', 'Hỗ trợ', 'Tài khoản', 'Thông báo']);
    const token = await page.evaluate(() => sessionStorage.getItem('catn-admin-token'));
    assert.match(token ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.reload(); // the tab keeps its session
    await page.locator('#who-name', { hasText: ADMIN.username }).waitFor();

    // A session that ends on the server (here: signed out elsewhere) sends the next call back to the sign-in form.
    assert.equal((await api('POST', '/api/admin/logout', { token: token! })).status, 204);
    await tab('Báo cáo').click();
    await alert().filter({ hasText: 'Phiên đăng nhập đã hết hạn' }).waitFor();
    await page.locator('#signin-form').waitFor();
    assert.equal(await page.locator('#screen-reports').isHidden(), true);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('catn-admin-token')), null);

    await signIn(ADMIN);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await alert().filter({ hasText: 'Đã đăng xuất' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('catn-admin-token')), null);
  });

  it('finds a dossier pushed by the one-stop system, with the masked name and no phone digits', async () => {
    const body = {
      procedure: 'tam-tru', status: 'received', receivedAt: '2026-02-10T08:00:00+07:00', dueAt: '2026-02-17T17:00:00+07:00',
      updatedAt: '2026-02-10T08:00:00+07:00', applicantName: 'Nguyễn Văn Bình', phone: '0912 345 678',
    };
    const push = (change: Record<string, string>) => api('PUT', `/api/admin/dossiers/${PUSHED_CODE}`, { token: INTEGRATION_TOKEN, json: { ...body, ...change } });
    assert.equal((await push({})).status, 201);
    assert.equal((await push({ status: 'supplement_required', updatedAt: '2026-02-11T09:00:00+07:00', note: 'Bổ sung hợp đồng thuê nhà' })).status, 200);

    await open();
    await signIn(DESK);
    await page.getByLabel('Mã hồ sơ').fill(PUSHED_CODE.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.locator('#lookup-result');
    await result.getByText('Nguyễn V. B.').waitFor();
    const text = (await result.textContent()) ?? '';
    assert.ok(text.includes(PUSHED_CODE) && text.includes('Cần bổ sung hồ sơ') && text.includes('Bổ sung hợp đồng thuê nhà'), text);
    assert.doesNotMatch(text, /Bình|5678|0912|345/);
    assert.equal(await result.locator('tbody tr').count(), 2, 'two statuses in the history');

    await page.getByLabel('Mã hồ sơ').fill('G22.42-000000-000000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await alert().filter({ hasText: 'Không có hồ sơ mang mã này' }).waitFor();
    assert.equal(await result.textContent(), '');
  });

  it('imports a dossier CSV with one bad row, then reports the dossiers and downloads the report as CSV', async () => {
    await open();
    await signIn(DESK);
    await uploadCsv('#import-form', 'ho-so.csv', DOSSIER_CSV, 'Nhập hồ sơ');
    const report = page.locator('#import-result');
    await report.locator('.counts').waitFor();
    assert.deepEqual(await report.locator('.counts li').allTextContents(), [
      'Dòng đã đọc:4', 'Tạo mới:3', 'Cập nhật:0', 'Bỏ qua (cũ hơn):0', 'Lỗi:1',
    ]);
    const errorRow = report.locator('tbody tr');
    assert.equal(await errorRow.count(), 1);
    const cells = await errorRow.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 3), ['3', '4', 'status']);
    await page.locator('#imports-result .badge', { hasText: 'Hoàn tất' }).first().waitFor();

    await tab('Báo cáo').click();
    await page.getByLabel('Từ ngày').fill('2026-03-01');
    await page.getByLabel('Đến ngày').fill('2026-03-31');
    await page.getByLabel('Nhóm theo').selectOption('unit');
    await page.getByRole('button', { name: 'Xem báo cáo' }).click();
    const table = page.locator('#report-result table');
    await table.locator('caption', { hasText: '01/03/2026' }).waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    assert.deepEqual(rows.map((r) => r.slice(0, 5)), [
      ['Công an phường Phan Đình Phùng', '2', '1', '1', '1'],
      ['Công an xã Đại Từ', '1', '0', '1', '1'],
    ]);
    assert.deepEqual((await table.locator('tfoot td').allTextContents()).slice(0, 2), ['Tổng cộng', '3']);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'bao-cao-ho-so_2026-03-01_2026-03-31_unit.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    assert.equal(csv.split('\r\n')[0], REPORT_HEADER);
    assert.match(csv, /Công an xã Đại Từ,1,0,1,1/);
  });

  it('shows an editor only their screens: content reload, a refused office CSV, unanswered questions as text', async () => {
    await chat(server.url, 'web-xss-1', XSS);
    const officesFile = path.join(contentDir, 'offices.csv');
    const original = fs.readFileSync(officesFile, 'utf8');

    await open();
    await signIn(EDITOR);
    assert.deepEqual(await page.locator('#tabs .tab:visible').allTextContents(), ['Báo cáo', 'Nội dung', 'Hỗ trợ']);
    assert.equal(await page.locator('#screen-dossiers').isHidden(), true);
    // The first screen the editor may see opens by itself.
    await page.locator('#report-result table, #report-result .empty').waitFor();

    await tab('Nội dung').click();
    await page.getByRole('button', { name: 'Tải lại nội dung' }).click();
    await alert().filter({ hasText: 'Đã tải lại nội dung' }).waitFor();

    const lines = original.trim().split('\n');
    const duplicate = [...lines, lines[1]].join('\n'); // the first office again: its id is taken
    await uploadCsv('#offices-form', 'offices.csv', duplicate, 'Thay danh bạ');
    await alert().filter({ hasText: 'chưa có gì bị thay đổi' }).waitFor();
    assert.match(await alert().evaluate((a) => a.firstChild?.textContent ?? ''), /^Thay danh bạ đơn vị: Có \d+ lỗi trong tệp, chưa có gì bị thay đổi\./);
    const problem = await alert().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    assert.ok(problem.some(([file, row, field]) => file === 'offices.csv' && row === String(lines.length + 1) && field === 'id'), JSON.stringify(problem));
    assert.equal(fs.readFileSync(officesFile, 'utf8'), original, 'the directory is unchanged');

    const question = page.locator('#unanswered-result td', { hasText: 'onerror' });
    await question.waitFor();
    assert.equal(await question.textContent(), XSS);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

    // Editors read feedback but do not handle hand-offs.
    await tab('Hỗ trợ').click();
    await page.locator('#feedback-result .empty, #feedback-result table').waitFor();
    assert.equal(await page.locator('#handoffs-result').isVisible(), false);
  });

  it('lets an admin create an account (a refused one names the field in Vietnamese), change its roles and disable it', async () => {
    await open();
    await signIn(ADMIN);
    await tab('Tài khoản').click();
    await page.locator('#accounts-result tr', { hasText: EDITOR.username }).waitFor();
    const form = page.locator('#account-form');
    await form.getByLabel('Tên đăng nhập').fill('tuyentruyen1');
    await form.getByLabel('Mật khẩu').fill('mat-khau-tuyen-truyen-1');
    await form.getByLabel('Tuyên truyền').check();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await alert().filter({ hasText: 'Đã tạo tài khoản tuyentruyen1' }).waitFor();
    const row = page.locator('#accounts-result tbody tr', { hasText: 'tuyentruyen1' });
    assert.equal(await row.getByRole('checkbox', { name: 'Tuyên truyền' }).isChecked(), true);
    assert.equal((await api('POST', '/api/admin/login', { json: { username: 'tuyentruyen1', password: 'mat-khau-tuyen-truyen-1' } })).status, 200);

    await form.getByLabel('Tên đăng nhập').fill('tuyentruyen1');
    await form.getByLabel('Mật khẩu').fill('mat-khau-tuyen-truyen-2');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await alert().filter({ hasText: 'Vai trò: chọn ít nhất một vai trò.' }).waitFor(); // no role chosen: the field is named in Vietnamese

    await row.getByRole('checkbox', { name: 'Biên tập' }).check();
    await row.getByRole('button', { name: 'Lưu vai trò của tuyentruyen1' }).click();
    await alert().filter({ hasText: 'Đã lưu vai trò của tuyentruyen1' }).waitFor();
    await row.getByRole('button', { name: 'Khóa tài khoản tuyentruyen1' }).click();
    await row.locator('.badge', { hasText: 'Đã khóa' }).waitFor();
    const accounts = await api('GET', '/api/admin/accounts', { token: (await api('POST', '/api/admin/login', { json: ADMIN })).body.token });
    const saved = accounts.body.accounts.find((a: { username: string }) => a.username === 'tuyentruyen1');
    assert.deepEqual([saved.roles.sort(), saved.disabled], [['editor', 'propaganda'], true]);
    await tab('Hồ sơ').click(); await page.getByLabel('Mã hồ sơ').fill(PUSHED_CODE); await page.getByRole('button', { name: 'Tra cứu' }).click(); await page.locator('#lookup-result dl').waitFor();
    await uploadCsv('#import-form', 'ho-so.csv', DOSSIER_CSV, 'Nhập hồ sơ'); await page.locator('#import-result .counts').waitFor();
  });

  it('fits a phone: no sideways scrolling, tables become labelled cards', async () => {
    await open(PHONE);
    await signIn(ADMIN);
    await tab('Báo cáo').tap();
    await page.getByLabel('Từ ngày').fill('2026-03-01');
    await page.getByLabel('Đến ngày').fill('2026-03-31');
    await page.getByRole('button', { name: 'Xem báo cáo' }).tap();
    await page.locator('#report-result tbody tr').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await page.screenshot({ path: PHONE_SCREENSHOT, fullPage: true });
  });
});
