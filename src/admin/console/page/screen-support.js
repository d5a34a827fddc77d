// Hỗ trợ: open hand-offs (desk staff close them once a citizen is helped) and citizens' feedback (desk and editors).
'use strict';

(() => {
  const { api, run, showAlert, allowed, el, table, dateTime, names, loaders, refreshers } = window.StaffConsole;

  async function loadHandoffs() {
    const data = await api('GET', '/api/admin/handoffs?limit=100');
    document.getElementById('handoffs-result').replaceChildren(
      table(
        [
          { label: 'Mở lúc', value: (h) => dateTime(h.createdAt) },
          { label: 'Kênh', value: (h) => names.channel[h.channel] || h.channel },
          { label: 'Người dùng', value: (h) => h.userId },
          { label: 'Lý do', value: (h) => h.reason },
          { label: 'Tin nhắn cuối', value: (h) => h.lastMessage, className: 'cell-text' },
          { label: 'Thao tác', value: closeButton },
        ],
        data.handoffs,
        { empty: 'Không có yêu cầu nào đang mở.' },
      ),
    );
  }

  function closeButton(handoff) {
    const button = el('button', 'button button--small button--secondary', 'Đóng');
    button.type = 'button';
    button.setAttribute('aria-label', `Đóng yêu cầu của ${handoff.userId}`);
    button.addEventListener('click', () => {
      run(button, 'Đóng yêu cầu', async () => {
        await api('POST', `/api/admin/handoffs/${encodeURIComponent(handoff.id)}/close`);
        await loadHandoffs();
        showAlert('ok', `Đã đóng yêu cầu của ${handoff.userId}.`);
      });
    });
    return button;
  }

  async function loadFeedback() {
    const data = await api('GET', '/api/admin/feedback?limit=100');
    document.getElementById('feedback-result').replaceChildren(
      table(
        [
          { label: 'Mã', value: (f) => f.reference },
          { label: 'Thời gian', value: (f) => dateTime(f.createdAt) },
          { label: 'Kênh', value: (f) => names.channel[f.channel] || f.channel },
          { label: 'Nội dung', value: (f) => f.text, className: 'cell-text' },
        ],
        data.feedback,
        { empty: 'Chưa có góp ý nào.' },
      ),
    );
  }

  // Editors read feedback too, but only desk staff handle hand-offs.
  loaders.support = () => Promise.all([allowed('desk') ? loadHandoffs() : null, loadFeedback()]);
  refreshers.handoffs = loadHandoffs;
  refreshers.feedback = loadFeedback;
})();
