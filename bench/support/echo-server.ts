/**
 * The ceiling for HTTP figures: a bare Express app that parses the same JSON body as the REST channel and answers at
 * once with a reply of the same shape, served the way the assistant serves (`createHttpServer`: requests born with
 * Express's prototypes), so the ceiling has what the assistant has. Run as its own process (`node --import tsx bench/support/echo-server.ts`); it
 * prints its port on stdout.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/http/app';

const app = express();
app.post('/webhooks/rest/webhook', express.json(), (req, res) => {
  const { sender, message } = req.body as { sender: string; message: string };
  res.json([{ recipient_id: sender, text: message }]);
});
const server = createHttpServer(app).listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
