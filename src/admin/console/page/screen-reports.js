// Báo cáo (any staff): the dossier report as a table, and the same report downloaded as CSV.
'use strict';

(() => {
  const { api, run, el, table, today, download, label, loaders } = window.StaffConsole;
  const GROUP_NAMES = { procedure: 'Thủ tục', unit: 'Đơn vị', month: 'Tháng' };
  const COUNT_LABELS = {
    received: 'Tiếp nhận',
    receivedOnline: 'Trực tuyến',
    receivedInPerson: 'Trực tiếp',
    returned: 'Đã trả',
    returnedEarly: 'Trước hạn',
    returnedOnTime: 'Đúng hạn',
    returnedLate: 'Quá hạn',
  };
  const form = document.getElementById('report-form');
  const csvButton = document.getElementById('report-csv');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(form.querySelector('button[type="submit"]'), 'Xem báo cáo', loadReport);
  });

  csvButton.addEventListener('click', () => {
    if (!form.reportValidity()) return;
    run(csvButton, 'Tải CSV', async () => {
      const response = await api('GET', `/api/admin/reports/dossiers?${query('csv')}`, { download: true });
      download(await response.blob(), `bao-cao-ho-so_${form.from.value}_${form.to.value}_${form.groupBy.value}.csv`);
    });
  });

  function query(format) {
    // Default: this month so far, in Vietnamese days (as the server's own default).
    form.from.value ||= `${today().slice(0, 7)}-01`;
    form.to.value ||= today();
    return new URLSearchParams({ from: form.from.value, to: form.to.value, groupBy: form.groupBy.value, format }).toString();
  }

  async function loadReport() {
    const report = await api('GET', `/api/admin/reports/dossiers?${query('json')}`);
    const group = GROUP_NAMES[report.groupBy] || 'Nhóm';
    const percent = (share) => `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
    const columns = [
      { label: group, value: (line) => groupName(report, line) },
      ...Object.entries(COUNT_LABELS).map(([key, label]) => ({ label, value: (line) => line[key], num: true })),
      { label: '% trước hạn', value: (line) => percent(line.shareEarly), num: true },
      { label: '% đúng hạn', value: (line) => percent(line.shareOnTime), num: true },
      { label: '% quá hạn', value: (line) => percent(line.shareLate), num: true },
    ];
    const caption = `Từ ${day(form.from.value)} đến hết ${day(form.to.value)}, theo ${group.toLowerCase()}`;
    const view = el('div', 'result');
    view.append(table(columns, report.lines, { caption, footer: report.total, empty: 'Không có hồ sơ nào trong khoảng này.' }));
    document.getElementById('report-result').replaceChildren(view);
  }

  /** A line's group in words: the procedure's name rather than its id, "(chưa ghi)" for a dossier without a unit. */
  function groupName(report, line) {
    if (line === report.total) return 'Tổng cộng';
    if (!line.group) return '(chưa ghi)';
    return report.groupBy === 'procedure' ? label('procedures', line.group) : line.group;
  }

  function day(isoDay) {
    const [year, month, date] = isoDay.split('-');
    return `${date}/${month}/${year}`;
  }

  const chartsForm = document.getElementById('charts-form');
  chartsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(chartsForm.querySelector('button'), 'Xem biểu đồ', loadActivity);
  });

  /** Conversations per day by channel, the top questions, and the share the assistant did not understand. */
  async function loadActivity() {
    const { stackedColumns, horizontalBars } = window.StaffCharts;
    const data = await api('GET', `/api/admin/stats/activity?days=${encodeURIComponent(chartsForm.days.value)}`);
    const shortDay = (isoDay) => isoDay.slice(8, 10) + '/' + isoDay.slice(5, 7);
    const valuesOf = (channel, key) => data.days.map((d) => {
      const row = data.daily.find((r) => r.day === d && r.channel === channel);
      return row ? row[key] : 0;
    });
    const percent = (share) => `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
    const period = `từ ${shortDay(data.from)}/${data.from.slice(0, 4)} đến ${shortDay(data.to)}/${data.to.slice(0, 4)}`;

    const conversations = el('section', 'chart-panel');
    conversations.append(el('h3', '', 'Cuộc trò chuyện mỗi ngày, theo kênh'));
    conversations.append(
      data.totals.questions === 0
        ? el('p', 'empty', 'Chưa có người dân nào hỏi trong khoảng này.')
        : stackedColumns({
          categories: data.days,
          categoryLabel: shortDay,
          series: data.channels.map((channel) => ({ label: label('channels', channel), values: valuesOf(channel, 'conversations') })),
          summary: `Cuộc trò chuyện mỗi ngày ${period}: tổng ${data.totals.conversations}`,
        }),
    );

    const top = el('section', 'chart-panel');
    top.append(el('h3', '', 'Câu hỏi nhiều nhất'));
    top.append(
      data.topIntents.length === 0
        ? el('p', 'empty', 'Chưa có câu hỏi nào.')
        : horizontalBars({
          bars: data.topIntents.map((t) => ({ label: label('intents', t.intent, label('intents', 'other')), value: t.questions })),
          summary: `Câu hỏi nhiều nhất ${period}`,
        }),
    );

    const unanswered = el('section', 'chart-panel');
    unanswered.append(el('h3', '', 'Tỷ lệ câu hỏi chưa hiểu'));
    unanswered.append(el('p', 'figure-big', percent(data.unansweredRate)));
    unanswered.append(el('p', 'hint', `${data.totals.unanswered} trên ${data.totals.questions} câu hỏi ${period}. Xem các câu cụ thể ở màn hình Nội dung › Câu hỏi chưa hiểu.`));
    if (data.totals.questions > 0) {
      unanswered.append(
        stackedColumns({
          categories: data.days,
          categoryLabel: shortDay,
          series: [
            { label: 'Đã trả lời', values: data.days.map((_, i) => data.channels.reduce((sum, c) => sum + valuesOf(c, 'questions')[i] - valuesOf(c, 'unanswered')[i], 0)), colour: '#009E73' },
            { label: 'Chưa hiểu', values: data.days.map((_, i) => data.channels.reduce((sum, c) => sum + valuesOf(c, 'unanswered')[i], 0)), colour: '#D55E00' },
          ],
          summary: `Câu hỏi đã trả lời và chưa hiểu mỗi ngày ${period}`,
        }),
      );
    }
    document.getElementById('charts-result').replaceChildren(conversations, top, unanswered);
  }

  /** Dossiers handed back before, on and after their due day, month by month over the last 12 months. */
  async function loadDossierChart() {
    const { stackedColumns } = window.StaffCharts;
    const end = today();
    const [year, month] = end.split('-').map(Number);
    const start = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
    const report = await api('GET', `/api/admin/reports/dossiers?${new URLSearchParams({ from: start, to: end, groupBy: 'month' })}`);
    const target = document.getElementById('dossier-chart');
    if (report.total.returned === 0) {
      target.replaceChildren(el('p', 'empty', 'Chưa có hồ sơ nào được trả kết quả trong 12 tháng qua.'));
      return;
    }
    const months = report.lines.map((line) => line.group);
    const pick = (key) => report.lines.map((line) => line[key]);
    const monthLabel = (m) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;
    target.replaceChildren(
      stackedColumns({
        categories: months,
        categoryLabel: monthLabel,
        series: [
          { label: 'Trước hạn', values: pick('returnedEarly'), colour: '#009E73' },
          { label: 'Đúng hạn', values: pick('returnedOnTime'), colour: '#0072B2' },
          { label: 'Quá hạn', values: pick('returnedLate'), colour: '#D55E00' },
        ],
        summary: `Hồ sơ đã trả theo tháng: ${report.total.returnedEarly} trước hạn, ${report.total.returnedOnTime} đúng hạn, ${report.total.returnedLate} quá hạn`,
      }),
    );
  }

  loaders.reports = () => Promise.all([loadActivity(), loadDossierChart(), loadReport()]);
})();
