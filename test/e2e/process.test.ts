import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Driver, startEmulator, type Emulator } from '../../emulator/index.js';
import { until } from '../emulator/helpers.js';
import { botProcessEnv, startBotProcess } from '../helpers/bot-process.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

describe('the bot process', () => {
  let emulator: Emulator;
  let db: TestRedis;
  beforeEach(async () => {
    emulator = await startEmulator({ longPollWaitMs: 300 });
    db = await openTestRedis();
  });
  afterEach(async () => {
    await emulator.close();
    await db.cleanup();
  });

  /** The environment of a bot talking to this test's emulator and Redis, with admin 100. */
  const botEnv = () => botProcessEnv(emulator, db.prefix);

  it('without VK_TOKEN it says in one line what is missing and exits 1', async () => {
    const run = startBotProcess({ VK_GROUP_ID: '1' });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Parta cannot start: VK_TOKEN: is missing/);
  });

  it('answers /start from a bootstrap admin, and on SIGTERM finishes the update in flight and exits 0', async () => {
    const run = startBotProcess({ ...botEnv(), LOG_LEVEL: 'debug' });
    const driver = new Driver(emulator, { timeoutMs: 15_000 });
    const admin = driver.user({ id: 100, firstName: 'Мария', lastName: 'Иванова' });
    await expect.poll(() => run.output(), { timeout: 15_000 }).toContain('long poll started');
    await admin.say('/start');
    await admin.expect('Полное наименование');
    await admin.say('Школа Тайнозвучащая 12345');
    await admin.expect('Краткое наименование');
    // Logs carry ids only: neither the person's name nor what they typed.
    expect(run.output()).toContain('"from":"100"');
    expect(run.output()).not.toContain('Иванова');
    expect(run.output()).not.toContain('Тайнозвучащая');

    // The answer to /help is held by VK for 800 ms; SIGTERM arrives once it is surely in flight, however slow the machine.
    emulator.faults.delayNext('messages.send', 800);
    await admin.say('/help');
    await until(() => emulator.faults.pendingDelays('messages.send') === 0, 15_000);
    const killedAt = Date.now();
    const exitedAt = run.exited.then(() => Date.now());
    run.child.kill('SIGTERM');
    await admin.expect('Что вы можете сделать');
    const answeredAt = Date.now();
    expect(await run.exited).toBe(0);
    expect(answeredAt - killedAt).toBeGreaterThan(300);
    // The process lived until its answer was through, not just until the signal.
    expect(await exitedAt).toBeGreaterThanOrEqual(answeredAt);
    expect(run.output()).toContain('"msg":"stopped"');
  }, 30_000);

  it('stops cleanly on SIGINT (Ctrl+C) too', async () => {
    const run = startBotProcess(botEnv());
    const admin = new Driver(emulator, { timeoutMs: 15_000 }).user({ id: 100, firstName: 'Мария', lastName: 'Иванова' });
    await expect.poll(() => run.output(), { timeout: 15_000 }).toContain('long poll started');
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"signal":"SIGINT"');
  }, 30_000);
});
