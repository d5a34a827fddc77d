/** `npm run setup:messenger`: Get Started, greeting and persistent menu on the Page, in vi and en. */
import { loadConfigOrReport } from '../../../config';
import { setupMessengerProfile } from '../setup-profile';

async function main(): Promise<number> {
  const config = loadConfigOrReport();
  return config ? setupMessengerProfile(config, console.log, console.error) : 2;
}

void main().then((code) => (process.exitCode = code));
