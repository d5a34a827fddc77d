// Báo cáo (any staff): the dossier report as a table, and the same report downloaded as CSV.
'use strict';

(() => {
  const { api, run, el, table, today, loaders } = window.StaffConsole;
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
      // A fetch with the token, then a Blob: a plain link would have to carry the token in its URL (logs, history).
      const response = await api('GET', `/api/admin/reports/dossiers?${query('csv')}`, { download: true });
      const href = URL.createObjectURL(await response.blob());
      const link = el('a');
      link.href = href;
      link.download = `bao-cao-ho-so_${form.from.value}_${form.to.value}_${form.groupBy.value}.csv`;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
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
      { label: group, value: (line) => (line === report.total ? 'Tổng cộng' : line.group || '(chưa ghi)') },
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

  function day(isoDay) {
    const [year, month, date] = isoDay.split('-');
    return `${date}/${month}/${year}`;
  }

  loaders.reports = loadReport;
})();
