// Staff console shell: sign in and out, which screens the user's roles allow, switching screens. Loaded last,
// after console-kit.js and the screen-*.js files, which register their loaders on window.StaffConsole.
'use strict';

(() => {
  const kit = window.StaffConsole;
  const { api, run, showAlert, clearAlert, session } = kit;
  const $ = (id) => document.getElementById(id);
  const tabs = Array.from(document.querySelectorAll('#tabs .tab'));

  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    run(form.querySelector('button'), ['Đăng nhập không thành công', 'login'], async () => {
      const data = await api('POST', '/api/admin/login', { json: { username: form.username.value.trim(), password: form.password.value } });
      kit.saveToken(data.token);
      form.reset();
      await start();
    });
  });

  $('signout').addEventListener('click', () => {
    run($('signout'), 'Đăng xuất', async () => {
      try {
        await api('POST', '/api/admin/logout');
      } catch {
        // Already ended or unreachable: either way this browser forgets the token below.
      }
      endSession();
      showAlert('ok', 'Đã đăng xuất.');
    });
  });

  for (const tab of tabs) tab.addEventListener('click', () => showScreen(tab.dataset.screen));

  // Any signed-in user changes their own password; every session ends and this tab carries on with the fresh token.
  $('own-password').addEventListener('click', () => showScreen('password'));
  $('own-password-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    run(form.querySelector('button'), 'Chưa đổi được mật khẩu', async () => {
      const data = await api('PUT', '/api/admin/me/password', {
        json: { currentPassword: form.currentPassword.value, newPassword: form.newPassword.value },
      });
      kit.saveToken(data.token);
      form.reset();
      showAlert('ok', 'Đã đổi mật khẩu. Các phiên đăng nhập khác của anh/chị (máy khác, trình duyệt khác) đã kết thúc.');
    });
  });

  for (const button of document.querySelectorAll('[data-refresh]')) {
    button.addEventListener('click', () => run(button, 'Không tải được dữ liệu', kit.refreshers[button.dataset.refresh]));
  }

  kit.onSessionEnded((message) => {
    endSession();
    showAlert('error', message);
  });

  /** After sign-in (or a reload with a saved token): who am I, which screens may I see. */
  async function start() {
    session.me = await api('GET', '/api/admin/me');
    const { username, roles } = session.me;
    $('who-name').textContent = `${username} · ${roles.map((role) => kit.names.role[role] || role).join(', ')}`;
    $('who').hidden = false;
    $('signin').hidden = true;
    $('tabs').hidden = false;
    // The server checks every call again; hiding only spares staff the buttons that would answer 403.
    for (const element of document.querySelectorAll('[data-roles]')) element.hidden = !kit.allowed(element.dataset.roles);
    const first = tabs.find((tab) => !tab.hidden);
    if (first) showScreen(first.dataset.screen);
  }

  function showScreen(name) {
    for (const tab of tabs) {
      if (tab.dataset.screen === name) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const screen of document.querySelectorAll('.screen')) screen.hidden = screen.id !== `screen-${name}`;
    const load = kit.loaders[name];
    if (load) run(null, 'Không tải được dữ liệu', load);
  }

  /** Back to the sign-in form, with nothing of the previous user left on the page. */
  function endSession() {
    kit.saveToken(null);
    session.me = null;
    for (const output of document.querySelectorAll('[data-output]')) output.replaceChildren();
    for (const form of document.querySelectorAll('form')) form.reset();
    for (const screen of document.querySelectorAll('.screen')) screen.hidden = true;
    $('tabs').hidden = true;
    $('who').hidden = true;
    $('signin').hidden = false;
    clearAlert();
    $('signin-form').username.focus();
  }

  if (session.token) run(null, 'Không mở được phiên làm việc', start);
  else endSession();
})();
