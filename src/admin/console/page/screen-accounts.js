// Tài khoản (admins): list staff accounts, change their roles, disable or enable them, reset a forgotten password,
// create new ones.
'use strict';

(() => {
  const { api, run, showAlert, el, table, dateTime, names, loaders, refreshers } = window.StaffConsole;

  async function loadAccounts() {
    const data = await api('GET', '/api/admin/accounts');
    const choice = document.getElementById('reset-form').elements.username;
    const chosen = choice.value;
    choice.replaceChildren(...data.accounts.map((a) => new Option(a.username, a.username)));
    if (chosen) choice.value = chosen;
    document.getElementById('accounts-result').replaceChildren(
      table(
        [
          { label: 'Tên đăng nhập', value: (a) => a.username },
          { label: 'Vai trò', value: roleChoices },
          { label: 'Trạng thái', value: (a) => el('span', a.disabled ? 'badge badge--off' : 'badge', a.disabled ? 'Đã khóa' : 'Đang dùng') },
          { label: 'Tạo lúc', value: (a) => dateTime(a.createdAt) },
          { label: 'Thao tác', value: accountActions },
        ],
        data.accounts,
      ),
    );
  }

  function roleChoices(account) {
    const group = el('div', 'roles roles--row');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', `Vai trò của ${account.username}`);
    for (const [role, name] of Object.entries(names.role)) {
      const label = el('label', 'check');
      const box = el('input');
      box.type = 'checkbox';
      box.value = role;
      box.checked = account.roles.includes(role);
      label.append(box, ` ${name}`);
      group.append(label);
    }
    return group;
  }

  function accountActions(account) {
    const actions = el('div', 'actions');
    const save = el('button', 'button button--small', 'Lưu vai trò');
    save.type = 'button';
    save.setAttribute('aria-label', `Lưu vai trò của ${account.username}`);
    save.addEventListener('click', () => {
      const roles = Array.from(save.closest('tr').querySelectorAll('input[type="checkbox"]:checked'), (box) => box.value);
      change(save, account.username, { roles }, `Đã lưu vai trò của ${account.username}.`);
    });
    const verb = account.disabled ? 'Mở khóa' : 'Khóa';
    const toggle = el('button', 'button button--small button--secondary', verb);
    toggle.type = 'button';
    toggle.setAttribute('aria-label', `${verb} tài khoản ${account.username}`);
    toggle.addEventListener('click', () => {
      change(toggle, account.username, { disabled: !account.disabled }, `Đã ${verb.toLowerCase()} ${account.username}.`);
    });
    actions.append(save, toggle);
    return actions;
  }

  function change(button, username, patch, done) {
    run(button, [`Sửa tài khoản ${username}`, 'changeAccount'], async () => {
      await api('PATCH', `/api/admin/accounts/${encodeURIComponent(username)}`, { json: patch });
      await loadAccounts();
      showAlert('ok', done);
    });
  }

  document.getElementById('account-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    run(form.querySelector('button[type="submit"]'), ['Tạo tài khoản', 'createAccount'], async () => {
      // No role chosen is sent as is: the server's message names the field.
      const roles = Array.from(form.querySelectorAll('input[name="roles"]:checked'), (box) => box.value);
      const account = await api('POST', '/api/admin/accounts', {
        json: { username: form.username.value.trim(), password: form.password.value, roles },
      });
      form.reset();
      await loadAccounts();
      showAlert('ok', `Đã tạo tài khoản ${account.username}.`);
    });
  });

  document.getElementById('reset-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const username = form.username.value;
    run(form.querySelector('button[type="submit"]'), [`Đặt lại mật khẩu của ${username}`, 'changeAccount'], async () => {
      await api('PATCH', `/api/admin/accounts/${encodeURIComponent(username)}`, { json: { password: form.password.value } });
      form.password.value = '';
      showAlert('ok', `Đã đặt lại mật khẩu của ${username}. Mọi phiên đăng nhập của tài khoản này đã kết thúc; hãy báo mật khẩu mới cho người đó trực tiếp.`);
    });
  });

  loaders.accounts = loadAccounts;
  refreshers.accounts = loadAccounts;
})();
