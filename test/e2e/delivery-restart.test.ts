import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';
import { botProcessEnv, startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { ADMIN_ID } from '../helpers/harness.js';
import { crashSchool, crashAtCopy } from '../helpers/crash-school.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

/**
 * A delivery killed in the middle (SIGKILL, as a crash or an OOM kill) and the bot started again: the delivery job is taken over, the batches already sent are not sent again (their
 * random_ids are the same), those not sent yet go, and the author's report comes once.
 */
describe('a delivery across a crash (F12 delivery)', () => {
  let emulator: Emulator;
  let db: TestRedis;
  const running: BotProcess[] = [];
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
    const run = startBotProcess(botProcessEnv(emulator, db.prefix, { LOG_LEVEL: 'info' }));
    running.push(run);
    return run;
  }

  const started = (run: BotProcess) => expect.poll(() => run.output(), { timeout: 20_000 }).toContain('long poll started');
  it('F12 delivery: killed in the middle of a post to 300 people and restarted, every person has exactly one copy and the report comes once', async () => {
    const text = 'Родительское собрание переносится на четверг, 18:00.';
    const { services, ids, admin, chat, close } = await crashSchool(emulator, db.prefix, '7Б', 30_000);
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
      await admin.press('Сейчас');
      await admin.expect('Пост в ');

      const crashed = crashAtCopy(emulator, first, text, 150, chat.peerId);
      await admin.press('Отправить');
      await crashed;
      expect(ids.filter((id) => emulator.sentTo(id).length > 0).length).toBeLessThan(300);

      // Started again at once: the job's lock of the dead process expires and the new one takes it over.
      const second = startBot();
      await started(second);
      const report = await admin.expect('✅ Пост отправлен');
      expect(report.text).toContain('получили 300 из 300.');
      await expect.poll(() => db.redis.hlen(`${runtimeBase(db.prefix, 'main')}inbox`), { timeout: 30_000, interval: 100 }).toBe(0);
      for (const id of ids) expect(emulator.sentTo(id).filter((m) => m.text === text)).toHaveLength(1);
      const toAdmin = emulator.sentTo(ADMIN_ID);
      expect(toAdmin.filter((m) => m.text.startsWith('✅ Пост отправлен'))).toHaveLength(1);
      expect(toAdmin.filter((m) => m.text.startsWith('Отправлено'))).toHaveLength(1);
      const [stored] = await services.channels.recentPosts();
      expect(stored).toMatchObject({ reached: 300, total: 300 });
    } finally {
      close();
    }
  }, 120_000);
});
