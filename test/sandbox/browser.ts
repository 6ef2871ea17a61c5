import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../sandbox/launcher.js';
import { deleteByPrefix, TEST_REDIS_URL } from '../helpers/redis.js';

/** Debian's chromium (never a downloaded browser); CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the browser tests leave their screenshots (gitignored). */
export const ARTIFACTS = join(new URL('../..', import.meta.url).pathname, 'test-artifacts', 'sandbox');

/** How long the page may take to show what the bot did. */
const WAIT_MS = 10_000;

/** A phone-sized screen. */
export const PHONE = { width: 390, height: 844 };

/** A browser tab on the sandbox page, looking as one person. */
export class SandboxTab {
  constructor(readonly page: Page) {}

  /** The newest message of the open chat containing `text`, once it is there. */
  async expectMessage(text: string | RegExp): Promise<Locator> {
    const message = this.page.locator('#messages .msg', { hasText: text }).last();
    await message.waitFor({ timeout: WAIT_MS });
    return message;
  }

  /** Writes `text` in the open chat and sends it with Enter. */
  async say(text: string): Promise<void> {
    await this.page.locator('#text').fill(text);
    await this.page.locator('#text').press('Enter');
  }

  /** Presses the newest button labelled exactly `label` (an inline keyboard or the one under the input). */
  async press(label: string): Promise<void> {
    const button = this.page.locator('#messages .inline-kb button, #keyboard button').getByText(label, { exact: true }).last();
    await button.waitFor({ timeout: WAIT_MS });
    await button.click();
  }

  /** Opens the link «open as…» of the newest message containing `text`, as `name`. */
  async openLinkAs(text: string | RegExp, name: string): Promise<void> {
    const message = await this.expectMessage(text);
    await message.locator('.open-as').first().click();
    await this.page.locator('#open-as-people button', { hasText: name }).click();
  }

  /** Chooses a chat in the left list. */
  async openChat(title: string): Promise<void> {
    await this.page.locator('#chats button', { hasText: title }).click();
    await this.page.locator('#chat-title', { hasText: title }).waitFor({ timeout: WAIT_MS });
  }

  /** Saves a screenshot of the tab under test-artifacts/sandbox/. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

/** A sandbox (on the tests' Redis, under a prefix of its own, its VK side in a temporary folder) and a headless chromium. */
export class SandboxSession {
  private constructor(
    readonly sandbox: Sandbox,
    readonly browser: Browser,
    private readonly dataDir: string,
    readonly prefix: string,
  ) {}

  static async start(options: { demo?: boolean } = {}): Promise<SandboxSession> {
    const dataDir = mkdtempSync(join(tmpdir(), 'parta-sandbox-test-'));
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    const sandbox = await startSandbox({ port: 0, dataDir, redisUrl: TEST_REDIS_URL, prefix, demo: options.demo, env: { LOG_LEVEL: process.env.SANDBOX_TEST_LOG ?? 'silent', QUIET_HOURS: 'off' } });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true }).catch(async (error: unknown) => {
      await sandbox.close();
      throw error;
    });
    return new SandboxSession(sandbox, browser, dataDir, prefix);
  }

  /** The bot's services (to arrange a school the way the e2e tests do). */
  get services() {
    return this.sandbox.bot.app.services;
  }

  /** A new tab looking as `as` at `peer` (their private chat by default); phone-sized when asked. */
  async tab(as: number, options: { peer?: number; phone?: boolean } = {}): Promise<SandboxTab> {
    const page = await this.browser.newPage({ viewport: options.phone ? PHONE : { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${this.sandbox.url}/#as=${as}&peer=${options.peer ?? as}`);
    await page.locator(`#people button[data-person="${as}"][aria-current="true"], #people button[data-person="${as}"]`).first().waitFor({ timeout: WAIT_MS });
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    return new SandboxTab(page);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.sandbox.close();
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await deleteByPrefix(redis, this.prefix);
    redis.disconnect();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
