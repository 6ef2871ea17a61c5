/**
 * The baseline: a bare vk-io bot in parallel API mode (calls batched through `execute`), paced by
 * vk-io's own timer at the community token's 20 requests a second, answering every message with a
 * fixed text and keyboard (the benchmark passes Parta's own answer). No Redis, no sessions.
 */
import http from 'node:http';
import type https from 'node:https';
import { VK } from 'vk-io';
import { serveReports } from './report.js';

const reports = serveReports('bare', () => 0);
const vk = new VK({
  token: process.env.VK_TOKEN!,
  apiBaseUrl: process.env.VK_API_URL!,
  pollingGroupId: Number(process.env.VK_GROUP_ID),
  apiMode: 'parallel',
  apiLimit: 20,
  agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent,
});
const text = process.env.BENCH_REPLY_TEXT ?? 'echo';
const keyboard = process.env.BENCH_REPLY_KEYBOARD || undefined;
vk.updates.on('message_new', (context) => context.send(text, keyboard ? { keyboard } : {}));
await vk.updates.start();
reports.ready();
