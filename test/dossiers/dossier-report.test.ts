import assert from 'node:assert/strict';
import type { RunningAssistant } from '../support/server';
import { INTEGRATION_TOKEN, dossierBody, putDossier, staffToken, startDossierAssistant, uniqueCode } from './dossier-support';

describe('Dossier report: GET /api/admin/reports/dossiers', () => {
  let server: RunningAssistant;
  let staff: string;

  before(async () => {
    server = await startDossierAssistant();
    staff = await staffToken(server.url, 'thongke', ['propaganda']);
    const due = '2026-03-10T17:00:00+07:00';
    const seed = (o: Record<string, unknown>) => putDossier(server.url, INTEGRATION_TOKEN, uniqueCode(), dossierBody({ dueAt: due, updatedAt: '2026-03-25T08:00:00+07:00', ...o }));
    // tam-tru, unit A: early (9 Mar), on time (23:30 on the due day), late (11 Mar); one still processing.
    await seed({ procedure: 'tam-tru', unit: 'Công an phường A', submission: 'online', receivedAt: '2026-03-02T08:00:00+07:00', status: 'returned', completedAt: '2026-03-09T10:00:00+07:00' });
    await seed({ procedure: 'tam-tru', unit: 'Công an phường A', submission: 'in_person', receivedAt: '2026-03-02T09:00:00+07:00', status: 'returned', completedAt: '2026-03-10T23:30:00+07:00' });
    await seed({ procedure: 'tam-tru', unit: 'Công an phường A', submission: 'online', receivedAt: '2026-03-03T08:00:00+07:00', status: 'returned_by_post', completedAt: '2026-03-11T08:00:00+07:00' });
    await seed({ procedure: 'tam-tru', unit: 'Công an phường A', submission: 'online', receivedAt: '2026-03-04T08:00:00+07:00', status: 'processing' });
    // ho-chieu, unit B: received 1 Mar 00:30 Vietnam time (still 28 Feb in UTC), refused (not a return).
    await seed({ procedure: 'ho-chieu', unit: '=cmd|calc', submission: 'in_person', receivedAt: '2026-03-01T00:30:00+07:00', status: 'rejected', completedAt: '2026-03-05T08:00:00+07:00' });
    // Outside the period.
    await seed({ procedure: 'ho-chieu', unit: 'B', submission: 'online', receivedAt: '2026-04-02T08:00:00+07:00', status: 'received' });
  });
  after(async () => {
    await server.close();
  });

  const get = (query: string, token = staff) => fetch(`${server.url}/api/admin/reports/dossiers?${query}`, { headers: { authorization: `Bearer ${token}` } });

  it('counts received, online / in person, returned, and the early / on-time / late shares per procedure', async () => {
    const res = await get('from=2026-03-01&to=2026-03-31&groupBy=procedure');
    assert.equal(res.status, 200);
    const report = (await res.json()) as { lines: Record<string, number | string>[]; total: Record<string, number> };
    const tamTru = report.lines.find((l) => l.group === 'tam-tru')!;
    assert.deepEqual(
      [tamTru.received, tamTru.receivedOnline, tamTru.receivedInPerson, tamTru.returned, tamTru.returnedEarly, tamTru.returnedOnTime, tamTru.returnedLate],
      [4, 3, 1, 3, 1, 1, 1],
    );
    assert.equal(tamTru.shareLate, 0.3333);
    const hoChieu = report.lines.find((l) => l.group === 'ho-chieu')!;
    assert.deepEqual([hoChieu.received, hoChieu.returned], [1, 0], 'the 00:30 filing is in March; a refusal is not a return');
    assert.deepEqual([report.total.received, report.total.returned], [5, 3]);
  });

  it('groups by unit and by month (Vietnam time)', async () => {
    const byUnit = (await (await get('from=2026-03-01&to=2026-03-31&groupBy=unit')).json()) as { lines: { group: string; received: number }[] };
    assert.deepEqual(byUnit.lines.map((l) => [l.group, l.received]), [['=cmd|calc', 1], ['Công an phường A', 4]]);
    const byMonth = (await (await get('from=2026-01-01&to=2026-12-31&groupBy=month')).json()) as { lines: { group: string; received: number; returned: number }[] };
    assert.deepEqual(byMonth.lines.map((l) => [l.group, l.received, l.returned]), [['2026-03', 5, 3], ['2026-04', 1, 0]]);
  });

  it('answers CSV with a header, one row per group and a total, with formulas defused', async () => {
    const res = await get('from=2026-03-01&to=2026-03-31&groupBy=unit&format=csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'group,received,receivedOnline,receivedInPerson,returned,returnedEarly,returnedOnTime,returnedLate,shareEarly,shareOnTime,shareLate');
    assert.equal(lines[1], `"'=cmd|calc",1,0,1,0,0,0,0,0,0,0`, 'defused and quoted: "|" is a list separator too');
    assert.equal(lines[2], 'Công an phường A,4,3,1,3,1,1,1,0.3333,0.3333,0.3333');
    assert.match(lines[3]!, /^total,5,3,2,3,/);
  });

  it('answers 400 naming bad parameters, and 401 without a token', async () => {
    const res = await get('from=yesterday&groupBy=commune&format=xlsx');
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as { error: { message: string } };
    for (const p of ['from', 'groupBy', 'format']) assert.match(error.message, new RegExp(p));
    assert.equal((await fetch(`${server.url}/api/admin/reports/dossiers`)).status, 401);
  });
});
