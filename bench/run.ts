/**
 * Benchmarks (npm run bench): prints figures, asserts nothing.
 * 1. Pure functions on the hot path: command parsing and text splitting.
 * 2. The update gate alone (record + per-peer lease + done in Redis), without VK.
 * 3. The first day of school: 500 people write at once to a bot on the emulator, which enforces VK's
 *    20 requests a second per community token. Parta and a bare vk-io bot (parallel mode, answering
 *    every message with Parta's own answer) run one after the other in the same run, each in a
 *    process of its own (so CPU is the bot's alone), and the figures are printed side by side:
 *    replies a second, CPU per handled update, Redis commands per update, latency and memory.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { parseCommand } from '../src/features/shared/command-registry.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import type { StoredMessage } from '../emulator/state.js';
import { createLogger } from '../src/logger.js';
import { splitText } from '../src/vk/outbox.js';
import { splitMention } from '../src/vk/incoming.js';
import { PeerQueue } from '../src/runtime/peer-queue.js';
import { UpdateGate } from '../src/runtime/update-gate.js';
import type { BotReport } from './bots/report.js';
import { cleanup, REDIS_URL } from './redis-keys.js';
import { vkPeerOf } from '../src/vk/update-envelope.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500);
/** People who write before the first measured burst (the bot has just started). */
const WARMUP = 100;
/**
 * Updates handled before the second, steady-state burst: V8 compiles a bot's hot paths over its first
 * few thousand updates (Parta's are longer than the bare bot's), so a freshly started process pays more
 * per update than one that has run for a while. Both figures are printed; the target is for the warm one.
 */
const STEADY_AFTER = Number(process.env.BENCH_STEADY_AFTER ?? 2000);
/** Steady-state bursts measured; their median is printed. */
const STEADY_ROUNDS = 3;
/** One community token: 20 requests a second × 25 calls in one `execute`. */
const CEILING = 20 * 25;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** A bot's answer as sent: the bare bot sends Parta's own answer, so both put the same bytes on the wire. */
interface Reply {
  text: string;
  keyboard: string;
}

interface BurstFigures {
  reply?: Reply;
  repliesPerSecond: number;
  /** CPU per update in the first burst after start-up. */
  cpuMsCold: number;
  /** CPU per update in the same burst once the process has handled STEADY_AFTER updates (the median of the rounds). */
  cpuMsPerUpdate: number;
  /** Each steady round's CPU per update, in order. */
  cpuMsRounds: number[];
  redisPerUpdate: number;
  p50: number;
  p95: number;
  rss: number;
  /** Heap kept at the end (after a full collection): what stays of the updates handled. */
  heap: number;
}

/** A bot in a child process that answers `report` over IPC. */
class BotChild {
  private readonly child;
  private readonly ready: Promise<void>;

  constructor(script: string, env: Record<string, string>) {
    // BENCH_PROFILE=dir writes each bot's CPU profile of the measured burst there (see bots/report.ts).
    this.child = fork(new URL(script, import.meta.url).pathname, [], { execArgv: ['--import', 'tsx', '--expose-gc'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve) => this.child.once('message', () => resolve()));
  }

  started(): Promise<void> {
    return this.ready;
  }

  /** The bot's figures so far; `kept` collects garbage first (only once nothing more is measured). */
  report(kept = false): Promise<BotReport> {
    return new Promise((resolve) => {
      this.child.once('message', (message) => resolve(message as BotReport));
      this.child.send(kept ? 'report-kept' : 'report');
    });
  }

  /** Lets the bot exit (it exits when the IPC channel closes). */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }
}

/** `people` new people write `/help` at once; resolves with each one's latency once all are answered. */
async function burst(emulator: Emulator, firstId: number, people: number): Promise<{ seconds: number; latencies: number[]; reply?: Reply }> {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let reply: Reply | undefined;
  let off = () => {};
  const done = new Promise<void>((resolve) => {
    off = emulator.on('sent', (message: StoredMessage) => {
      const started = sentAt.get(message.peerId);
      if (started === undefined) return;
      reply ??= { text: message.text, keyboard: message.keyboard ? JSON.stringify(message.keyboard.raw) : '' };
      latencies.push(performance.now() - started);
      sentAt.delete(message.peerId);
      if (latencies.length === people) resolve();
    });
  });
  const start = performance.now();
  for (let i = 0; i < people; i++) {
    const id = firstId + i;
    emulator.addUser({ id, firstName: 'Тест', lastName: `Номер${i}` });
    sentAt.set(id, performance.now());
    emulator.userMessage(id, '/help');
  }
  await done;
  off();
  return { seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b), ...(reply ? { reply } : {}) };
}

/** Runs one bot through a warm-up and the measured burst on an emulator of its own. */
async function firstDay(script: string, redis: Redis, reply?: Reply): Promise<BurstFigures> {
  const emulator = await startEmulator({ longPollWaitMs: 25_000, rateLimitPerSecond: 20 });
  const prefix = `bench:${Date.now()}:`;
  const bot = new BotChild(script, {
    VK_TOKEN: emulator.token,
    VK_GROUP_ID: String(emulator.groupId),
    VK_API_URL: emulator.apiUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ADMIN_VK_IDS: '1',
    LOG_LEVEL: 'silent',
    BENCH_REPLY_TEXT: reply?.text ?? 'echo',
    BENCH_REPLY_KEYBOARD: reply?.keyboard ?? '',
  });
  try {
    await bot.started();
    await burst(emulator, 10_000, WARMUP);
    let before = await bot.report();
    const { seconds, latencies, reply: answer } = await burst(emulator, 100_000, PEOPLE);
    let after = await bot.report();
    const cpuMsCold = (after.cpuMicros - before.cpuMicros) / 1000 / PEOPLE;
    for (let done = 0; done < STEADY_AFTER; done += PEOPLE) await burst(emulator, 200_000 + done, PEOPLE);
    // The steady state is noisy on a shared machine: the median of three bursts.
    const steady: number[] = [];
    let redisCommands = 0;
    for (let round = 0; round < STEADY_ROUNDS; round++) {
      before = await bot.report();
      await burst(emulator, 300_000 + round * PEOPLE, PEOPLE);
      after = await bot.report();
      steady.push((after.cpuMicros - before.cpuMicros) / 1000 / PEOPLE);
      redisCommands += after.redisCommands - before.redisCommands;
    }
    return {
      ...(answer ? { reply: answer } : {}),
      repliesPerSecond: PEOPLE / seconds,
      cpuMsCold,
      cpuMsPerUpdate: percentile([...steady].sort((a, b) => a - b), 50),
      cpuMsRounds: steady,
      redisPerUpdate: redisCommands / PEOPLE / STEADY_ROUNDS,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      rss: after.rssBytes,
      heap: (await bot.report(true)).heapBytes,
    };
  } finally {
    await bot.stop();
    await emulator.close();
    await cleanup(redis, prefix);
  }
}

async function gateOnly(redis: Redis): Promise<void> {
  const prefix = `bench:${Date.now()}:`;
  const updates = 5000;
  let handled = 0;
  let finish!: () => void;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const queue = new PeerQueue(redis, prefix);
  const gate = new UpdateGate(redis, prefix, queue, async () => {
    if (++handled === updates) finish();
  }, createLogger('silent'), { peerOf: vkPeerOf });
  const start = performance.now();
  for (let i = 0; i < updates; i++) {
    void gate.accept({ type: 'message_new', event_id: `e${i}`, object: { message: { peer_id: 1 + (i % 100), from_id: 1 + (i % 100), text: 'x' } } });
  }
  await allDone;
  const seconds = (performance.now() - start) / 1000;
  console.log(`update gate: ${updates} updates over 100 peers (dedupe + inbox + per-peer lease in Redis): ${(updates / seconds).toFixed(0)} updates/s`);
  await queue.drain();
  await gate.shutdown();
  await cleanup(redis, prefix);
}

function pure(): void {
  const texts = ['/help', '[club1|@school] /помощь', '/classes 5А 5Б 6А', 'просто текст'];
  let start = performance.now();
  const rounds = 200_000;
  for (let i = 0; i < rounds; i++) parseCommand(splitMention(texts[i % texts.length]!, 1).text);
  console.log(`splitMention + parseCommand: ${((rounds / (performance.now() - start)) * 1000).toFixed(0)} calls/s`);
  const long = 'Строка текста для разбиения. '.repeat(1000);
  start = performance.now();
  for (let i = 0; i < 200; i++) splitText(long);
  console.log(`splitText of ${long.length} characters: ${((performance.now() - start) / 200).toFixed(2)} ms a call`);
}

const redis = new Redis(REDIS_URL);
pure();
await gateOnly(redis);
const parta = await firstDay('./bots/parta.ts', redis);
const bare = await firstDay('./bots/bare.ts', redis, parta.reply);
redis.disconnect();

const row = (name: string, b: string, p: string, ratio: string, target: string) => console.log(`  ${name.padEnd(26)}${b.padStart(12)}${p.padStart(12)}${ratio.padStart(10)}   ${target}`);
console.log(`\nfirst day of school: ${PEOPLE} people write /help at once; VK's limit 20 requests/s (the emulator enforces it); ceiling ${CEILING} replies/s`);
console.log(`(the bare bot answers each with Parta's own answer: ${parta.reply?.text.length ?? 0} characters and its keyboard)`);
row('', 'bare vk-io', 'Parta', 'ratio', 'target');
row('replies/s', bare.repliesPerSecond.toFixed(0), parta.repliesPerSecond.toFixed(0), (parta.repliesPerSecond / bare.repliesPerSecond).toFixed(2), `≥ ${0.8 * CEILING} (80% of the ceiling); Parta ${((100 * parta.repliesPerSecond) / CEILING).toFixed(0)}% of it`);
row('CPU ms per update', bare.cpuMsPerUpdate.toFixed(2), parta.cpuMsPerUpdate.toFixed(2), (parta.cpuMsPerUpdate / bare.cpuMsPerUpdate).toFixed(2), `≤ 2× the bare bot (median of ${STEADY_ROUNDS} bursts after ${STEADY_AFTER + WARMUP + PEOPLE} updates)`);
const rounds = (figures: BurstFigures) => figures.cpuMsRounds.map((ms) => ms.toFixed(2)).join(', ');
console.log(`    each steady burst: bare ${rounds(bare)}; Parta ${rounds(parta)}`);
row('  just after start-up', bare.cpuMsCold.toFixed(2), parta.cpuMsCold.toFixed(2), (parta.cpuMsCold / bare.cpuMsCold).toFixed(2), `the first ${PEOPLE} after ${WARMUP}`);
row('Redis commands per update', bare.redisPerUpdate.toFixed(1), parta.redisPerUpdate.toFixed(1), '', '≤ 6');
row('latency p50 ms', bare.p50.toFixed(0), parta.p50.toFixed(0), '', '');
row('latency p95 ms', bare.p95.toFixed(0), parta.p95.toFixed(0), '', '');
row('memory (rss)', mb(bare.rss), mb(parta.rss), '', '');
row(`heap kept after ${WARMUP + PEOPLE * (2 + STEADY_ROUNDS) + STEADY_AFTER}`, mb(bare.heap), mb(parta.heap), '', 'after a full GC, once all is measured');
process.exit(0);
