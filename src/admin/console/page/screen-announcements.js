// Thông báo: propaganda staff write an announcement, see it as each channel will show it and how many people it
// reaches, send it now or at a set time, follow its delivery live, and read past ones. The screen builds its own
// section, so the shell only lists it.
'use strict';

(() => {
  const { api, run, showAlert, el, table, facts, dateTime, names, labels, loaders, refreshers, download } = window.StaffConsole;
  const LIVE_MS = 2000;
  const TOPICS = { new_procedures: 'Thủ tục mới', scam_alerts: 'Cảnh báo lừa đảo', fire_safety: 'Phòng cháy chữa cháy (PCCC)', traffic: 'Giao thông' };
  const STATUS = { draft: 'Bản nháp', scheduled: 'Đã hẹn giờ', sending: 'Đang gửi', done: 'Đã gửi xong', cancelled: 'Đã hủy' };
  // Why someone was not sent to, in the words of the job.
  const SKIPPED = {
    next_visit: 'Người dùng web: sẽ thấy khi quay lại trang',
    window_closed: 'Quá thời hạn nền tảng cho phép nhắn (Messenger 24 giờ, Zalo 7 ngày): sẽ nhận khi nhắn lại',
    not_following: 'Đã bỏ quan tâm Zalo OA: sẽ nhận khi nhắn lại',
    handed_over: 'Đang trao đổi với cán bộ trên Messenger: sẽ nhận khi nhắn lại',
    unreachable: 'Đã chặn trang/OA hoặc tài khoản không còn: không gửi nữa',
    cancelled: 'Thông báo đã bị hủy trước khi gửi tới người này',
  };
  const FAILED = {
    in_doubt: 'Không rõ đã tới người nhận chưa (máy chủ dừng giữa lúc gửi, hoặc nền tảng không trả lời): không gửi lại để tránh trùng',
    rate_limited: 'Nền tảng giới hạn tốc độ',
    quota_exhausted: 'Hết hạn mức gửi tin của OA',
    auth: 'Kết nối kênh hết hạn: báo quản trị viên',
    temporary: 'Nền tảng không phản hồi',
    rejected: 'Nền tảng từ chối nội dung',
  };

  const section = el('section', 'screen');
  section.id = 'screen-announcements';
  section.hidden = true;
  section.setAttribute('aria-label', 'Thông báo');
  document.querySelector('main').append(section);

  let options = { topics: Object.keys(TOPICS), channels: ['rest'], communes: [] };
  let openId = null;
  let liveTimer = null;

  // ---- compose ----
  const compose = el('div', 'panel');
  const form = el('form', 'form');
  const title = el('input');
  title.name = 'title';
  title.required = true;
  title.maxLength = 120;
  const body = el('textarea');
  body.name = 'body';
  body.required = true;
  body.maxLength = 2000;
  body.rows = 6;
  const label = (text, input) => {
    const l = el('label', '', text);
    l.append(' ', input);
    return l;
  };
  const topicsBox = el('fieldset');
  const channelsBox = el('fieldset');
  const communes = el('select');
  communes.multiple = true;
  communes.size = 6;
  const count = el('p', 'empty', '');
  const preview = el('div');
  const when = el('input');
  when.type = 'datetime-local';
  const actions = el('div', 'form form--inline');
  const saveButton = el('button', 'button button--secondary', 'Lưu nháp');
  saveButton.type = 'button';
  const sendButton = el('button', 'button', 'Gửi ngay');
  sendButton.type = 'button';
  const scheduleButton = el('button', 'button button--secondary', 'Hẹn giờ gửi');
  scheduleButton.type = 'button';
  actions.append(saveButton, sendButton, label('Gửi lúc', when), scheduleButton);
  form.append(label('Tiêu đề', title), label('Nội dung', body), topicsBox, channelsBox, label('Xã/phường (không chọn: mọi nơi)', communes), count, actions);
  compose.append(el('h3', '', 'Soạn thông báo'), form, el('h3', '', 'Xem trước trên từng kênh'), preview);

  // ---- history and report ----
  const history = el('div', 'panel');
  const historyHead = el('div', 'panel__head');
  const refresh = el('button', 'button button--secondary', 'Làm mới');
  refresh.type = 'button';
  refresh.dataset.refresh = 'announcements';
  historyHead.append(el('h3', '', 'Các thông báo'), refresh);
  const historyList = el('div');
  const report = el('div');
  history.append(historyHead, historyList, report);
  section.append(compose, history);

  function checkboxes(box, legend, values, nameOf, checked) {
    box.replaceChildren(el('legend', '', legend));
    for (const value of values) {
      const input = el('input');
      input.type = 'checkbox';
      input.value = value;
      input.checked = checked(value);
      input.addEventListener('change', changed);
      const l = el('label', '');
      l.append(input, ` ${nameOf(value)}`);
      box.append(l);
    }
  }
  const ticked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

  function draft() {
    return {
      title: title.value.trim(),
      body: body.value.trim(),
      topics: ticked(topicsBox),
      channels: ticked(channelsBox),
      communes: [...communes.selectedOptions].map((o) => o.value),
    };
  }
  const audience = () => ({ topics: draft().topics, channels: draft().channels, communes: draft().communes });

  let pending = null;
  function changed() {
    clearTimeout(pending);
    pending = setTimeout(() => run(null, 'Không tính được số người nhận', updateCountAndPreview), 400);
  }

  async function updateCountAndPreview() {
    const { count: n } = await api('POST', '/api/admin/announcements/audience', { json: audience() });
    count.textContent = `Sẽ đến ${n.toLocaleString('vi-VN')} người đã đăng ký nhận thông báo.`;
    const d = draft();
    if (!d.title || !d.body) {
      preview.replaceChildren(el('p', 'empty', 'Nhập tiêu đề và nội dung để xem trước.'));
      return;
    }
    const { preview: p } = await api('POST', '/api/admin/announcements/preview', { json: { title: d.title, body: d.body } });
    const box = (name, lines) => {
      const card = el('div', 'panel');
      card.append(el('h4', '', name));
      for (const line of lines) card.append(el('pre', 'cell-text', line));
      return card;
    };
    const messengerLines = p.messenger.map((m) => {
      if (m.attachment) return `${m.attachment.payload.text}\n${m.attachment.payload.buttons.map((b) => `[${b.title}]`).join(' ')}`;
      return m.quick_replies ? `${m.text}\n${m.quick_replies.map((q) => `(${q.title})`).join(' ')}` : m.text;
    });
    preview.replaceChildren(
      box('Zalo', p.zalo.map((m) => m.text)),
      box('Messenger', messengerLines),
      box('Web', [`${p.web.text}\n${(p.web.buttons || []).map((b) => `[${b.title}]`).join(' ')}`]),
    );
  }
  title.addEventListener('input', changed);
  body.addEventListener('input', changed);
  communes.addEventListener('change', changed);

  async function save() {
    const d = draft();
    if (!d.title || !d.body) throw new Error('cần nhập tiêu đề và nội dung');
    const { announcement } = await api('POST', '/api/admin/announcements', { json: d });
    return announcement;
  }
  saveButton.addEventListener('click', () =>
    run(saveButton, 'Không lưu được thông báo', async () => {
      await save();
      showAlert('success', 'Đã lưu bản nháp.');
      await loadHistory();
    }),
  );
  sendButton.addEventListener('click', () =>
    run(sendButton, 'Không gửi được thông báo', async () => {
      if (!window.confirm(`Gửi ngay thông báo này tới ${count.textContent.replace(/^Sẽ đến /, '')}`)) return;
      const a = await save();
      await api('POST', `/api/admin/announcements/${a.id}/send`);
      showAlert('success', 'Đang gửi thông báo. Theo dõi tiến độ bên dưới.');
      form.reset();
      await loadHistory();
      await openReport(a.id);
    }),
  );
  scheduleButton.addEventListener('click', () =>
    run(scheduleButton, 'Không hẹn giờ được', async () => {
      if (!when.value) throw new Error('chọn ngày giờ gửi');
      const a = await save();
      // The input holds Vietnam time without a zone.
      await api('POST', `/api/admin/announcements/${a.id}/schedule`, { json: { at: `${when.value}:00+07:00` } });
      showAlert('success', 'Đã hẹn giờ gửi.');
      await loadHistory();
    }),
  );

  async function loadHistory() {
    const data = await api('GET', '/api/admin/announcements?limit=100');
    const open = (a) => {
      const b = el('button', 'button button--secondary', 'Xem');
      b.type = 'button';
      b.addEventListener('click', () => run(b, 'Không tải được báo cáo', () => openReport(a.id)));
      return b;
    };
    historyList.replaceChildren(
      table(
        [
          { label: 'Tiêu đề', value: (a) => a.title, className: 'cell-text' },
          { label: 'Trạng thái', value: (a) => STATUS[a.status] || a.status },
          { label: 'Tạo lúc', value: (a) => dateTime(a.createdAt) },
          { label: 'Gửi lúc', value: (a) => dateTime(a.startedAt || a.scheduledAt) },
          { label: 'Người soạn', value: (a) => a.author.replace(/^staff:/, '') },
          { label: 'Thao tác', value: open },
        ],
        data.announcements,
        { empty: 'Chưa có thông báo nào.' },
      ),
    );
  }

  async function openReport(id) {
    openId = id;
    clearTimeout(liveTimer);
    const { announcement: a, report: r, audience: total } = await api('GET', `/api/admin/announcements/${id}`);
    if (openId !== id) return;
    const failed = Object.values(r.failed).reduce((x, y) => x + y, 0);
    const skipped = Object.values(r.skipped).reduce((x, y) => x + y, 0);
    const done = r.sent + failed + skipped;
    const bar = el('progress');
    bar.max = Math.max(total, 1);
    bar.value = done;
    bar.setAttribute('aria-label', 'Tiến độ gửi');
    const reasons = [
      ...Object.entries(r.skipped).map(([k, n]) => ({ what: 'Chưa gửi, giữ lại', why: SKIPPED[k] || k, n })),
      ...Object.entries(r.failed).map(([k, n]) => ({ what: 'Không gửi được', why: FAILED[k.split(':')[0]] || k, n })),
    ];
    const cancel = el('button', 'button button--secondary', 'Hủy gửi');
    cancel.type = 'button';
    cancel.hidden = !['draft', 'scheduled', 'sending'].includes(a.status);
    cancel.addEventListener('click', () =>
      run(cancel, 'Không hủy được', async () => {
        if (!window.confirm('Hủy thông báo này? Những người đã nhận vẫn giữ tin.')) return;
        await api('POST', `/api/admin/announcements/${id}/cancel`);
        await loadHistory();
        await openReport(id);
      }),
    );
    const csv = el('button', 'button button--secondary', 'Tải danh sách người nhận (CSV)');
    csv.type = 'button';
    csv.addEventListener('click', () =>
      run(csv, 'Không tải được danh sách người nhận', async () => {
        const response = await api('GET', `/api/admin/announcements/${id}/deliveries.csv`, { download: true });
        download(await response.blob(), `ket-qua-gui-thong-bao-${id}.csv`);
      }),
    );
    report.replaceChildren(
      el('h3', '', a.title),
      facts([
        ['Trạng thái', STATUS[a.status] || a.status],
        ['Kênh', a.channels.length ? a.channels.map((c) => names.channel[c] || c).join(', ') : 'Mọi kênh'],
        ['Chủ đề', a.topics.length ? a.topics.map((t) => TOPICS[t] || t).join(', ') : 'Mọi chủ đề'],
        ['Người nhận', total.toLocaleString('vi-VN')],
        ['Đã gửi', r.sent.toLocaleString('vi-VN')],
        ['Đang chờ gửi', (r.pending + r.attempting).toLocaleString('vi-VN')],
      ]),
      bar,
      el('p', '', `${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} đã xử lý`),
      table([{ label: 'Kết quả', value: (x) => x.what }, { label: 'Lý do', value: (x) => x.why, className: 'cell-text' }, { label: 'Số người', value: (x) => x.n, num: true }], reasons, { empty: 'Không có ai bị bỏ qua hay lỗi.' }),
      cancel,
      csv,
      ...(options.zaloArticle && a.status !== 'cancelled' ? [zaloArticlePanel(id)] : []),
    );
    // Live while it is being sent.
    if (a.status === 'sending' || a.status === 'scheduled') liveTimer = setTimeout(() => run(null, 'Không cập nhật được tiến độ', () => openReport(id)), LIVE_MS);
  }

  // The Zalo article broadcast, a separate action (only where ZALO_ARTICLE_BROADCAST is on): its limits are shown first.
  function zaloArticlePanel(id) {
    const words = labels.zaloArticle || {};
    const panel = el('div', 'panel');
    const limits = el('ul');
    for (const line of words.limits || []) limits.append(el('li', '', line));
    const articleId = el('input');
    articleId.name = 'articleId';
    articleId.required = true;
    articleId.maxLength = 100;
    const l = el('label', '', words.articleId);
    l.append(' ', articleId);
    const send = el('button', 'button button--secondary', words.send);
    send.type = 'button';
    const result = el('p', '', '');
    send.addEventListener('click', () =>
      run(send, [words.send, 'zaloArticle'], async () => {
        if (!articleId.value.trim() || !window.confirm(words.confirm)) return;
        const { messageId } = await api('POST', `/api/admin/announcements/${id}/zalo-article`, { json: { articleId: articleId.value.trim() } });
        result.textContent = (words.sent || '').replace('{{messageId}}', messageId);
      }),
    );
    panel.append(el('h4', '', words.heading), limits, l, send, result);
    return panel;
  }

  loaders.announcements = async () => {
    options = await api('GET', '/api/admin/announcements/options');
    checkboxes(topicsBox, 'Chủ đề (không chọn: mọi người đăng ký)', options.topics, (t) => TOPICS[t] || t, () => false);
    checkboxes(channelsBox, 'Kênh (không chọn: mọi kênh)', options.channels, (c) => names.channel[c] || c, () => false);
    communes.replaceChildren(...options.communes.map((c) => Object.assign(el('option', '', c.name), { value: c.id })));
    await Promise.all([loadHistory(), updateCountAndPreview()]);
  };
  refreshers.announcements = loadHistory;
})();
