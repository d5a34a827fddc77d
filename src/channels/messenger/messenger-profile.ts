import type { TFunction } from 'i18next';
import { payload } from '../../bot/reply';
import { locales, type Translator } from '../../i18n/translator';
import { fitText } from '../outbound/fit-text';
import type { MessengerProfile, PostbackButton } from './messenger-client';
import { GET_STARTED_PAYLOAD } from './messenger-events';

/** Meta's limits: a greeting of 160 characters, menu titles of 30. */
const MAX_GREETING = 160;
const MAX_MENU_TITLE = 30;

/** Facebook locale of each of our languages; Vietnamese is the `default` every other locale sees. */
const facebookLocales = { vi: 'default', en: 'en_US' } as const;

/** Get Started, the welcome-screen greeting and the persistent menu, in Vietnamese and English, from the locale files. */
export function buildMessengerProfile(translator: Translator): MessengerProfile {
  const per = locales.map((locale) => ({ locale: facebookLocales[locale], t: translator.forLocale(locale) }));
  return {
    get_started: { payload: GET_STARTED_PAYLOAD },
    greeting: per.map(({ locale, t }) => ({ locale, text: fitText(t('messenger.greeting'), MAX_GREETING) })),
    persistent_menu: per.map(({ locale, t }) => ({ locale, composer_input_disabled: false, call_to_actions: menu(t) })),
  };
}

/** The menu: the main topics, a human officer, and both languages (each named in itself). */
function menu(t: TFunction): PostbackButton[] {
  const items: [string, string][] = [
    [t('messenger.menu.procedures'), payload('help')],
    [t('menu.items.dossier'), payload('dossier_status')],
    [t('menu.items.office'), payload('office_location')],
    [t('menu.items.human'), payload('human_agent')],
    ...locales.map((l): [string, string] => [t(`language.${l}`), payload('change_language', { language: l })]),
  ];
  return items.map(([title, tapped]) => ({ type: 'postback', title: fitText(title, MAX_MENU_TITLE), payload: tapped }));
}
