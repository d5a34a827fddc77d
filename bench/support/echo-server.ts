/**
 * The ceiling for HTTP figures: a bare Express app that parses the same JSON body as the REST channel and answers at
 * once with a reply of the same shape. Issue 12's ceiling is Express as shipped (`app.listen`); with
 * `--as-the-assistant` it is served the way the assistant serves (`createHttpServer`: requests born with Express's
 * prototypes), printed beside it so the gain of that design is not counted twice. Run as its own process
 * (`node --import tsx bench/support/echo-server.ts [--as-the-assistant]`); it prints its port on stdout.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/http/app';

const app = express();
app.post('/webhooks/rest/webhook', express.json(), (req, res) => {
  const { sender, message } = req.body as { sender: string; message: string };
  res.json([{ recipient_id: sender, text: message }]);
});
const http = process.argv.includes('--as-the-assistant') ? createHttpServer(app) : undefined;
const onListening = () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
const server = http ? http.listen(0, '127.0.0.1', onListening) : app.listen(0, '127.0.0.1', onListening);
process.once('SIGTERM', () => server.close(() => process.exit(0)));
