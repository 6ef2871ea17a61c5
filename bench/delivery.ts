/**
 * The delivery benchmark (npm run bench:delivery): prints figures, asserts nothing. A post's private
 * copies to a school of 3,000 people go through the delivery engine (src/runtime/delivery.ts) of a bot
 * on the emulator, which enforces VK's 20 requests a second per community token; then the same text
 * goes one message per person, as a bot without `peer_ids` would send it. Printed for each: the API
 * requests made (HTTP) and the messages.send calls in them, the time from the first send to the last on
 * the emulator's clock (VK's time), and the copies each person got.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { startEmulator, type CallRecord, type Emulator } from '../emulator/index.js';
import { Bot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { cleanup, REDIS_URL } from './redis-keys.js';
import { DIALOGS } from '../scenes/index.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 3000);
const AUTHOR = 1;
const FIRST_ID = 100_000;

interface Figures {
  requests: number;
  /** API method calls, those inside an execute counted one by one. */
  calls: number;
  sends: number;
  vkSeconds: number;
  wallSeconds: number;
  minCopies: number;
  maxCopies: number;
}

/** What one way of sending cost: the emulator's records between two moments, and the copies each person got. */
function measure(emulator: Emulator, from: number, text: string, ids: readonly number[], wallSeconds: number): Figures {
  const calls: CallRecord[] = emulator.calls.slice(from);
  const sends = calls.filter((c) => c.method === 'messages.send' && (c.params.message ?? '') === text);
  const times = sends.map((c) => c.at);
  const copies = ids.map((id) => emulator.sentTo(id).filter((m) => m.text === text).length);
  return {
    requests: calls.filter((c) => !c.viaExecute).length,
    calls: calls.filter((c) => c.method !== 'execute').length,
    sends: sends.length,
    vkSeconds: times.length > 0 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0,
    wallSeconds,
    minCopies: Math.min(...copies),
    maxCopies: Math.max(...copies),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ longPollWaitMs: 25_000, rateLimitPerSecond: 20 });
  const redis = new Redis(REDIS_URL);
  const prefix = `bench:delivery:${Date.now()}:`;
  const config = loadConfig({
    VK_TOKEN: emulator.token,
    VK_GROUP_ID: String(emulator.groupId),
    VK_API_URL: emulator.apiUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ADMIN_VK_IDS: String(AUTHOR),
    QUIET_HOURS: 'off',
    LOG_LEVEL: 'silent',
  });
  const bot = new Bot({ config, redis, logger: createLogger('silent'), dialogs: DIALOGS });
  try {
    await bot.start();
    emulator.addUser({ id: AUTHOR, firstName: 'Мария', lastName: 'Иванова', allowsMessages: true });
    const ids = Array.from({ length: PEOPLE }, (_, i) => FIRST_ID + i);
    for (const id of ids) emulator.addUser({ id, firstName: 'Ученик', lastName: `Номер${id}`, allowsMessages: true });
    // Let the start-up calls (long poll server, bootstrap) pass before measuring.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const batched = 'Завтра, 1 сентября, торжественная линейка в 9:00 во дворе школы.';
    let from = emulator.calls.length;
    let started = performance.now();
    const result = await bot.app.deliveries.deliver({ message: { text: batched }, recipients: ids.map((chat) => ({ chat, quiet: true })), author: { chat: AUTHOR, locale: 'ru' } }, `bench:${prefix}`);
    const engine = measure(emulator, from, batched, ids, (performance.now() - started) / 1000);
    const progress = emulator.sentTo(AUTHOR).filter((m) => m.text.startsWith('Отправлено')).length;

    const single = 'Завтра, 1 сентября, торжественная линейка в 9:00 во дворе школы (по одному).';
    from = emulator.calls.length;
    started = performance.now();
    await Promise.all(ids.map((id) => bot.app.messenger.send(id, { text: single }, `bench:one:${prefix}:${id}`)));
    const one = measure(emulator, from, single, ids, (performance.now() - started) / 1000);

    const row = (name: string, f: Figures) =>
      `${name.padEnd(24)} ${String(f.requests).padStart(8)} ${String(f.calls).padStart(9)} ${String(f.sends).padStart(14)} ${f.vkSeconds.toFixed(2).padStart(10)} s ${f.wallSeconds.toFixed(2).padStart(10)} s ${`${f.minCopies}/${f.maxCopies}`.padStart(12)}`;
    console.log(`\nA post's private copies to ${PEOPLE} people, emulator at 20 requests/s`);
    console.log(`${''.padEnd(24)} ${'requests'.padStart(8)} ${'API calls'.padStart(9)} ${'messages.send'.padStart(14)} ${'VK time'.padStart(12)} ${'wall time'.padStart(12)} ${'copies min/max'.padStart(12)}`);
    console.log(row('delivery engine', engine));
    console.log(row('one message a person', one));
    console.log(`\ndelivered ${result.delivered} of ${result.total}; the author's progress messages: ${progress} (edited in place)`);
    console.log('requests: HTTP requests to the API (an execute of up to 25 calls is one); API calls: every method called, inside an execute too');
    console.log("(the engine's include the author's progress message and its edits); messages.send: the sends of the text itself.");
  } finally {
    await bot.stop(2000);
    await emulator.close();
    await cleanup(redis, prefix);
    redis.disconnect();
  }
}

await main();
