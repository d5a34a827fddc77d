// Nội dung (editors): reload the content files, replace the office directory, read the questions the assistant did not
// understand (the words citizens used, when and where: what an editor needs to add, not the parser's guesses).
'use strict';

(() => {
  const { api, run, showAlert, table, dateTime, names, loaders, refreshers } = window.StaffConsole;
  const reloadButton = document.getElementById('reload');

  reloadButton.addEventListener('click', () => {
    run(reloadButton, 'Tải lại nội dung', async () => {
      await api('POST', '/api/admin/content/reload');
      showAlert('ok', 'Đã tải lại nội dung: mọi tệp hợp lệ, trợ lý đang dùng nội dung mới.');
    });
  });

  document.getElementById('offices-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    run(form.querySelector('button'), 'Thay danh bạ đơn vị', async () => {
      const result = await api('PUT', '/api/admin/offices', { file: form.file.files[0] });
      form.reset();
      if (result.reload && !result.reload.ok) {
        // Stored but not live: another content file is broken, and the editor must fix it before the new directory shows.
        showAlert('error', `Đã lưu danh bạ (${result.count} đơn vị) nhưng chưa áp dụng vì nội dung khác đang lỗi:`, result.reload.errors);
      } else {
        showAlert('ok', `Đã thay danh bạ: ${result.count} đơn vị, đang được áp dụng.`);
      }
    });
  });

  async function loadUnanswered() {
    const data = await api('GET', '/api/admin/unanswered?limit=100');
    document.getElementById('unanswered-result').replaceChildren(
      table(
        [
          { label: 'Thời gian', value: (u) => dateTime(u.createdAt) },
          { label: 'Kênh', value: (u) => names.channel[u.channel] || u.channel },
          { label: 'Câu hỏi', value: (u) => u.text, className: 'cell-text' },
        ],
        data.unanswered,
        { empty: 'Chưa có câu hỏi nào.' },
      ),
    );
  }

  loaders.content = loadUnanswered;
  refreshers.unanswered = loadUnanswered;
})();
