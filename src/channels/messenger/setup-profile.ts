import path from 'node:path';
import type { Config } from '../../config';
import { loadTranslator } from '../../i18n/translator';
import { MessengerClient } from './messenger-client';
import { buildMessengerProfile } from './messenger-profile';

/**
 * Sets the Page's Get Started button, greeting and persistent menu (vi and en, from the locale files) through the
 * Messenger Profile API at MESSENGER_API_BASE. Prints what it set, or why not; answers the exit code.
 */
export async function setupMessengerProfile(config: Config, print: (line: string) => void, printError: (line: string) => void): Promise<number> {
  if (!config.MESSENGER_PAGE_ACCESS_TOKEN || !config.MESSENGER_APP_SECRET) {
    printError('MESSENGER_PAGE_ACCESS_TOKEN and MESSENGER_APP_SECRET must be set (see .env.example) to set up the Page.');
    return 2;
  }
  const profile = buildMessengerProfile(loadTranslator(path.join(config.contentDir, 'locales')));
  const client = new MessengerClient({ apiBase: config.MESSENGER_API_BASE, pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN, appSecret: config.MESSENGER_APP_SECRET });
  const result = await client.setProfile(profile);
  if (!result.ok) {
    printError(`Messenger refused the profile: ${result.failure} (${result.code}) ${result.detail ?? ''}`.trim());
    return 1;
  }
  print(`Messenger profile set through ${config.MESSENGER_API_BASE}:`);
  print(`  Get Started: payload ${profile.get_started.payload}`);
  for (const g of profile.greeting) print(`  greeting [${g.locale}]: ${g.text}`);
  for (const m of profile.persistent_menu) print(`  persistent menu [${m.locale}]: ${m.call_to_actions.map((a) => a.title).join(' | ')}`);
  return 0;
}
