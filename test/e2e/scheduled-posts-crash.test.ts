import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';
import { typedMoment } from '../../src/features/shared/typed-time.js';
import { botProcessEnv, startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { ADMIN_ID } from '../helpers/harness.js';
import { crashSchool, crashAtCopy } from '../helpers/crash-school.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

/**
 * A scheduled post's job killed in the middle of its sends (SIGKILL) and the bot started again: the
 * job is taken over with its id, its app keyed by that id repeats the same keys, so the chat, every
 * person and the author get it once.
 */
describe('a scheduled post across a crash (F12)', () => {
  let emulator: Emulator;
  let db: TestRedis;
  const running: BotProcess[] = [];
  const TZ = 'Europe/Moscow';
  beforeEach(async () => {
    emulator = await startEmulator({ longPollWaitMs: 300, rateLimitPerSecond: 20 });
    db = await openTestRedis();
  });
  afterEach(async () => {
    for (const run of running.splice(0)) run.child.kill('SIGKILL');
    await emulator.close();
    await db.cleanup();
  });

  function startBot(): BotProcess {
    const run = startBotProcess(botProcessEnv(emulator, db.prefix, { LOG_LEVEL: 'info', SCHOOL_TZ: TZ }));
    running.push(run);
    return run;
  }

  const started = (run: BotProcess) => expect.poll(() => run.output(), { timeout: 20_000 }).toContain('long poll started');
  it('F12 a scheduled post killed in the middle of its 300 copies goes on after the restart: one copy each, one message in the chat, one report', async () => {
    const text = 'Завтра в 8:30 общешкольная зарядка во дворе.';
    const { services, ids, admin, chat, close } = await crashSchool(emulator, db.prefix, '8В', 40_000);
    try {
      const first = startBot();
      await started(first);
      await admin.say('/пост');
      await admin.expect('В какой канал отправить пост?');
      await admin.press('Общешкольный канал');
      await admin.expect('Напишите текст поста');
      await admin.say(text);
      await admin.expect('Выше — пост в точности так');
      await admin.press('Не закреплять');
      await admin.expect('Когда отправить пост?');
      await admin.press('Запланировать');
      await admin.expect('На какой день запланировать пост?');
      await admin.say(typedMoment(Date.now() + 6000, TZ));
      await admin.expect('Пост в ');

      const crashed = crashAtCopy(emulator, first, text, 150, chat.peerId);
      await admin.press('Запланировать');
      await admin.expect('🕒 Пост запланирован');
      await crashed;
      expect(ids.filter((id) => emulator.sentTo(id).length > 0).length).toBeLessThan(300);

      const second = startBot();
      await started(second);
      const report = await admin.expect('🕒 Запланированный пост ушёл', { timeout: 60_000 });
      expect(report.text).toContain('получили 300 из 300.');
      await expect.poll(async () => (await services.scheduledPosts.get('sp1'))?.status, { timeout: 30_000, interval: 200 }).toBe('sent');
      await expect.poll(() => db.redis.hlen(`${runtimeBase(db.prefix, 'main')}inbox`), { timeout: 30_000, interval: 100 }).toBe(0);
      for (const id of ids) expect(emulator.sentTo(id).filter((m) => m.text === text)).toHaveLength(1);
      expect(emulator.sentTo(chat.peerId).filter((m) => m.text === text)).toHaveLength(1);
      expect(emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('🕒 Запланированный пост ушёл'))).toHaveLength(1);
      expect(await services.channels.recentPosts()).toMatchObject([{ reached: 300, total: 300 }]);
    } finally {
      close();
    }
  }, 120_000);
});
