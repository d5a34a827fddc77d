// Hồ sơ (desk staff): the filtered list, look a dossier up by code, download the template and import dossiers from a CSV
// file, see how recent imports ended.
'use strict';

(() => {
  const { api, run, el, facts, table, dateTime, label, labels, loaders, refreshers, download } = window.StaffConsole;
  const PAGE_SIZE = 20;
  const listForm = document.getElementById('list-form');
  let listPage = 1;

  /** The filter choices from the labels: statuses and procedures by their Vietnamese names. */
  function fillChoices() {
    for (const [name, section] of [['status', 'statuses'], ['procedure', 'procedures']]) {
      const select = listForm.elements[name];
      if (select.options.length > 1) continue;
      const entries = Object.entries(labels[section] || {}).sort((a, b) => (section === 'procedures' ? a[1].localeCompare(b[1], 'vi') : 0));
      for (const [id, text] of entries) select.append(new Option(text, id));
    }
  }

  listForm.addEventListener('submit', (event) => {
    event.preventDefault();
    listPage = 1;
    run(listForm.querySelector('button'), 'Lọc hồ sơ', loadList);
  });
  document.getElementById('list-prev').addEventListener('click', (event) => {
    listPage = Math.max(1, listPage - 1);
    run(event.currentTarget, 'Lọc hồ sơ', loadList);
  });
  document.getElementById('list-next').addEventListener('click', (event) => {
    listPage += 1;
    run(event.currentTarget, 'Lọc hồ sơ', loadList);
  });

  async function loadList() {
    const query = new URLSearchParams({ page: String(listPage), limit: String(PAGE_SIZE) });
    for (const name of ['status', 'procedure', 'unit', 'due']) {
      const value = listForm.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    const data = await api('GET', `/api/admin/dossiers?${query}`);
    const now = Date.now();
    const dueCell = (d) => {
      const late = !['returned', 'returned_by_post', 'rejected', 'withdrawn'].includes(d.status) && Date.parse(d.dueAt) < now;
      const cell = el('span', '', dateTime(d.dueAt));
      if (late) cell.append(' ', el('span', 'badge badge--bad', 'Quá hạn'));
      return cell;
    };
    document.getElementById('list-result').replaceChildren(
      table(
        [
          { label: 'Mã hồ sơ', value: (d) => d.code },
          { label: 'Thủ tục', value: (d) => label('procedures', d.procedure) },
          { label: 'Người nộp', value: (d) => d.applicantName },
          { label: 'Trạng thái', value: (d) => label('statuses', d.status) },
          { label: 'Tiếp nhận', value: (d) => dateTime(d.receivedAt) },
          { label: 'Hẹn trả', value: dueCell },
          { label: 'Đơn vị', value: (d) => d.unit || '' },
        ],
        data.dossiers,
        { caption: `${data.total} hồ sơ`, empty: 'Không có hồ sơ nào khớp bộ lọc.' },
      ),
    );
    const pager = document.getElementById('list-pager');
    pager.hidden = data.pages <= 1;
    document.getElementById('list-page').textContent = `Trang ${data.page}/${Math.max(1, data.pages)}`;
    document.getElementById('list-prev').disabled = data.page <= 1;
    document.getElementById('list-next').disabled = data.page >= data.pages;
  }

  const templateButton = document.getElementById('template-download');
  templateButton.addEventListener('click', () => {
    run(templateButton, 'Tải tệp mẫu', async () => {
      const response = await api('GET', '/api/admin/dossiers/template.csv', { download: true });
      download(await response.blob(), 'mau-nhap-ho-so.csv');
    });
  });

  document.getElementById('lookup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const output = document.getElementById('lookup-result');
    run(form.querySelector('button'), ['Tra cứu hồ sơ', 'lookup'], async () => {
      output.replaceChildren();
      const dossier = await api('GET', `/api/admin/dossiers/${encodeURIComponent(form.code.value.trim())}`);
      output.replaceChildren(dossierView(dossier));
    });
  });

  /** The record as the server gives it to staff: the name already masked, no phone digits at all. */
  function dossierView(d) {
    const view = el('div', 'result');
    view.append(
      facts([
        ['Mã hồ sơ', d.code],
        ['Thủ tục', label('procedures', d.procedure)],
        ['Người nộp', d.applicantName],
        ['Trạng thái', label('statuses', d.status)],
        ['Tiếp nhận', dateTime(d.receivedAt)],
        ['Hẹn trả', dateTime(d.dueAt)],
        ['Đã trả', dateTime(d.completedAt)],
        ['Đơn vị', d.unit],
        ['Hình thức nộp', label('submission', d.submission)],
        ['Nhận kết quả', label('returnMethod', d.returnMethod)],
        ['Ghi chú', d.note],
        ['Cập nhật', dateTime(d.updatedAt)],
      ]),
      table(
        [
          { label: 'Thời điểm', value: (h) => dateTime(h.at) },
          { label: 'Trạng thái', value: (h) => label('statuses', h.status) },
        ],
        d.history || [],
        { caption: 'Lịch sử trạng thái', empty: 'Chưa có lịch sử.' },
      ),
    );
    return view;
  }

  document.getElementById('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const output = document.getElementById('import-result');
    run(form.querySelector('button'), ['Nhập hồ sơ', 'import'], async () => {
      output.replaceChildren();
      try {
        const report = await api('POST', '/api/admin/dossiers/import', { file: form.file.files[0] });
        form.reset();
        output.replaceChildren(importView(report));
      } finally {
        await loadImports();
      }
    });
  });

  async function loadImports() {
    const { imports } = await api('GET', '/api/admin/dossiers/imports');
    const outcome = (i) => el('span', i.outcome === 'failed' || i.outcome === 'interrupted' ? 'badge badge--bad' : 'badge', label('importOutcomes', i.outcome));
    const counts = (i) => (i.counts ? `${i.counts.rowsRead} dòng: ${i.counts.created} mới, ${i.counts.applied} cập nhật, ${i.counts.failed} lỗi` : i.error || '');
    document.getElementById('imports-result').replaceChildren(
      table(
        [
          { label: 'Bắt đầu', value: (i) => dateTime(i.startedAt) },
          { label: 'Người nhập', value: (i) => i.startedBy.replace(/^staff:/, '') },
          { label: 'Kết quả', value: outcome },
          { label: 'Chi tiết', value: counts },
        ],
        imports,
        { empty: 'Chưa có lần nhập nào.' },
      ),
    );
  }

  loaders.dossiers = async () => {
    fillChoices();
    await Promise.all([loadList(), loadImports()]);
  };
  refreshers.imports = loadImports;

  function importView(r) {
    const view = el('div', 'result');
    const counts = el('ul', 'counts');
    for (const [label, value, bad] of [
      ['Dòng đã đọc', r.rowsRead],
      ['Tạo mới', r.created],
      ['Cập nhật', r.applied],
      ['Bỏ qua (cũ hơn)', r.ignored],
      ['Lỗi', r.failed, r.failed > 0],
    ]) {
      const item = el('li', bad ? 'bad' : '', `${label}:`);
      item.append(el('strong', '', String(value)));
      counts.append(item);
    }
    view.append(counts);
    if (r.errors && r.errors.length) {
      view.append(
        table(
          [
            { label: 'Dòng dữ liệu', value: (e) => e.row, num: true },
            { label: 'Dòng trong tệp', value: (e) => e.line, num: true },
            { label: 'Cột', value: (e) => (e.fields || []).join(', ') },
            { label: 'Lỗi', value: (e) => e.message },
          ],
          r.errors,
          { caption: 'Các dòng bị bỏ qua' },
        ),
      );
    }
    if (r.errorsTruncated) view.append(el('p', 'hint', `Chỉ liệt kê ${r.errors.length} lỗi đầu tiên; tổng số dòng lỗi: ${r.failed}.`));
    return view;
  }
})();
