// Web chat of Công an tỉnh Thái Nguyên: talks to POST /webhooks/rest/webhook (Rasa REST channel).
// Plain browser JavaScript, no build step. Everything the server sends is shown with textContent, never as HTML.
'use strict';

(() => {
  const ENDPOINT = '/webhooks/rest/webhook';
  const PENDING = '/webhooks/rest/pending';
  // While a request to an officer is open the page asks for their replies: the server cannot call a web page.
  const POLL_MS = 5000;
  const POLL_BACKGROUND_MS = 30000;
  const SENDER_KEY = 'catn-chat-sender';
  const SHARE_LOCATION = '/share_location';
  const START = [{ title: 'Bắt đầu', payload: '/greeting' }];
  const REQUEST_TIMEOUT_MS = 30000;
  // Trailing punctuation usually ends the sentence, not the link.
  const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
  const TRAILING_PUNCTUATION = /[.,;:!?)\]}»”]+$/;

  const scroller = document.getElementById('chat');
  const log = document.getElementById('log');
  const chips = document.getElementById('chips');
  const typing = document.getElementById('typing');
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const sendButton = document.getElementById('send');
  const officer = document.getElementById('officer');
  const welcome = log.firstElementChild;

  let sender = loadSender();
  let busy = false;
  let currentButtons = START;
  let pollTimer = null;
  let polling = false;
  let handoffOpen = false;

  showChips(START);
  // A reload keeps the sender: an officer's reply that arrived meanwhile is shown at once.
  poll();
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && handoffOpen) schedulePoll(0);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = '';
    const previous = begin(text);
    exchange(text, previous, text);
  });

  document.getElementById('restart').addEventListener('click', () => {
    if (busy) return;
    sender = newSender();
    log.replaceChildren(welcome);
    showChips(START);
    showHandoff(null);
    clearTimeout(pollTimer);
    input.focus();
  });

  /** Tapping a chip says its title as the citizen and sends its payload, as a tap would on Zalo. */
  function onChip(button) {
    if (busy) return;
    const previous = begin(button.title);
    if (button.payload === SHARE_LOCATION) shareLocation(previous);
    else exchange(button.payload, previous, null);
  }

  /** Shows the citizen's bubble and the typing indicator; answers the choices to restore if the turn fails. */
  function begin(title) {
    const previous = currentButtons;
    busy = true;
    sendButton.setAttribute('aria-disabled', 'true');
    addBubble('me', title);
    showChips([]);
    typing.hidden = false;
    scrollToEnd(null);
    return previous;
  }

  function finish() {
    busy = false;
    sendButton.removeAttribute('aria-disabled');
    typing.hidden = true;
  }

  /** One turn: posts the message and draws the replies, or an error bubble that keeps the chat usable. */
  async function exchange(message, previous, typedText) {
    let replies;
    try {
      replies = await post(message);
    } catch (error) {
      fail(describeError(error), previous, typedText);
      return;
    }
    finish();
    const { first, buttons } = drawReplies(replies);
    showChips(buttons);
    scrollToEnd(first);
    restoreFocus(typedText !== null);
    // The turn may have opened a request to an officer (or the officer may be waiting for this answer).
    schedulePoll(0);
  }

  /** Draws the server's messages as bubbles; answers the first bubble and the last message's valid buttons. */
  function drawReplies(replies) {
    let first = null;
    let buttons = [];
    for (const reply of replies) {
      if (reply && typeof reply.text === 'string' && reply.text) {
        const bubble = addBubble('bot', reply.text);
        first = first || bubble;
      }
      if (reply && Array.isArray(reply.buttons) && reply.buttons.length) buttons = reply.buttons;
    }
    return { first, buttons: buttons.filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string') };
  }

  function schedulePoll(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay);
  }

  /** Asks for messages that came without the citizen writing (an officer's replies), and whether a request is open. */
  async function poll() {
    if (polling) return;
    polling = true;
    const asked = sender;
    let answer = null;
    try {
      const response = await fetch(`${PENDING}?sender=${encodeURIComponent(asked)}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (response.ok) answer = await response.json();
    } catch {
      // Offline for a moment: the messages wait on the server, the next poll gets them.
    }
    polling = false;
    if (asked !== sender) return;
    if (answer && Array.isArray(answer.messages)) {
      showPushed(answer.messages);
      showHandoff(answer.handoff || null);
    }
    if (handoffOpen) schedulePoll(document.hidden ? POLL_BACKGROUND_MS : POLL_MS);
  }

  function showPushed(messages) {
    const { first, buttons } = drawReplies(messages);
    // Choices under a turn in progress belong to that turn.
    if (buttons.length && !busy) showChips(buttons);
    if (first) scrollToEnd(first);
  }

  /** The line above the composer saying an officer has (or will take) the conversation. */
  function showHandoff(handoff) {
    handoffOpen = Boolean(handoff && typeof handoff.reference === 'string');
    officer.hidden = !handoffOpen;
    if (!handoffOpen) return;
    // The assistant's choices would go unanswered while an officer holds the conversation.
    if (handoff.status === 'engaged' && !busy) showChips([]);
    officer.textContent = handoff.status === 'engaged'
      ? `Cán bộ trực đang hỗ trợ anh/chị tại đây (mã ${handoff.reference}).`
      : `Đã chuyển yêu cầu tới cán bộ trực (mã ${handoff.reference}); cán bộ sẽ trả lời tại đây.`;
  }

  function fail(text, previous, typedText) {
    finish();
    const bubble = addBubble('error', text);
    showChips(previous);
    // What the citizen typed goes back into the box, unless they already started a new message.
    if (typedText !== null && !input.value) input.value = typedText;
    scrollToEnd(bubble);
    restoreFocus(typedText !== null);
  }

  async function post(message) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ sender, message }),
        signal: controller.signal,
      });
    } catch {
      throw { kind: controller.signal.aborted ? 'timeout' : 'network' };
    } finally {
      clearTimeout(timer);
    }
    const body = await response.json().catch(() => null);
    if (response.status === 429) throw { kind: 'busy', seconds: Number(response.headers.get('Retry-After')) || 60 };
    if (!response.ok) {
      const detail = body && body.error && typeof body.error.message === 'string' ? body.error.message : '';
      throw { kind: 'http', status: response.status, detail };
    }
    if (!Array.isArray(body)) throw { kind: 'http', status: response.status, detail: 'unexpected answer' };
    return body;
  }

  function describeError(error) {
    const retry = 'Anh/chị vui lòng thử lại sau giây lát. Nếu khẩn cấp, hãy gọi 113.';
    if (error && error.kind === 'network') return `Không kết nối được tới máy chủ, tin nhắn chưa được gửi. Anh/chị kiểm tra kết nối mạng rồi thử lại.`;
    if (error && error.kind === 'timeout') return `Máy chủ phản hồi quá lâu, tin nhắn có thể chưa được xử lý. ${retry}`;
    if (error && error.kind === 'busy') return `Anh/chị gửi tin hơi nhanh, tin nhắn chưa được gửi. Anh/chị vui lòng chờ khoảng ${error.seconds} giây rồi gửi lại. Nếu khẩn cấp, hãy gọi 113.`;
    if (error && error.kind === 'http') {
      const detail = error.detail ? ` (${error.detail})` : '';
      if (error.status >= 400 && error.status < 500) return `Tin nhắn chưa gửi được: máy chủ từ chối, mã lỗi ${error.status}${detail}. ${retry}`;
      return `Xin lỗi, hệ thống đang gặp sự cố (mã lỗi ${error.status}${detail}). ${retry}`;
    }
    return `Xin lỗi, đã có lỗi khi gửi tin nhắn. ${retry}`;
  }

  /** Asks the browser for the position only after the citizen tapped "Chia sẻ vị trí". */
  function shareLocation(previous) {
    if (!('geolocation' in navigator)) {
      fail('Trình duyệt này không hỗ trợ chia sẻ vị trí. Anh/chị có thể gõ tên xã/phường để tìm cơ quan công an gần nhất.', previous, null);
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Five decimals is about one metre: enough to find the nearest office, no more than needed.
        const latitude = Number(position.coords.latitude.toFixed(5));
        const longitude = Number(position.coords.longitude.toFixed(5));
        exchange(`/office_location${JSON.stringify({ latitude, longitude })}`, previous, null);
      },
      (error) => {
        const denied = error && error.code === 1;
        fail(
          denied
            ? 'Anh/chị chưa cho phép chia sẻ vị trí nên em chưa tìm được cơ quan gần nhất. Anh/chị có thể gõ tên xã/phường để tìm ạ.'
            : 'Chưa lấy được vị trí của anh/chị. Anh/chị có thể thử lại hoặc gõ tên xã/phường để tìm ạ.',
          previous,
          null,
        );
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 },
    );
  }

  function addBubble(kind, text) {
    const item = document.createElement('li');
    item.className = `msg msg--${kind}`;
    if (kind === 'me') item.textContent = text;
    else appendWithLinks(item, text);
    log.append(item);
    return item;
  }

  /** Text nodes for the text, real links only for http(s) URLs: nothing the server sends is parsed as HTML. */
  function appendWithLinks(element, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0].replace(TRAILING_PUNCTUATION, '');
      const href = safeHref(url);
      element.append(text.slice(last, match.index));
      if (href) {
        const link = document.createElement('a');
        link.href = href;
        link.textContent = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        element.append(link);
      } else {
        element.append(url);
      }
      last = match.index + url.length;
    }
    element.append(text.slice(last));
  }

  function safeHref(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  }

  function showChips(buttons) {
    currentButtons = buttons;
    chips.replaceChildren(
      ...buttons.map((button) => {
        const chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'chip';
        chip.textContent = button.title;
        chip.addEventListener('click', () => onChip(button));
        return chip;
      }),
    );
  }

  /** Shows the end of the conversation, but never scrolls the start of a long reply out of sight. */
  function scrollToEnd(firstNew) {
    scroller.scrollTop = scroller.scrollHeight;
    if (firstNew && firstNew.offsetTop < scroller.scrollTop + scroller.offsetTop) {
      firstNew.scrollIntoView({ block: 'start' });
    }
  }

  /** A tapped chip is gone from the page: move focus to the new choices (no keyboard pops up) or the text box. */
  function restoreFocus(typed) {
    if (typed) {
      input.focus({ preventScroll: true });
      return;
    }
    const firstChip = chips.querySelector('button');
    if (firstChip) firstChip.focus({ preventScroll: true });
    else input.focus({ preventScroll: true });
  }

  /** The sender id survives reloads, so the server continues the same conversation. */
  function loadSender() {
    try {
      const saved = localStorage.getItem(SENDER_KEY);
      if (saved && /^web-[0-9a-f]{32}$/.test(saved)) return saved;
    } catch {
      // Storage blocked (private mode, strict settings): the conversation lasts until reload.
    }
    return newSender();
  }

  function newSender() {
    // getRandomValues works on plain http too, unlike crypto.randomUUID.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const id = `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    try {
      localStorage.setItem(SENDER_KEY, id);
    } catch {
      // See loadSender.
    }
    return id;
  }
})();
