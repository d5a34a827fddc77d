import assert from 'node:assert/strict';
import { setupMessengerProfile } from '../../../src/channels/messenger/setup-profile';
import { loadConfig } from '../../../src/config';
import { parsePayload } from '../../../src/understanding/payload';
import { en, vi } from '../../support/locale';
import { fakeGraph, isolateNetwork, messengerEnv, PAGE_TOKEN } from '../../support/messenger';

const menu = (t: typeof vi) => [
  { type: 'postback', title: t('messenger.menu.procedures'), payload: '/help' },
  { type: 'postback', title: t('menu.items.dossier'), payload: '/dossier_status' },
  { type: 'postback', title: t('menu.items.office'), payload: '/office_location' },
  { type: 'postback', title: t('menu.items.human'), payload: '/human_agent' },
  { type: 'postback', title: t('language.vi'), payload: '/change_language{"language":"vi"}' },
  { type: 'postback', title: t('language.en'), payload: '/change_language{"language":"en"}' },
];

describe('npm run setup:messenger', () => {
  isolateNetwork();
  const run = async (env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await setupMessengerProfile(loadConfig(env), (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  };

  it('sets Get Started, the greeting and the persistent menu in Vietnamese and English, and says so', async () => {
    const graph = fakeGraph(() => [200, { result: 'success' }]);
    const { code, out, err } = await run(messengerEnv);
    assert.equal(code, 0, err.join('\n'));
    assert.equal(graph.calls.length, 1);
    const [call] = graph.calls;
    assert.equal(call.path, '/me/messenger_profile');
    assert.equal(call.query.get('access_token'), PAGE_TOKEN);
    assert.deepEqual(call.body, {
      get_started: { payload: 'GET_STARTED' },
      greeting: [
        { locale: 'default', text: vi('messenger.greeting') },
        { locale: 'en_US', text: en('messenger.greeting') },
      ],
      persistent_menu: [
        { locale: 'default', composer_input_disabled: false, call_to_actions: menu(vi) },
        { locale: 'en_US', composer_input_disabled: false, call_to_actions: menu(en) },
      ],
    });
    assert.ok(out.some((l) => l.includes('GET_STARTED')));
    assert.ok(out.some((l) => l.includes(vi('messenger.greeting'))));
    assert.ok(out.some((l) => l.includes(menu(en).map((m) => m.title).join(' | '))));
  });

  it('fits Meta\'s limits without cutting anything, and every menu item is a tap the bot understands', () => {
    for (const t of [vi, en]) {
      assert.ok(t('messenger.greeting').length <= 160, 'greeting ≤ 160 characters');
      for (const item of menu(t)) {
        assert.ok(item.title.length <= 30, `menu title ≤ 30: ${item.title}`);
        assert.notEqual(parsePayload(item.payload)?.intent.name ?? 'out_of_scope', 'out_of_scope', item.payload);
      }
    }
  });

  it('prints Meta\'s refusal and exits 1', async () => {
    fakeGraph(() => [400, { error: { message: '(#100) Invalid locale', code: 100 } }]);
    const { code, out, err } = await run(messengerEnv);
    assert.equal(code, 1);
    assert.deepEqual(out, []);
    assert.match(err.join('\n'), /rejected \(100\) \(#100\) Invalid locale/);
  });

  it('says which variables are missing and calls nobody', async () => {
    const graph = fakeGraph();
    const { code, err } = await run({ MESSENGER_API_BASE: messengerEnv.MESSENGER_API_BASE });
    assert.equal(code, 2);
    assert.match(err.join('\n'), /MESSENGER_PAGE_ACCESS_TOKEN/);
    assert.deepEqual(graph.calls, []);
  });
});
