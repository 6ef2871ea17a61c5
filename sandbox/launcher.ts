import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { connectRedis } from '../src/runtime/redis-connection.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { Bot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { SandboxActions } from './actions.js';
import { addCast, SANDBOX_ADMIN_ID } from './cast.js';
import { demoMarkerKey, fillDemoSchool } from './demo.js';
import { EmulatorStore } from './persistence.js';
import { sandboxRedis, type SandboxRedis } from './redis.js';
import { WorldViews } from './views.js';
import { SandboxWebServer } from './web-server.js';
import { DIALOGS } from '../scenes/index.js';

/** How the sandbox starts. */
export interface SandboxOptions {
  /** Port of the page (SANDBOX_PORT, 8080 by default; 0 for any free one). */
  port?: number;
  host?: string;
  /** Where the sandbox keeps its VK side and its own Redis's data (`.parta/`). */
  dataDir?: string;
  /** A Redis to use if it answers (REDIS_URL); otherwise the sandbox starts its own. */
  redisUrl?: string;
  /** Prefix of the bot's keys (REDIS_PREFIX; `parta-sandbox:` by default, so a shared Redis keeps real data apart). */
  prefix?: string;
  /** Fill a sample school in (`--demo`). */
  demo?: boolean;
  /** Start from empty: the VK side and the bot's records under the prefix are deleted (`--reset`). */
  reset?: boolean;
  /** Other settings of the bot (LOCALE, SCHOOL_TZ, MEETING_REMINDERS, LOG_LEVEL…); the VK ones are the sandbox's. */
  env?: Record<string, string | undefined>;
}

/** A running sandbox: the emulator, the bot wired to it, and the page. */
export interface Sandbox {
  url: string;
  port: number;
  emulator: Emulator;
  bot: Bot;
  redis: SandboxRedis;
  /** Whether the sample school is in. */
  demo: boolean;
  /** Stops the page, the bot, the emulator (saving its world) and the Redis the sandbox started. */
  close(): Promise<void>;
}

/** Settings the sandbox sets itself: those that wire the bot to the emulator, and the transport. */
const SANDBOX_OWNED = /^(VK_|WEBHOOK_|REDIS_)/u;

/** Deletes every key under `prefix` (SCAN, never KEYS). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * Starts the sandbox: a Redis (found or started), the VK API emulator with the cast (its world restored from
 * `<dataDir>/emulator.json`), the bot as `npm start` runs it but pointed at the emulator, and the page.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = resolve(options.dataDir ?? '.parta');
  mkdirSync(dataDir, { recursive: true });
  const prefix = options.prefix ?? 'parta-sandbox:';
  const redisHandle = await sandboxRedis({ url: options.redisUrl, dataDir });
  const cleanups: (() => Promise<void>)[] = [() => redisHandle.stop()];
  const undo = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const emulator = await startEmulator({ port: 0 });
    cleanups.push(() => emulator.close());
    const store = new EmulatorStore(join(dataDir, 'emulator.json'), emulator);
    const env = Object.fromEntries(Object.entries(options.env ?? {}).filter(([key, value]) => value !== undefined && !SANDBOX_OWNED.test(key))) as Record<string, string>;
    const config = loadConfig({
      LOG_LEVEL: 'warn',
      ...env,
      VK_TOKEN: emulator.token,
      VK_GROUP_ID: String(emulator.groupId),
      VK_API_URL: emulator.apiUrl,
      REDIS_URL: redisHandle.url,
      REDIS_PREFIX: prefix,
      ADMIN_VK_IDS: String(SANDBOX_ADMIN_ID),
    });
    const logger = createLogger(config.LOG_LEVEL);
    const redis = connectRedis(redisHandle.url, logger);
    cleanups.push(async () => void (await redis.quit().catch(() => redis.disconnect())));
    if (options.reset) {
      await deleteKeys(redis, prefix);
      store.forget();
    } else {
      store.load();
    }
    addCast(emulator);
    // The emulator's events start afresh: the long poll begins at its start, not where the last run stopped.
    await redis.del(`${prefix}longpoll:${emulator.groupId}:ts`);
    const bot = new Bot({ config, redis, logger, dialogs: DIALOGS });
    await bot.start();
    cleanups.push(async () => void (await bot.stop()));
    store.watch();
    cleanups.push(async () => store.close());
    let demo = (await redis.exists(demoMarkerKey(prefix))) === 1;
    if (options.demo && !demo) {
      await fillDemoSchool(bot.app, emulator);
      await redis.set(demoMarkerKey(prefix), String(Date.now()));
      demo = true;
    }
    const actions = new SandboxActions(emulator);
    const web = new SandboxWebServer({ emulator, views: new WorldViews(emulator, bot.app.services), actions, changed: () => store.changed(), demo: () => demo });
    const port = await web.listen(options.port ?? 8080, options.host);
    cleanups.push(() => web.close());
    let closing: Promise<void> | undefined;
    return {
      url: `http://${options.host ?? '127.0.0.1'}:${port}`,
      port,
      emulator,
      bot,
      redis: redisHandle,
      get demo() {
        return demo;
      },
      close: () => (closing ??= undo()),
    };
  } catch (error) {
    await undo();
    throw error;
  }
}
