// Hồ sơ (desk staff): look a dossier up by code, import dossiers from a CSV file, see how recent imports ended.
'use strict';

(() => {
  const { api, run, el, facts, table, dateTime, loaders, refreshers } = window.StaffConsole;
  // Names from taxonomy.yaml (dossier_statuses); an unknown status is shown as its code.
  const STATUS_NAMES = {
    received: 'Đã tiếp nhận',
    processing: 'Đang giải quyết',
    supplement_required: 'Cần bổ sung hồ sơ',
    ready: 'Có kết quả, chờ trả',
    returned: 'Đã trả kết quả',
    returned_by_post: 'Đã gửi kết quả qua bưu chính',
    rejected: 'Từ chối giải quyết',
    withdrawn: 'Công dân rút hồ sơ',
  };
  const SUBMISSION_NAMES = { online: 'Trực tuyến', in_person: 'Trực tiếp' };
  const RETURN_NAMES = { in_person: 'Nhận trực tiếp', post: 'Qua bưu chính', online: 'Trực tuyến' };
  // An interrupted import was cut off by a restart or crash: part of the file may be missing until it is imported again.
  const IMPORT_OUTCOMES = { running: 'Đang nhập', completed: 'Hoàn tất', failed: 'Lỗi', interrupted: 'Bị gián đoạn – cần nhập lại tệp' };

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
        ['Thủ tục', d.procedure],
        ['Người nộp', d.applicantName],
        ['Trạng thái', STATUS_NAMES[d.status] || d.status],
        ['Tiếp nhận', dateTime(d.receivedAt)],
        ['Hẹn trả', dateTime(d.dueAt)],
        ['Đã trả', dateTime(d.completedAt)],
        ['Đơn vị', d.unit],
        ['Hình thức nộp', SUBMISSION_NAMES[d.submission] || d.submission],
        ['Nhận kết quả', RETURN_NAMES[d.returnMethod] || d.returnMethod],
        ['Ghi chú', d.note],
        ['Cập nhật', dateTime(d.updatedAt)],
      ]),
      table(
        [
          { label: 'Thời điểm', value: (h) => dateTime(h.at) },
          { label: 'Trạng thái', value: (h) => STATUS_NAMES[h.status] || h.status },
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
    const outcome = (i) => el('span', i.outcome === 'failed' || i.outcome === 'interrupted' ? 'badge badge--bad' : 'badge', IMPORT_OUTCOMES[i.outcome] || i.outcome);
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

  loaders.dossiers = loadImports;
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
