/**
 * A stand-in for the Zalo OA and Graph APIs that answers every call after the delay in ms given as its argument (one answer both senders
 * accept: Zalo reads error/data, the Graph API message_id). Run as its own process, so the thousand calls it holds
 * open do not share the load generator's event loop; it prints its port on stdout. `GET /answered`: how many so far.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const delayMs = Number(process.argv[2]);
let answered = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/answered') return void res.end(String(answered));
  req.resume();
  req.on('end', () =>
    setTimeout(() => {
      answered++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 0, message: 'Success', data: { message_id: `m${answered}` }, recipient_id: 'r', message_id: `m${answered}` }));
    }, delayMs),
  );
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => process.exit(0));
