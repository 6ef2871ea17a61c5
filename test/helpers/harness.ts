import { Bot, type BotOptions } from '../../src/bot.js';
import { loadConfig, type Config } from '../../src/config.js';
import { Driver, startEmulator, type Emulator, type EmulatorOptions, type IdleOptions } from '../../emulator/index.js';
import { createLogger } from '../../src/logger.js';
import { openTestRedis, TEST_CLUSTER_ENV, TEST_REDIS_URL, type TestRedis } from './redis.js';
import { vk } from './people.js';
import { DIALOGS } from '../../scenes/index.js';

/** The bootstrap admin of every harness (in ADMIN_VK_IDS). */
export const ADMIN_ID = 100;
/** The bootstrap admin as the school's records name them. */
export const ADMIN = vk(ADMIN_ID);

export interface HarnessOptions {
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  bot?: Partial<Omit<BotOptions, 'config' | 'redis'>>;
}

/**
 * A whole system for an end-to-end test: the VK emulator, a real Redis (or the tests' Redis Cluster, see TEST_CLUSTER_ENV) under a fresh prefix,
 * an unmodified vk-io bot talking HTTP to the emulator, and a driver to talk to it as people do.
 */
export class Harness {
  bot!: Bot;
  driver!: Driver;

  private constructor(
    readonly emulator: Emulator,
    readonly db: TestRedis,
    readonly config: Config,
    private readonly options: HarnessOptions,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const emulator = await startEmulator({ longPollWaitMs: 300, callbackRetryDelayMs: 50, ...options.emulator });
    const db = await openTestRedis();
    const config = loadConfig({
      VK_TOKEN: emulator.token,
      VK_GROUP_ID: String(emulator.groupId),
      VK_API_URL: emulator.apiUrl,
      REDIS_URL: TEST_REDIS_URL,
      // On the tests' Redis Cluster when test/cluster/ set one (openTestRedis then connects there too).
      REDIS_CLUSTER_NODES: process.env[TEST_CLUSTER_ENV] ?? '',
      REDIS_PREFIX: db.prefix,
      ADMIN_VK_IDS: String(ADMIN_ID),
      LOG_LEVEL: 'silent',
      SHUTDOWN_TIMEOUT_MS: '3000',
      // Tests run at any hour of the day: quiet hours only where a test sets them (and its clock).
      QUIET_HOURS: 'off',
      ...options.env,
    });
    const harness = new Harness(emulator, db, config, options);
    harness.driver = new Driver(emulator, { botInFlight: () => harness.bot.inFlight() });
    await harness.startBot();
    return harness;
  }

  /** Starts a bot process (a new one after `stopBot`, as after a restart). */
  async startBot(): Promise<Bot> {
    this.bot = new Bot({
      config: this.config,
      dialogs: DIALOGS,
      redis: this.db.redis,
      logger: createLogger('silent'),
      vkTimeouts: { apiTimeout: 3000, apiWait: 50, pollingWait: 50 },
      ...this.options.bot,
    });
    await this.bot.start();
    return this.bot;
  }

  /**
   * Resolves when nothing is left to happen: the bot took every event, the emulator answers no request and the bot has
   * no update in flight (see Driver.idle). Await it before asserting that something did not happen.
   */
  idle(options: IdleOptions = {}): Promise<void> {
    return this.driver.idle(options);
  }

  /** Stops the bot as SIGTERM does. */
  async stopBot(): Promise<boolean> {
    return this.bot.stop();
  }

  /** The bootstrap admin as a person talking to the bot. */
  admin(firstName = 'Мария', lastName = 'Иванова') {
    return this.driver.user({ id: ADMIN_ID, firstName, lastName });
  }

  async close(): Promise<void> {
    await this.bot.stop(1000).catch(() => undefined);
    await this.emulator.close();
    await this.db.cleanup();
  }
}
