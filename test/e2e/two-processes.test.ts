import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { botProcessEnv, startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';

/**
 * Two bot processes share one community token: VK allows the token 20 requests a second in all,
 * so the processes take their turns from one rate limiter in Redis, and VK never has to refuse one.
 */
describe('two bot processes on one token (F28)', () => {
  let emulator: Emulator;
  let db: TestRedis;
  const running: BotProcess[] = [];
  beforeEach(async () => {
    db = await openTestRedis();
  });
  afterEach(async () => {
    for (const run of running.splice(0)) run.child.kill('SIGKILL');
    await emulator?.close();
    await db.cleanup();
  });

  function startBot(perSecond: number): BotProcess {
    const run = startBotProcess(botProcessEnv(emulator, db.prefix, { VK_API_LIMIT: String(perSecond), LOG_LEVEL: 'debug' }));
    running.push(run);
    return run;
  }

  /** The most API requests (refused ones included) the emulator received within one second. */
  function busiestSecond(): number {
    const times = emulator.calls.filter((call) => !call.viaExecute).map((call) => call.at).sort((a, b) => a - b);
    let most = 0;
    for (let first = 0, last = 0; last < times.length; last++) {
      while (times[last]! - times[first]! >= 1000) first++;
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /**
   * People write (at once, or one every `everyMs`) to two processes sharing a token VK allows
   * `perSecond` requests a second.
   */
  async function burstOnTwoProcesses(perSecond: number, options: { people: number; everyMs: number }): Promise<void> {
    emulator = await startEmulator({ longPollWaitMs: 300, rateLimitPerSecond: perSecond });
    const bots = [startBot(perSecond), startBot(perSecond)];
    for (const bot of bots) await expect.poll(() => bot.output(), { timeout: 20_000 }).toContain('long poll started');
    const people = Array.from({ length: options.people }, (_, i) => 30_000 + i);
    for (const id of people) emulator.addUser({ id, firstName: 'Ученик', lastName: `Номер${id}` });
    for (const id of people) {
      emulator.userMessage(id, '/помощь');
      if (options.everyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.everyMs));
    }

    for (const id of people) await expect.poll(() => emulator.sentTo(id).length, { timeout: 60_000, interval: 100 }).toBe(1);
    await expect.poll(() => db.redis.hlen(`${runtimeBase(db.prefix, 'main')}inbox`), { timeout: 10_000, interval: 100 }).toBe(0);
    for (const id of people) expect(emulator.sentTo(id)).toHaveLength(1);

    // VK (the emulator) counted every request of the token over a sliding second. The emulator runs in
    // this busy test process and now and then stamps a request late, which can make one refusal out of
    // the spaced requests (vk-io retries it); without the shared limiter there are about eight here.
    expect(emulator.calls.filter((call) => call.error?.code === 6).length).toBeLessThanOrEqual(1);
    expect(busiestSecond()).toBeLessThanOrEqual(perSecond + 1);
    // Both processes did part of the work, and neither logged a refused VK call.
    for (const bot of bots) {
      expect(bot.output()).toContain('"command":"help"');
      expect(bot.output()).not.toContain('vk api call failed');
    }
  }

  it('F28: 300 people write at once to two processes under VK\'s 20 requests a second: everyone is answered once, and VK refuses nothing', async () => {
    await burstOnTwoProcesses(20, { people: 300, everyMs: 0 });
  }, 90_000);

  // Messages keep coming for six seconds, so each process alone has a request to send at every slot
  // of 5 a second: without the shared limiter the two send about 10 a second.
  it('F28: with a token allowed only 5 requests a second and people writing for six seconds, the two processes together stay within it', async () => {
    await burstOnTwoProcesses(5, { people: 200, everyMs: 30 });
  }, 90_000);
});
