// Staff console kit: the session token, the API client, the alert region and small DOM helpers shared by every screen.
// Plain browser JavaScript, no build step. Everything the server sends is shown with textContent, never as HTML:
// citizens' messages reach these tables.
'use strict';

window.StaffConsole = (() => {
  // sessionStorage, not localStorage: the token dies with the tab, so a shared desk computer does not keep it.
  const TOKEN_KEY = 'catn-admin-token';
  const VIETNAM = 'Asia/Ho_Chi_Minh';
  // The words for ids (roles, channels, intents, statuses, procedures, errors) come from the server's locale files
  // (GET /api/admin/labels) before anything is shown: `ready` settles once they are in `labels` and `names`.
  const labels = {};
  const names = { role: {}, channel: {} };
  const ready = fetch('/api/admin/labels', { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((data) => {
      Object.assign(labels, data);
      names.role = data.roles;
      names.channel = data.channels;
    });
  // Reported by the first action that needs the words (run() awaits `ready`), not as an unhandled rejection.
  ready.catch(() => {});
  const alertBox = document.getElementById('alert');
  const session = { token: readToken(), me: null };
  /** Screens register what to load when they open (`loaders`) and what their "Làm mới" buttons reload (`refreshers`). */
  const loaders = {};
  const refreshers = {};
  let sessionEndedHandler = () => {};

  /**
   * A refused or failed API call: the status (0 when the server was not reached), the error code, the server's own
   * message (shown only where the labels ask for it), the fields it named, minutes to wait, and 422 problems.
   */
  class ApiError extends Error {
    constructor(status, code, message, extra = {}) {
      super(message);
      this.status = status;
      this.code = code;
      this.fields = extra.fields || [];
      this.minutes = extra.minutes;
      this.problems = extra.problems || [];
      this.reason = extra.reason;
    }
  }

  // A 401 on a signed-in call: the page goes back to the sign-in form with this message instead of an alert.
  class SessionEnded extends Error {}

  /** Calls the admin API with the token; answers the JSON body (or the Response when `download` is set). */
  async function api(method, path, options = {}) {
    const headers = { Accept: 'application/json' };
    if (session.token) headers.Authorization = `Bearer ${session.token}`;
    let body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.file !== undefined) {
      headers['Content-Type'] = 'text/csv; charset=utf-8';
      body = options.file;
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    const data = response.ok && options.download ? null : await response.json().catch(() => null);
    const error = (data && data.error) || {};
    // A 401 on a signed-in call (not a wrong current password): back to the sign-in form.
    if (response.status === 401 && session.token && !options.keepSession) throw new SessionEnded(say('unauthorized'));
    if (response.ok) return options.download ? response : data;
    if (response.status === 422 && data && Array.isArray(data.errors)) {
      throw new ApiError(422, 'invalidFile', '', { problems: data.errors });
    }
    const details = error.details;
    const fields = Array.isArray(details) ? details : details && Array.isArray(details.fields) ? details.fields : [];
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, typeof error.code === 'string' ? error.code : 'unknown', typeof error.message === 'string' ? error.message : '', {
      fields,
      minutes: retryAfter > 0 ? Math.ceil(retryAfter / 60) : 1,
      reason: details && typeof details.reason === 'string' ? details.reason : undefined,
    });
  }

  /** The labelled words for `key` under errors (or errors.byAction.<action>), with {{name}} filled in. */
  function say(key, action, values = {}) {
    const errors = labels.errors || {};
    const byAction = (action && errors.byAction && errors.byAction[action]) || {};
    // Without the labels (the server was not reached at all) the page's own sentence says so.
    const text = byAction[key] || errors[key] || errors.unknown || document.getElementById('no-labels').content.textContent;
    return text.replace(/{{(\w+)}}/g, (_, name) => (values[name] === undefined ? '' : String(values[name])));
  }

  /** What went wrong and what to do next, in the job's words: never an HTTP code or the server's English. */
  function explain(error, action) {
    if (!(error instanceof ApiError)) return say('unknown');
    // One refusal code can have several reasons (a 409 because it was sent already, or because it is night): the
    // action's words for the reason come first.
    const forAction = (labels.errors && labels.errors.byAction && labels.errors.byAction[action]) || {};
    const key = error.reason && forAction[error.reason] ? error.reason : error.code;
    return say(key, action, { minutes: error.minutes, count: error.problems.length, detail: error.message });
  }

  /** "Tên ô: what it must be", one line per field the server named, from the labels. */
  function fieldLines(fields) {
    const seen = new Set();
    const lines = [];
    for (const problem of fields) {
      const field = String(problem.field || '').split('.')[0];
      if (!field || seen.has(field)) continue;
      seen.add(field);
      const hints = labels.fieldHints || {};
      lines.push(`${(labels.fields || {})[field] || field}: ${hints[field] || hints.default || ''}`);
    }
    return lines;
  }

  /**
   * Runs one user action: clears the alert, disables its button meanwhile, shows any error in the alert region.
   * `context` is the title of the alert, or [title, action] where `action` picks the error words written for that
   * action (errors.byAction in console.json).
   */
  async function run(button, context, task) {
    const [title, action] = Array.isArray(context) ? context : [context];
    if (button) button.disabled = true;
    clearAlert();
    try {
      await ready;
      await task();
    } catch (error) {
      if (error instanceof SessionEnded) sessionEndedHandler(error.message);
      else showError(title, error, action);
    } finally {
      if (button) button.disabled = false;
    }
  }

  function showAlert(kind, message, problems) {
    alertBox.className = `alert alert--${kind}`;
    alertBox.replaceChildren(message);
    if (problems && problems.length) alertBox.append(problemTable(problems));
    alertBox.scrollIntoView({ block: 'nearest' });
  }

  function showError(context, error, action) {
    if (!(error instanceof ApiError)) {
      // A fault of the page itself: the console log keeps the detail for whoever maintains it.
      console.warn(error);
      showAlert('error', `${context}: ${say('unknown')}`);
      return;
    }
    showAlert('error', `${context}: ${explain(error, action)}`, error.problems);
    const lines = fieldLines(error.fields);
    if (lines.length) {
      const list = el('ul', 'alert__fields');
      for (const line of lines) list.append(el('li', '', line));
      alertBox.append(list);
    }
  }

  function clearAlert() {
    alertBox.className = 'alert';
    alertBox.replaceChildren();
  }

  /** Content and CSV problems: file, spreadsheet row, field or column, message (whichever the server gave). */
  function problemTable(problems) {
    const columns = [];
    if (problems.some((p) => p.file)) columns.push({ label: 'Tệp', value: (p) => p.file });
    if (problems.some((p) => p.row !== undefined)) columns.push({ label: 'Dòng', value: (p) => p.row, num: true });
    columns.push({ label: 'Trường / cột', value: (p) => p.field || '(cả tệp)' });
    columns.push({ label: 'Lỗi', value: (p) => p.message });
    return table(columns, problems);
  }

  function readToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  }

  /** Keeps the token for this tab (or forgets it with null). */
  function saveToken(value) {
    session.token = value;
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage blocked: the session lasts until the page is reloaded.
    }
  }

  /** The label of an id in one section of the labels ("procedures", "statuses", "intents"…), else `fallback`. */
  function label(section, id, fallback) {
    const words = labels[section] || {};
    if (id !== null && id !== undefined && words[id]) return words[id];
    return fallback === undefined ? (id === null || id === undefined ? '' : String(id)) : fallback;
  }

  /** Whether the signed-in user holds one of the space-separated roles ("*": any staff); admin passes every check. */
  function allowed(roles) {
    const me = session.me;
    if (!me) return false;
    if (roles === '*' || me.roles.includes('admin')) return true;
    return roles.split(' ').some((role) => me.roles.includes(role));
  }

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** A definition list of label/value pairs, skipping empty values. */
  function facts(pairs) {
    const list = el('dl', 'facts');
    for (const [label, value] of pairs) {
      if (value === null || value === undefined || value === '') continue;
      list.append(el('dt', '', label), el('dd', '', String(value)));
    }
    return list;
  }

  /**
   * A table of text cells (or nodes built by the page); each cell carries its column label for the phone layout.
   * columns: [{ label, value(row) → text or Node, num?, className? }]; options: { caption?, footer?, empty? }.
   */
  function table(columns, rows, options = {}) {
    if (rows.length === 0 && options.empty) return el('p', 'empty', options.empty);
    const result = el('table', 'table');
    if (options.caption) result.createCaption().textContent = options.caption;
    const head = result.createTHead().insertRow();
    for (const column of columns) {
      const th = el('th', column.num ? 'num' : '', column.label);
      th.scope = 'col';
      head.append(th);
    }
    const body = result.createTBody();
    for (const row of rows) fillRow(body.insertRow(), columns, row);
    if (options.footer) fillRow(result.createTFoot().insertRow(), columns, options.footer);
    return result;
  }

  function fillRow(tr, columns, row) {
    for (const column of columns) {
      const td = tr.insertCell();
      td.dataset.label = column.label;
      if (column.num) td.classList.add('num');
      if (column.className) td.classList.add(column.className);
      const value = column.value(row);
      if (value instanceof Node) td.append(value);
      else td.textContent = value === null || value === undefined ? '' : String(value);
    }
  }

  /** Saves a Blob as a file: a fetch with the token, then a Blob, since a plain link would carry the token in its URL. */
  function download(blob, filename) {
    const href = URL.createObjectURL(blob);
    const link = el('a');
    link.href = href;
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  /** An ISO instant as Vietnamese time: "08:00 10/02/2026". */
  function dateTime(iso) {
    if (!iso) return '';
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return String(iso);
    return at.toLocaleString('vi-VN', { timeZone: VIETNAM, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /** Today in Vietnam as YYYY-MM-DD (the value format of a date input). */
  function today() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM }).format(new Date());
  }

  return {
    labels, label, names, ready, session, loaders, refreshers, api, run, say, explain, showAlert, clearAlert, saveToken, allowed, el, facts, table, dateTime, today, download,
    ApiError,
    /** console.js decides what a lost session does to the page. */
    onSessionEnded(handler) {
      sessionEndedHandler = handler;
    },
  };
})();
