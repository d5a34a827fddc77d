/** `npm run setup:messenger`: Get Started, greeting and persistent menu on the Page, in vi and en. */
import { ConfigError, loadConfig, loadDotEnv } from '../../../config';
import { setupMessengerProfile } from '../setup-profile';

async function main(): Promise<number> {
  loadDotEnv();
  try {
    return await setupMessengerProfile(loadConfig(), console.log, console.error);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

void main().then((code) => (process.exitCode = code));
