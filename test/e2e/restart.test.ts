import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Driver, startEmulator, type Emulator } from '../../emulator/index.js';
import type { StoredMessage } from '../../emulator/state.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { createServices } from '../../src/domain/index.js';
import { botProcessEnv, startBotProcess, type BotProcess } from '../helpers/bot-process.js';
import { ADMIN, ADMIN_ID } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { newTestConnection, openTestRedis, type TestRedis } from '../helpers/redis.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';

/**
 * A bot process killed with SIGKILL (a crash, an OOM kill) and started again a second later, as
 * systemd or docker restart it: what was recorded is taken over, what people wrote meanwhile is
 * fetched from where the long poll stopped, and nothing is answered or applied twice.
 */
describe('a crash and a restart (F28)', () => {
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
    const run = startBotProcess(botProcessEnv(emulator, db.prefix, { LOG_LEVEL: 'info', CONSENT_PARENT_GRADES: '1-4' }));
    running.push(run);
    return run;
  }

  async function started(run: BotProcess): Promise<void> {
    await expect.poll(() => run.output(), { timeout: 20_000 }).toContain('long poll started');
  }

  /** Kills the process the moment the emulator has stored a bot message matching `when` (before the bot hears back). */
  function killWhen(run: BotProcess, when: (message: StoredMessage) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const off = emulator.on('sent', (message) => {
        if (!when(message)) return;
        off();
        run.child.kill('SIGKILL');
        resolve();
      });
    });
  }

  const restartAfterASecond = async (): Promise<BotProcess> => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return startBot();
  };

  /** Everything the bots recorded is handled: the inbox is empty (a re-run sends before it leaves the inbox). */
  const inboxEmpty = () => expect.poll(() => db.redis.hlen(`${runtimeBase(db.prefix, 'main')}inbox`), { timeout: 30_000, interval: 100 }).toBe(0);

  /** Whether a text has Russian words (commands like /помощь aside). */
  const russianWords = (text = '') => /[а-яё]{4}/i.test(text.replace(/\/\S+/g, ''));
  const botMessagesTo = (id: number) => emulator.sentTo(id);
  const userMessagesOf = (id: number) => emulator.state.messagesOf(id).filter((m) => m.out === 0);

  it('F28: killed in the middle of 60 people writing, restarted a second later while 20 more write, every message is answered exactly once', async () => {
    const first = startBot();
    await started(first);
    const people = Array.from({ length: 60 }, (_, i) => 20_000 + i);
    for (const id of people) emulator.addUser({ id, firstName: 'Ученик', lastName: `Номер${id}` });

    // The crash comes when the tenth answer is stored: answers already out, answers being sent, updates recorded but not handled.
    let answers = 0;
    const killed = killWhen(first, () => ++answers === 10);
    for (const id of people) emulator.userMessage(id, '/помощь');
    await killed;
    await first.exited;

    // While the bot is down, ten of them switch to English and ask again.
    const again = people.slice(0, 10);
    for (const id of again) emulator.userMessage(id, '/lang en');
    for (const id of again) emulator.userMessage(id, '/help');

    const second = await restartAfterASecond();
    await started(second);
    for (const id of people) {
      await expect.poll(() => botMessagesTo(id).length, { timeout: 30_000, interval: 100 }).toBe(userMessagesOf(id).length);
    }
    await inboxEmpty();
    // Exactly once: no person got more answers than they wrote messages, and the answers came in their order.
    for (const id of people) expect(botMessagesTo(id)).toHaveLength(userMessagesOf(id).length);
    for (const id of again) {
      const [help, lang, helpInEnglish] = botMessagesTo(id).map((m) => m.text);
      expect(russianWords(help)).toBe(true);
      expect(lang).toContain('The language is now English');
      expect(russianWords(helpInEnglish)).toBe(false);
    }
    expect(second.output()).toContain('took over updates left by a process that is gone');
  }, 90_000);

  it('F08 F27: a join request filed and approved across two crashes is filed once, approved once, and each message is sent once', async () => {
    const redis = newTestConnection();
    const services = createServices({ redis, prefix: db.prefix, schoolId: 'main' });
    try {
      const first = startBot();
      await started(first);
      const driver = new Driver(emulator, { timeoutMs: 30_000 });
      const admin = driver.user({ id: ADMIN_ID, firstName: 'Мария', lastName: 'Иванова' });
      await admin.say('/помощь');
      await admin.expect('Ваши роли');
      const classId = (await services.classes.create(ADMIN, '5А')).id;
      const invite = await services.invites.create(ADMIN, { classId, role: 'student' });
      const student = driver.user({ id: 700, firstName: 'Иван', lastName: 'Петров' });
      await student.openLink(inviteDeepLink(emulator.groupId, invite.token));
      await student.expect('Вас приглашают');
      await student.press('Да, всё верно');
      await student.expect('Как вас зовут');
      await student.press('Петров Иван');
      await student.expect('Согласие на обработку персональных данных');

      // Crash 1: the request is filed and the admin's card is out, the student has not been told yet.
      const cardToAdmin = (m: StoredMessage) => m.peerId === ADMIN_ID && (m.keyboard?.buttons.flat().some((b) => (b.payload ?? '').includes('"id":"r')) ?? false);
      const killedAtFiling = killWhen(first, cardToAdmin);
      await student.press('Даю согласие');
      await killedAtFiling;
      await first.exited;
      const second = await restartAfterASecond();
      await student.expect('Заявка отправлена');
      await inboxEmpty();
      const { items: pending } = await services.requests.listPending('system');
      expect(pending.filter((r) => r.applicant.personId === vk(700))).toHaveLength(1);
      expect((await services.invites.get(invite.id))?.uses).toBe(1);
      expect(botMessagesTo(ADMIN_ID).filter(cardToAdmin)).toHaveLength(1);
      expect(botMessagesTo(700).filter((m) => m.text.includes('Заявка отправлена'))).toHaveLength(1);

      // Crash 2: the admin approves; the student's welcome is out, the admin has not been answered yet.
      await started(second);
      const welcome = (m: StoredMessage) => m.peerId === 700 && m.text.includes('Ваша заявка принята');
      const killedAtApproval = killWhen(second, welcome);
      await admin.press('Принять');
      await killedAtApproval;
      await second.exited;
      await restartAfterASecond();
      await expect.poll(async () => (await services.requests.get(pending[0]!.id))?.status, { timeout: 30_000 }).toBe('approved');
      await inboxEmpty();
      expect(await services.members.get(vk(700))).toMatchObject({ personId: vk(700) });
      expect(botMessagesTo(700).filter(welcome)).toHaveLength(1);
      const approvals = (await services.audit.recent(100)).filter((entry) => entry.action === 'request.approved');
      expect(approvals).toHaveLength(1);
    } finally {
      redis.disconnect();
    }
  }, 120_000);
});
