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

  loaders.reports = loadReport;
})();
