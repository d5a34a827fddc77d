import assert from 'node:assert/strict';
import { vietnamDay } from '../../src/dossiers/instant';
import { endOfVietnamWeek } from '../../src/dossiers/dossier-list';
import type { RunningAssistant } from '../support/server';
import { ADMIN, login, staffToken, startDossierAssistant, uniqueCode } from './dossier-support';

const DAY = 86_400_000;
/** A day as a desk spreadsheet writes it: 05/12/2026 (Vietnam time). */
const sheetDay = (at: Date) => vietnamDay(at).split('-').reverse().join('/');
/** A day and time as a sheet writes them: 05/12/2026 14:07. */
const sheetTime = (at: Date) => `${sheetDay(at)} ${new Date(at.getTime() + 7 * 3600_000).toISOString().slice(11, 16)}`;

describe('Dossier list and the desk spreadsheet (Vietnamese headers, names and dates)', function () {
  this.timeout(30_000);
  let server: RunningAssistant;
  let desk: string;
  const unit = `Công an phường Thử ${uniqueCode('U')}`;
  const codes = { overdue: uniqueCode(), week: uniqueCode(), later: uniqueCode(), closedLate: uniqueCode(), otherUnit: uniqueCode() };

  const get = async (path: string, token = desk) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  before(async () => {
    server = await startDossierAssistant();
    desk = await staffToken(server.url, 'motcua-list', ['desk']);
    const now = new Date();
    // "Due this week" runs from now to Sunday night: halfway there always counts, whatever the day the test runs.
    const weekDue = new Date((now.getTime() + endOfVietnamWeek(now).getTime()) / 2 + 60_000);
    const rows = [
      'Mã hồ sơ,Thủ tục,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,Cập nhật lúc,Họ tên người nộp,Số điện thoại,Đơn vị,Hình thức nộp',
      `${codes.overdue},"Đăng ký tạm trú, gia hạn tạm trú",Đang giải quyết,${sheetDay(new Date(now.getTime() - 20 * DAY))},${sheetDay(new Date(now.getTime() - 2 * DAY))},${sheetDay(new Date(now.getTime() - 19 * DAY))} 08:30,Nguyễn Văn An,0912345678,${unit},Trực tuyến`,
      `${codes.week},cap doi the can cuoc,Đã tiếp nhận,${sheetDay(now)},${sheetTime(weekDue)},${sheetDay(now)} 00:00,Lê Thị Bình,0987654321,${unit},Trực tiếp`,
      `${codes.later},tam-tru,received,${sheetDay(now)},${sheetDay(new Date(now.getTime() + 30 * DAY))},${sheetDay(now)} 00:00,Trần Văn Cường,0903000111,${unit},`,
      `${codes.closedLate},Đăng ký thường trú,Đã trả kết quả,${sheetDay(new Date(now.getTime() - 30 * DAY))},${sheetDay(new Date(now.getTime() - 10 * DAY))},${sheetDay(new Date(now.getTime() - 5 * DAY))} 09:00,Phạm Thu Dung,0978000222,${unit},`,
      `${uniqueCode()},Thủ tục không có thật,Đang giải quyết,31/02/2026,${sheetDay(now)},${sheetDay(now)},Vũ Văn Em,12,${unit},`,
      `${codes.otherUnit},tam-tru,Đang giải quyết,${sheetDay(now)},${sheetDay(new Date(now.getTime() - DAY))},${sheetDay(now)} 00:00,Hoàng Văn Giang,0966000333,Công an xã Khác,`,
    ].join('\r\n');
    const res = await fetch(`${server.url}/api/admin/dossiers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desk}`, 'content-type': 'text/csv; charset=utf-8' },
      body: `\uFEFF${rows}\r\n`,
    });
    const report = (await res.json()) as any;
    assert.equal(res.status, 200, JSON.stringify(report));
    assert.equal(report.created, 5, JSON.stringify(report.errors));
    assert.equal(report.failed, 1);
    const [wrong] = report.errors;
    assert.equal(wrong.row, 5);
    assert.deepEqual(wrong.fields.sort(), ['Ngày tiếp nhận', 'Số điện thoại', 'Thủ tục'], 'the columns as the file names them');
    assert.match(wrong.message, /Cột “Thủ tục”: ghi tên thủ tục/);
    assert.match(wrong.message, /Cột “Số điện thoại”: ghi số điện thoại người nộp, 9–15 chữ số\./);
    assert.doesNotMatch(wrong.message, /must|procedure|phone/);
  });

  after(() => server?.close());

  it('stored the names, statuses, choices and dd/mm/yyyy dates as the API ids and Vietnam times', async () => {
    const stored = await server.assistant.store.dossiers.get(codes.overdue);
    assert.equal(stored?.procedure, 'tam-tru');
    assert.equal(stored?.status, 'processing');
    assert.equal(stored?.submission, 'online');
    assert.equal(stored?.unit, unit);
    assert.equal((await server.assistant.store.dossiers.get(codes.week))?.procedure, 'can-cuoc-cap-doi');
    assert.equal((await server.assistant.store.dossiers.get(codes.week))?.submission, 'in_person');
    assert.equal(vietnamDay(stored!.updatedAt), vietnamDay(new Date(Date.now() - 19 * DAY)));
    assert.equal(new Date(stored!.updatedAt.getTime() + 7 * 3600_000).toISOString().slice(11, 16), '08:30');
  });

  it('lists by unit, newest first, with paging', async () => {
    const unitQuery = `unit=${encodeURIComponent(unit)}`;
    const first = await get(`/api/admin/dossiers?${unitQuery}&limit=3`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual([first.body.total, first.body.pages, first.body.page, first.body.dossiers.length], [4, 2, 1, 3]);
    const second = await get(`/api/admin/dossiers?${unitQuery}&limit=3&page=2`);
    const all = [...first.body.dossiers, ...second.body.dossiers].map((d: any) => d.code);
    assert.equal(new Set(all).size, 4);
    assert.equal(all.at(-1), codes.closedLate, 'received longest ago comes last');
    for (const d of first.body.dossiers) {
      assert.equal(d.phone, undefined);
      assert.doesNotMatch(JSON.stringify(d), /5678|4321|Văn An|Thị Bình/, 'masked names, no phone digits');
    }
  });

  it('filters overdue (open and past due, soonest first) and due this week, by status and by procedure', async () => {
    const codesOf = (body: any) => body.dossiers.map((d: any) => d.code);
    const overdue = await get(`/api/admin/dossiers?due=overdue&unit=${encodeURIComponent(unit)}`);
    assert.deepEqual(codesOf(overdue.body), [codes.overdue], 'the returned dossier is closed, never overdue');
    const week = await get(`/api/admin/dossiers?due=week&unit=${encodeURIComponent(unit)}`);
    assert.deepEqual(codesOf(week.body), [codes.week]);
    const processing = await get(`/api/admin/dossiers?status=processing&procedure=tam-tru`);
    assert.ok(codesOf(processing.body).includes(codes.overdue) && codesOf(processing.body).includes(codes.otherUnit));
    assert.ok(processing.body.dossiers.every((d: any) => d.status === 'processing' && d.procedure === 'tam-tru'));
    const two = await get(`/api/admin/dossiers?status=received,returned&unit=${encodeURIComponent(unit)}`);
    assert.deepEqual(codesOf(two.body).sort(), [codes.week, codes.later, codes.closedLate].sort());
  });

  it('refuses a misspelt or wrong filter with 400 naming it, and is for desk staff only', async () => {
    const typo = await get('/api/admin/dossiers?stauts=received');
    assert.equal(typo.status, 400);
    assert.deepEqual(typo.body.error.details.fields.map((f: any) => f.field), ['stauts']);
    assert.equal((await get('/api/admin/dossiers?due=tomorrow')).status, 400);
    assert.equal((await get('/api/admin/dossiers?limit=1000')).status, 400);
    const editor = await staffToken(server.url, 'bientap-list', ['editor']);
    assert.equal((await get('/api/admin/dossiers', editor)).status, 403);
    const admin = await login(server.url, ADMIN.username, ADMIN.password);
    assert.equal((await get('/api/admin/dossiers?limit=1', admin)).status, 200);
  });

  it('serves the template with Vietnamese headers that import as they are', async () => {
    const res = await fetch(`${server.url}/api/admin/dossiers/template.csv`, { headers: { authorization: `Bearer ${desk}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /mau-nhap-ho-so\.csv/);
    const text = await res.text();
    assert.ok(text.startsWith('Mã hồ sơ,Thủ tục,Trạng thái,Ngày tiếp nhận,Ngày hẹn trả,Cập nhật lúc,Họ tên người nộp,Số điện thoại,'), text);
    const code = uniqueCode();
    const filled = `${text.trimEnd()}\r\n${code},Cấp hộ chiếu phổ thông,Đã tiếp nhận,01/12/2026,15/12/2026,01/12/2026 10:00,Đỗ Văn Hải,0911222333,,,,,\r\n`;
    const imported = await fetch(`${server.url}/api/admin/dossiers/import`, { method: 'POST', headers: { authorization: `Bearer ${desk}`, 'content-type': 'text/csv' }, body: filled });
    const report = (await imported.json()) as any;
    assert.deepEqual([report.created, report.failed], [1, 0], JSON.stringify(report));
    assert.equal((await server.assistant.store.dossiers.get(code))?.procedure, 'ho-chieu');
  });

  it('refuses a file missing a column in Vietnamese, naming the header and the id', async () => {
    const res = await fetch(`${server.url}/api/admin/dossiers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desk}`, 'content-type': 'text/csv' },
      body: 'Mã hồ sơ,Thủ tục,Tình trạng\n',
    });
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as any;
    assert.match(error.message, /^Thiếu cột bắt buộc: Trạng thái \(status\), Ngày tiếp nhận \(receivedAt\)/);
    assert.match(error.message, /Có cột không thuộc mẫu: “Tình trạng”/);
  });
});
