/**
 * Benchmarks (npm run bench): prints figures, asserts nothing.
 * 1. End to end: N people write /help at once to a bot on the emulator and a real Redis; time to
 *    the last answer, answers per second, latency percentiles, and memory of the bot process.
 * 2. The update gate alone (record + per-peer queue in Redis), without VK.
 * 3. Pure functions on the hot path: command parsing and text splitting.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { Bot } from '../src/bot.js';
import { parseCommand } from '../src/commands/registry.js';
import { loadConfig } from '../src/config.js';
import { startEmulator } from '../src/emulator/index.js';
import { createLogger } from '../src/logger.js';
import { splitText } from '../src/outbox.js';
import { PeerQueue } from '../src/peer-queue.js';
import { UpdateGate } from '../src/update-gate.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200);

async function cleanup(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function endToEnd(): Promise<void> {
  const emulator = await startEmulator({ longPollWaitMs: 200, rateLimitPerSecond: 20 });
  const redis = new Redis(REDIS_URL);
  const prefix = `bench:${Date.now()}:`;
  const config = loadConfig({ VK_TOKEN: emulator.token, VK_GROUP_ID: String(emulator.groupId), VK_API_URL: emulator.apiUrl, REDIS_PREFIX: prefix, ADMIN_VK_IDS: '1' });
  const bot = new Bot({ config, redis, logger: createLogger('silent') });
  await bot.start();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const done = new Promise<void>((resolve) => {
    emulator.on('sent', (message: { peerId: number }) => {
      const started = sentAt.get(message.peerId);
      if (started === undefined) return;
      latencies.push(performance.now() - started);
      sentAt.delete(message.peerId);
      if (latencies.length === PEOPLE) resolve();
    });
  });
  const start = performance.now();
  for (let i = 0; i < PEOPLE; i++) {
    const id = 10_000 + i;
    emulator.addUser({ id, firstName: 'Тест', lastName: `Номер${i}` });
    sentAt.set(id, performance.now());
    emulator.userMessage(id, '/help');
  }
  await done;
  const seconds = (performance.now() - start) / 1000;
  const heapAfter = process.memoryUsage().heapUsed;
  latencies.sort((a, b) => a - b);
  console.log(`end to end: ${PEOPLE} people wrote /help at once (VK limit 20 requests/s, emulator enforcing it)`);
  console.log(`  all answered in ${seconds.toFixed(2)} s = ${(PEOPLE / seconds).toFixed(1)} answers/s`);
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms`);
  console.log(`  heap used ${mb(heapBefore)} → ${mb(heapAfter)}; rss ${mb(process.memoryUsage().rss)} (bot and emulator in one process)`);
  await bot.stop(2000);
  await emulator.close();
  await cleanup(redis, prefix);
  redis.disconnect();
}

async function gateOnly(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const prefix = `bench:${Date.now()}:`;
  const updates = 5000;
  let handled = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const queue = new PeerQueue(redis, prefix);
  const gate = new UpdateGate(redis, prefix, queue, async () => {
    if (++handled === updates) finish();
  }, createLogger('silent'));
  const start = performance.now();
  for (let i = 0; i < updates; i++) {
    void gate.accept({ type: 'message_new', event_id: `e${i}`, object: { message: { peer_id: 1 + (i % 100), from_id: 1 + (i % 100), text: 'x' } } });
  }
  await allDone;
  const seconds = (performance.now() - start) / 1000;
  console.log(`update gate: ${updates} updates over 100 peers (dedupe + inbox + per-peer lease in Redis): ${(updates / seconds).toFixed(0)} updates/s`);
  await queue.drain();
  await cleanup(redis, prefix);
  redis.disconnect();
}

function pure(): void {
  const texts = ['/help', '[club1|@school] /помощь', '/classes 5А 5Б 6А', 'просто текст'];
  let start = performance.now();
  const rounds = 200_000;
  for (let i = 0; i < rounds; i++) parseCommand(texts[i % texts.length], 1);
  console.log(`parseCommand: ${((rounds / (performance.now() - start)) * 1000).toFixed(0)} calls/s`);
  const long = 'Строка текста для разбиения. '.repeat(1000);
  start = performance.now();
  for (let i = 0; i < 200; i++) splitText(long);
  console.log(`splitText of ${long.length} characters: ${((performance.now() - start) / 200).toFixed(2)} ms a call`);
}

pure();
await gateOnly();
await endToEnd();
process.exit(0);
