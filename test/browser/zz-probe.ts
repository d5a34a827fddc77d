import { startAssistant } from '../support/server';
import { execSync } from 'node:child_process';
(async () => {
  const s = await startAssistant();
  const page = await fetch(s.url + '/');
  console.log(execSync(`curl -s -o /dev/null -w '%{http_code}\\n' -H 'If-None-Match: ${page.headers.get('etag')}' ${s.url}/`).toString());
  await s.close();
})();
