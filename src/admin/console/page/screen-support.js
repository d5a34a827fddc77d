// Hỗ trợ: citizens who asked for an officer (desk staff read the conversation, take it, answer and close it) and
// citizens' feedback (desk and editors). The hand-off list refreshes itself while the screen is open.
'use strict';

(() => {
  const { api, run, showAlert, allowed, el, table, facts, dateTime, names, session, loaders, refreshers } = window.StaffConsole;
  const REFRESH_MS = 10000;

  const STATUS = { waiting: 'Đang chờ cán bộ', engaged: 'Cán bộ đang hỗ trợ', closed: 'Đã đóng' };
  const REASON = { human_agent: 'Người dân yêu cầu gặp cán bộ', officer_wrote: 'Cán bộ nhắn trước trên ứng dụng của nền tảng' };
  // Why a message did not reach the citizen, and what the officer can do about it.
  const FAILURE = {
    window_closed: 'đã quá thời hạn nền tảng cho phép nhắn cho người dân (Messenger, Zalo: 7 ngày kể từ tin nhắn cuối của họ). Tin đã được lưu; khi người dân nhắn lại, hãy gửi lại.',
    not_following: 'người dân đã bỏ quan tâm Zalo OA nên không nhận được tin. Nếu người dân có để lại số điện thoại, hãy liên hệ trực tiếp.',
    unreachable: 'người dân đã chặn trang hoặc tài khoản không còn. Không nhắn được qua kênh này; hãy liên hệ bằng cách khác nếu có.',
    rate_limited: 'nền tảng đang giới hạn tốc độ gửi. Đợi vài phút rồi gửi lại.',
    quota_exhausted: 'đã hết hạn mức gửi tin của OA trong hôm nay. Báo quản trị viên; gửi lại vào ngày mai.',
    auth: 'kết nối của kênh với nền tảng đã hết hạn. Báo quản trị viên kiểm tra cấu hình kênh rồi gửi lại.',
    temporary: 'nền tảng chưa phản hồi. Đợi ít phút rồi gửi lại.',
    rejected: 'nền tảng từ chối nội dung này. Sửa lại nội dung (bớt liên kết, ký tự lạ) rồi gửi lại.',
    channel_off: 'kênh này chưa được bật trên máy chủ. Báo quản trị viên.',
  };

  let openId = null;

  const channelName = (channel) => names.channel[channel] || channel;
  const failureText = (failure) => FAILURE[failure] || `nền tảng báo lỗi “${failure}”. Thử gửi lại sau.`;

  function statusText(h) {
    if (h.status !== 'engaged') return STATUS[h.status] || h.status;
    return h.claimedBy ? `Cán bộ ${h.claimedBy} đang hỗ trợ` : 'Cán bộ đang trả lời trên ứng dụng của nền tảng';
  }

  async function loadHandoffs() {
    const data = await api('GET', '/api/admin/handoffs?limit=100');
    const rows = table(
      [
        { label: 'Mã', value: (h) => h.id },
        { label: 'Kênh', value: (h) => channelName(h.channel) },
        { label: 'Trạng thái', value: statusCell },
        { label: 'Mở lúc', value: (h) => dateTime(h.createdAt) },
        { label: 'Tin gần nhất', value: (h) => h.lastMessage, className: 'cell-text' },
        { label: 'Thao tác', value: openButton },
      ],
      data.handoffs,
      { empty: 'Không có người dân nào đang chờ cán bộ.' },
    );
    // The conversation under the list is kept across refreshes, with whatever reply is being written in it.
    let conversation = document.getElementById('handoff-conversation');
    if (!conversation) {
      conversation = el('div', 'result');
      conversation.id = 'handoff-conversation';
    }
    document.getElementById('handoffs-result').replaceChildren(rows, conversation);
    if (openId) await showConversation(openId);
  }

  function statusCell(h) {
    const cell = el('span', '', statusText(h));
    if (h.newFromCitizen) cell.append(' ', el('span', 'badge', 'Có tin mới'));
    return cell;
  }

  function openButton(h) {
    const button = el('button', 'button button--small button--secondary', 'Xem');
    button.type = 'button';
    button.setAttribute('aria-label', `Xem cuộc trò chuyện ${h.id}`);
    button.addEventListener('click', () => run(button, ['Không mở được cuộc trò chuyện', 'handoff'], () => showConversation(h.id, true)));
    return button;
  }

  /** One conversation: who and where, the transcript, and what the officer can do. */
  async function showConversation(id, focus) {
    const target = document.getElementById('handoff-conversation');
    let data;
    try {
      data = await api('GET', `/api/admin/handoffs/${encodeURIComponent(id)}`);
    } catch (error) {
      // Closed and gone from the queue, or removed: stop showing it.
      if (error.status === 404) openId = null;
      throw error;
    }
    openId = data.handoff.status === 'closed' ? null : id;
    const h = data.handoff;
    const heading = el('h4', '', `Cuộc trò chuyện ${h.id}`);
    heading.tabIndex = -1;
    const about = facts([
      ['Kênh', channelName(h.channel)],
      ['Trạng thái', statusText(h)],
      ['Bắt đầu', REASON[h.reason] || h.reason],
      ['Mở lúc', dateTime(h.createdAt)],
      ['Trợ lý', h.botPaused ? 'tạm dừng trả lời, cán bộ đang hỗ trợ' : 'vẫn trả lời người dân'],
    ]);
    const transcript = table(
      [
        { label: 'Lúc', value: (line) => dateTime(line.at) },
        { label: 'Người viết', value: speaker },
        { label: 'Nội dung', value: lineText, className: 'cell-text' },
      ],
      data.transcript,
      { caption: 'Nội dung trò chuyện', empty: 'Chưa có tin nhắn nào.' },
    );
    const parts = [heading, about, transcript];
    const draft = target.querySelector('textarea');
    const form = h.status === 'closed' ? null : replyForm(h);
    if (form) parts.push(actions(h), form);
    const typing = draft && document.activeElement === draft;
    target.replaceChildren(...parts);
    if (form && draft && draft.dataset.handoff === h.id) {
      form.elements.text.value = draft.value;
      if (typing) form.elements.text.focus();
    }
    if (focus) heading.focus();
  }

  function speaker(line) {
    if (line.from === 'citizen') return 'Người dân';
    if (line.from === 'bot') return 'Trợ lý';
    return line.officer ? `Cán bộ ${line.officer}` : 'Cán bộ (trên nền tảng)';
  }

  function lineText(line) {
    const text = line.text || (line.from === 'officer' ? '(trả lời trên ứng dụng của nền tảng)' : '(không có chữ)');
    if (!line.failure) return text;
    const cell = el('span', '', text);
    cell.append(el('p', 'alert alert--error', `Chưa tới được người dân: ${failureText(line.failure)}`));
    return cell;
  }

  function actions(h) {
    const row = el('div', 'actions');
    const mine = h.claimedBy === session.me.username;
    if (!mine) {
      const takeOver = Boolean(h.claimedBy);
      const claim = el('button', 'button', takeOver ? `Nhận thay cán bộ ${h.claimedBy}` : 'Nhận xử lý');
      claim.type = 'button';
      claim.addEventListener('click', () =>
        run(claim, ['Chưa nhận được yêu cầu', 'handoff'], async () => {
          const result = await api('POST', `/api/admin/handoffs/${encodeURIComponent(h.id)}/claim`, { json: { takeOver } });
          await loadHandoffs();
          if (result.notice && !result.notice.sent) showAlert('error', `Đã nhận ${h.id}, nhưng chưa báo được cho người dân: ${failureText(result.notice.failure)}`);
          else showAlert('ok', `Đã nhận ${h.id}. Trợ lý ngừng trả lời người dân cho đến khi anh/chị đóng yêu cầu.`);
        }),
      );
      row.append(claim);
    }
    const close = el('button', 'button button--secondary', 'Đóng yêu cầu');
    close.type = 'button';
    close.setAttribute('aria-label', `Đóng yêu cầu ${h.id}`);
    close.addEventListener('click', () =>
      run(close, ['Chưa đóng được yêu cầu', 'handoff'], async () => {
        const result = await api('POST', `/api/admin/handoffs/${encodeURIComponent(h.id)}/close`);
        openId = null;
        document.getElementById('handoff-conversation').replaceChildren();
        await loadHandoffs();
        if (result.notice && !result.notice.sent) showAlert('error', `Đã đóng ${h.id}, nhưng chưa báo được cho người dân: ${failureText(result.notice.failure)}`);
        else showAlert('ok', `Đã đóng ${h.id}. Trợ lý trả lời người dân trở lại.`);
      }),
    );
    row.append(close);
    return row;
  }

  function replyForm(h) {
    const form = el('form', 'form');
    const label = el('label', '', 'Trả lời người dân');
    const text = document.createElement('textarea');
    text.name = 'text';
    text.dataset.handoff = h.id;
    text.required = true;
    text.maxLength = 2000;
    text.rows = 3;
    label.append(text);
    const send = el('button', 'button', 'Gửi trả lời');
    send.type = 'submit';
    form.append(label, send);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      run(send, ['Chưa gửi được trả lời', 'handoff'], async () => {
        const result = await api('POST', `/api/admin/handoffs/${encodeURIComponent(h.id)}/messages`, { json: { text: text.value } });
        // Sent or kept undelivered, the reply is in the transcript now: the box is for the next one.
        text.value = '';
        await loadHandoffs();
        if (result.delivery.sent) showAlert('ok', `Đã gửi trả lời tới người dân (${h.id}).`);
        else showAlert('error', `Trả lời đã được lưu nhưng chưa tới được người dân: ${failureText(result.delivery.failure)}`);
      });
    });
    return form;
  }

  async function loadFeedback() {
    const data = await api('GET', '/api/admin/feedback?limit=100');
    document.getElementById('feedback-result').replaceChildren(
      table(
        [
          { label: 'Mã', value: (f) => f.reference },
          { label: 'Thời gian', value: (f) => dateTime(f.createdAt) },
          { label: 'Kênh', value: (f) => channelName(f.channel) },
          { label: 'Nội dung', value: (f) => f.text, className: 'cell-text' },
        ],
        data.feedback,
        { empty: 'Chưa có góp ý nào.' },
      ),
    );
  }

  // Citizens keep writing while an officer reads: the queue and the open conversation follow on their own, quietly
  // (a failure shows at the next action the officer takes).
  setInterval(() => {
    if (!session.me || document.getElementById('screen-support').hidden || !allowed('desk')) return;
    loadHandoffs().catch(() => {});
  }, REFRESH_MS);

  // Editors read feedback too, but only desk staff handle hand-offs.
  loaders.support = () => Promise.all([allowed('desk') ? loadHandoffs() : null, loadFeedback()]);
  refreshers.handoffs = loadHandoffs;
  refreshers.feedback = loadFeedback;
})();
