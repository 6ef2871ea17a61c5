import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.js';
import type { JobSpec } from '../../src/features/shared/job-registry.js';
import { typedMoment } from '../../src/features/shared/typed-time.js';
import { formatWhen } from '../../src/i18n.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import { DIALOGS } from '../../scenes/index.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

/** Whom the sentinel job writes to: a test waits for it to know that every job due before it has run. */
const WATCHER = 999;
const sentinel: JobSpec = {
  kind: 'test.sentinel',
  async run(app, job) {
    await app.messenger.send(WATCHER, { text: `sentinel ${job.id}` });
  },
};

describe('scheduled posts (F12)', () => {
  let h: Harness;
  const TZ = 'Europe/Moscow';
  beforeEach(async () => {
    h = await Harness.start({ env: { SCHOOL_TZ: TZ }, bot: { extraJobs: [sentinel] } });
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
  });
  afterEach(() => h.close());

  const when = (at: number) => formatWhen(at, TZ, 'ru');

  /** The people of the school as VK users, each created once. */
  function people() {
    return {
      admin: h.admin(),
      teacher: h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
      olga: h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true }),
    };
  }
  type Person = ReturnType<typeof people>['admin'];

  /** The admin binds a chat (Ваня in it) as the school channel. */
  async function schoolChannel(admin: Person): Promise<number> {
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [310] });
    await admin.sayIn(chat.peerId, '/привязать школа');
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    return chat.peerId;
  }

  /** Waits until every job due by `at` has run: a sentinel job at `at` writes to the watcher. */
  async function jobsDoneBy(at: number): Promise<void> {
    const watcher = h.driver.user({ id: WATCHER, firstName: 'Наблюдатель', allowsMessages: true });
    const id = `sentinel-${at}`;
    await h.bot.app.scheduler.schedule(id, sentinel.kind, at, null);
    await watcher.expect(`sentinel ${id}`, { timeout: Math.max(0, at - Date.now()) + 10_000 });
    await h.idle();
  }

  /** /пост up to «Когда отправить пост?» (the text previewed, pinning chosen). */
  async function upToWhen(admin: Person, text: string, pin = false): Promise<void> {
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(text);
    await admin.expect((m) => m.text === text);
    await admin.expect('Выше — пост в точности так, как его получат.');
    await admin.press(pin ? 'Закрепить в чате' : 'Не закреплять');
    const question = await admin.expect('Когда отправить пост?');
    expect(labels(question)).toEqual(['Сейчас', 'Запланировать', 'Отмена']);
  }

  /** The admin schedules a post at `at` through /пост; returns the confirmation they get. */
  async function schedule(admin: Person, text: string, at: number, pin = false) {
    await upToWhen(admin, text, pin);
    await admin.press('Запланировать');
    const ask = await admin.expect('На какой день запланировать пост?');
    expect(labels(ask)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    await admin.say(typedMoment(at, TZ));
    const confirm = await admin.expect('Пост в общешкольный канал');
    expect(confirm.text).toContain(`Когда: ${when(at)} (время школы).`);
    expect(confirm.text.trim().endsWith('Запланировать?')).toBe(true);
    expect(confirm.text).not.toContain('Отправить?');
    expect(labels(confirm)).toEqual(['Запланировать', 'Изменить текст', 'Другое время', 'Попросить подтвердить прочтение', 'Отмена']);
    await admin.press('Запланировать');
    return admin.expect(`🕒 Пост запланирован: общешкольный канал, ${when(at)}.`);
  }

  /** /запланированные: the header, then the cards; returns the cards. */
  async function listed(admin: Person, count: number) {
    await admin.say('/запланированные');
    await admin.expect(`Запланированные посты (${count}):`);
    const cards = [];
    for (let i = 0; i < count; i++) cards.push(await admin.expect('🕒 '));
    return cards;
  }

  const copies = (peer: number, text: string) => h.emulator.sentTo(peer).filter((m) => m.text === text).length;

  it('F12 a post scheduled a few seconds ahead goes out once at its time: the chat (pinned) and the private copies; the author gets the report; it is listed until then', async () => {
    const { admin, teacher, vanya, olga } = people();
    const peer = await schoolChannel(admin);
    const text = 'Завтра в 9:00 торжественная линейка во дворе школы.';
    const at = Date.now() + 6000;
    await schedule(admin, text, at, true);
    const stored = (await h.bot.app.services.scheduledPosts.pending())[0];
    expect(stored).toMatchObject({ status: 'scheduled', kind: 'school', text, pin: true, author: ADMIN, at: Math.floor(at / 1000) * 1000, version: 1 });
    // Listed before it goes, with its buttons; nothing sent yet.
    const [card] = await listed(admin, 1);
    expect(card!.text).toContain(`🕒 ${when(at)}, общешкольный канал. Закрепить в чате: да.`);
    expect(card!.text).toContain(text);
    expect(labels(card!)).toEqual(['Изменить текст', 'Перенести', 'Отменить']);
    expect(copies(peer, text)).toBe(0);
    expect(copies(300, text)).toBe(0);
    await admin.say('/посты');
    const recent = await admin.expect('Постов в каналах пока не было.');
    expect(recent.text).toContain('Ещё 1 пост запланирован на потом: /запланированные');

    // At its time: the chat has it pinned, the school not in the chat privately, the author the report.
    const inChat = await h.driver.chat(peer).expect(text, { timeout: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor(at / 1000) * 1000);
    await teacher.expect(text);
    await olga.expect(text);
    const report = await admin.expect('🕒 Запланированный пост ушёл в назначенное время');
    expect(h.emulator.state.conversation(peer).pinnedCmid).toBe(inChat.cmid);
    expect(report.text).toContain('✅ Пост отправлен: общешкольный канал.');
    expect(report.text).toContain('В чате канала: опубликован и закреплён.');
    expect(report.text).toContain('Лично (тем, кого нет в чате канала): получили 2 из 2.');
    await jobsDoneBy(Date.now());
    // Once each; the student in the chat gets no private copy.
    expect(copies(peer, text)).toBe(1);
    expect(copies(300, text)).toBe(1);
    expect(copies(312, text)).toBe(1);
    expect(vanya.received.filter((m) => m.text === text)).toHaveLength(0);
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('🕒 Запланированный пост ушёл'))).toHaveLength(1);
    const sent = await h.bot.app.services.scheduledPosts.get(stored!.id);
    const [post] = await h.bot.app.services.channels.recentPosts();
    expect(post).toMatchObject({ kind: 'school', text, author: ADMIN, chat: 'pinned', reached: 2, total: 2 });
    expect(sent).toMatchObject({ status: 'sent', postId: post!.id });

    // The card's buttons after it went: refused, nothing changes.
    await admin.press('Отменить');
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Этот пост уже отправлен: изменить или отменить его нельзя.');
    await admin.press('Перенести');
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Этот пост уже отправлен: изменить или отменить его нельзя.');
    await admin.press('Изменить текст');
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Этот пост уже отправлен: изменить или отменить его нельзя.');
    expect((await h.bot.app.services.scheduledPosts.get(stored!.id))?.status).toBe('sent');
    await admin.say('/запланированные');
    await admin.expect('Запланированных постов нет.');
  }, 60_000);

  it('F12 a scheduled post cancelled from /запланированные never goes out', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const text = 'Родительское собрание переносится на четверг.';
    const at = Date.now() + 5000;
    await schedule(admin, text, at);
    await listed(admin, 1);
    await admin.press('Отменить');
    const told = await admin.expect('❌ Запланированный пост отменён (общешкольный канал');
    expect(told.text).toContain('он не уйдёт.');
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Пост отменён и не уйдёт.');
    const card = h.emulator.sentTo(ADMIN_ID).find((m) => m.text === '❌ Запланированный пост отменён.');
    expect(card).toBeDefined();
    await jobsDoneBy(at + 500);
    expect(copies(peer, text)).toBe(0);
    expect(copies(300, text)).toBe(0);
    expect(teacher.received).toHaveLength(0);
    expect(await h.bot.app.services.channels.recentPosts()).toEqual([]);
    const [cancelled] = (await h.bot.app.services.audit.recent(5)).filter((e) => e.action === 'post.cancelled');
    expect(cancelled).toBeDefined();
    await admin.say('/запланированные');
    await admin.expect('Запланированных постов нет.');
  }, 60_000);

  it('F12 a moved post goes at the new time, not the old one; a wrong or past time is asked again', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const text = 'Экскурсия в музей: сбор у школы в 10:00.';
    const first = Date.now() + 3_600_000;
    await schedule(admin, text, first);
    await listed(admin, 1);
    await admin.press('Перенести');
    const ask = await admin.expect(`На когда перенести пост (общешкольный канал, сейчас: ${when(first)})?`);
    expect(labels(ask)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    await admin.say('вчера');
    await admin.expect('Не удалось понять время.');
    await admin.say(typedMoment(Date.now() - 60_000, TZ));
    await admin.expect('Это время уже прошло.');
    const moved = Date.now() + 5000;
    await admin.say(typedMoment(moved, TZ));
    await admin.expect(`🔁 Пост перенесён: общешкольный канал, ${when(moved)}.`);
    // The job of the old time is gone; the new one sends it.
    expect(await h.bot.app.scheduler.cancel('post.sp1.v1')).toBe(false);
    await h.driver.chat(peer).expect(text, { timeout: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor(moved / 1000) * 1000);
    await teacher.expect(text);
    await admin.expect('🕒 Запланированный пост ушёл в назначенное время');
    await jobsDoneBy(Date.now());
    expect(copies(peer, text)).toBe(1);
    expect(await h.bot.app.services.scheduledPosts.get('sp1')).toMatchObject({ status: 'sent', version: 2, at: Math.floor(moved / 1000) * 1000 });
  }, 60_000);

  it('F12 an edited post goes with the new text, checked and previewed first', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const old = 'Олимпиада по математике в среду.';
    const text = 'Олимпиада по математике переносится на пятницу, 3-й урок, кабинет 21.';
    const at = Date.now() + 9000;
    await schedule(admin, old, at);
    await listed(admin, 1);
    await admin.press('Изменить текст');
    await admin.expect('Напишите новый текст поста (общешкольный канал');
    await admin.say('а'.repeat(5000));
    await admin.expect('Текст слишком длинный: 5000');
    await admin.say(text);
    await admin.expect((m) => m.text === text);
    const preview = await admin.expect('Выше — новый текст в точности так, как его получат.');
    expect(labels(preview)).toEqual(['Сохранить', 'Написать заново', 'Отмена']);
    await admin.press('Сохранить');
    await admin.expect('✅ Текст поста изменён: общешкольный канал');
    expect((await h.bot.app.services.scheduledPosts.get('sp1'))?.text).toBe(text);
    await h.driver.chat(peer).expect(text, { timeout: 15_000 });
    await teacher.expect(text);
    await admin.expect('🕒 Запланированный пост ушёл в назначенное время');
    await jobsDoneBy(Date.now());
    expect(copies(peer, old)).toBe(0);
    expect(copies(300, old)).toBe(0);
    expect(copies(peer, text)).toBe(1);
  }, 60_000);

  it('F12 a bad time at the schedule step is asked again, nothing is kept, and «Сейчас» still sends at once', async () => {
    const { admin } = people();
    const peer = await schoolChannel(admin);
    const text = 'Сегодня уроки по сокращённому расписанию.';
    await upToWhen(admin, text);
    await admin.press('Запланировать');
    await admin.expect('На какой день запланировать пост?');
    await admin.say('когда-нибудь');
    await admin.expect('Не удалось понять время.');
    await admin.press('Сегодня');
    await admin.expect('Во сколько');
    await admin.say('25:00');
    await admin.expect('Не удалось понять время.');
    await admin.say(typedMoment(Date.now() - 3_600_000, TZ));
    await admin.expect('Это время уже прошло.');
    await admin.press('Отмена');
    await h.idle();
    expect(await h.bot.app.services.scheduledPosts.pending()).toEqual([]);
    // «Сейчас»: the confirmation says so and the post goes at once.
    await upToWhen(admin, text);
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в общешкольный канал');
    expect(confirm.text).toContain('Когда: сейчас.');
    // The question comes last, after everything it asks about.
    expect(confirm.text.trim().endsWith('Когда: сейчас.\n\nОтправить?')).toBe(true);
    expect(confirm.text).toContain('Кто получит: все в чате канала; ');
    expect(labels(confirm)).toEqual(['Отправить', 'Изменить текст', 'Попросить подтвердить прочтение', 'Отмена']);
    await admin.press('Отправить');
    await admin.expect('✅ Пост отправлен: общешкольный канал.');
    expect(copies(peer, text)).toBe(1);
  }, 60_000);

  it('F12 a teacher can neither schedule, nor list, nor cancel scheduled posts (a forged button is refused)', async () => {
    const { admin, teacher } = people();
    await schoolChannel(admin);
    await schedule(admin, 'Субботник в субботу в 11:00.', Date.now() + 3_600_000);
    // /help shows /scheduled to admins only.
    await admin.say('/помощь');
    await admin.expect('Ваши роли');
    await admin.press('Все команды');
    expect((await admin.expect('Что вы можете сделать:')).text).toContain('/запланированные — запланированные посты (изменить текст, перенести, отменить)\n');
    await teacher.say('/помощь');
    await teacher.expect('Ваши роли');
    await teacher.press('Все команды');
    expect((await teacher.expect('Что вы можете сделать:')).text).not.toContain('/scheduled');
    await teacher.say('/пост');
    await teacher.expect('Каналы школы ведут администраторы');
    await teacher.say('/запланированные');
    const refusal = await teacher.expect('Каналы школы ведут администраторы');
    h.emulator.messageEvent(300, 300, refusal.cmid, { k: 'cb', a: 'sp.cancel', id: 'sp1' });
    await h.idle();
    expect(teacher.lastSnackbar()).toBe('Запланированными постами управляют администраторы школы.');
    h.emulator.messageEvent(300, 300, refusal.cmid, { k: 'cb', a: 'sp.move', id: 'sp1' });
    await h.idle();
    expect(teacher.lastSnackbar()).toBe('Запланированными постами управляют администраторы школы.');
    expect(await h.bot.app.services.scheduledPosts.get('sp1')).toMatchObject({ status: 'scheduled', version: 1 });
  }, 60_000);

  it('F12 a post scheduled before a restart goes out once after it', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const text = 'Напоминаем: завтра сдача нормативов ГТО.';
    const at = Date.now() + 6000;
    await schedule(admin, text, at);
    expect(await h.stopBot()).toBe(true);
    await h.startBot();
    await h.driver.chat(peer).expect(text, { timeout: 20_000 });
    await teacher.expect(text);
    await admin.expect('🕒 Запланированный пост ушёл в назначенное время');
    await jobsDoneBy(Date.now());
    expect(copies(peer, text)).toBe(1);
    expect(copies(300, text)).toBe(1);
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('🕒 Запланированный пост ушёл'))).toHaveLength(1);
  }, 60_000);

  it('F12 with two bot processes running, a scheduled post goes out once', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const second = new Bot({ config: h.config, dialogs: DIALOGS, redis: h.db.redis, logger: createLogger('silent'), vkTimeouts: { apiTimeout: 3000, apiWait: 50, pollingWait: 50 }, extraJobs: [sentinel] });
    await second.start();
    try {
      const text = 'Завтра уроки начинаются в 9:00.';
      await schedule(admin, text, Date.now() + 5000);
      await h.driver.chat(peer).expect(text, { timeout: 15_000 });
      await teacher.expect(text);
      await admin.expect('🕒 Запланированный пост ушёл в назначенное время');
      await jobsDoneBy(Date.now());
      expect(copies(peer, text)).toBe(1);
      expect(copies(300, text)).toBe(1);
      expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('🕒 Запланированный пост ушёл'))).toHaveLength(1);
      expect(await h.bot.app.services.channels.recentPosts()).toHaveLength(1);
    } finally {
      await second.stop(1000);
    }
  }, 60_000);
  it('F12 a post scheduled into the quiet hours: the confirmation says so; students and parents are held until the quiet hours\' end (the report says when), unless it is scheduled as «Срочно»', async () => {
    // Quiet hours from a minute ago for half an hour, school time.
    const clock = (ms: number) => new Intl.DateTimeFormat('ru-RU', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
    const end = Date.now() + 30 * 60_000;
    await h.close();
    h = await Harness.start({ env: { SCHOOL_TZ: TZ, QUIET_HOURS: `${clock(Date.now() - 60_000)}-${clock(end)}` }, bot: { extraJobs: [sentinel] } });
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    const { admin, teacher, olga } = people();
    await schoolChannel(admin);
    const text = 'Завтра контрольная по русскому языку.';
    const at = Date.now() + 6000;
    await upToWhen(admin, text);
    await admin.press('Запланировать');
    await admin.expect('На какой день запланировать пост?');
    await admin.say(typedMoment(at, TZ));
    const confirm = await admin.expect('Пост в общешкольный канал');
    expect(confirm.text).toContain(`Это время попадает в тихие часы (${clock(Date.now() - 60_000).slice(0, 2)}`);
    expect(confirm.text).toContain(`ученики и родители получат пост в ${clock(end)}`);
    expect(labels(confirm)).toEqual(['Запланировать', 'Изменить текст', 'Другое время', 'Попросить подтвердить прочтение', 'Срочно: отправить и ночью', 'Отмена']);
    await admin.press('Запланировать');
    await admin.expect('🕒 Пост запланирован');
    const urgent = 'Завтра школа закрыта: прорвало трубу.';
    const urgentAt = Date.now() + 7000;
    await upToWhen(admin, urgent);
    await admin.press('Запланировать');
    await admin.expect('На какой день запланировать пост?');
    await admin.say(typedMoment(urgentAt, TZ));
    await admin.expect('Пост в общешкольный канал');
    await admin.press('Срочно: отправить и ночью');
    await admin.expect('🕒 Пост запланирован');
    const cards = await listed(admin, 2);
    expect(cards[1]!.text).toContain('Срочный: ученики и родители получат его и в тихие часы.');
    // The first: the staff at once, the parent held; the urgent one: everyone.
    await teacher.expect(text, { timeout: 15_000 });
    const report = await admin.expect((m) => m.text.startsWith('🕒 Запланированный пост ушёл') && m.text.includes('получили 1 из 2'));
    expect(report.text).toContain(`1 ученик или родитель получит сообщение в ${clock(end)}`);
    await olga.expect(urgent, { timeout: 15_000 });
    await teacher.expect(urgent);
    await jobsDoneBy(Date.now());
    expect(copies(312, text)).toBe(0);
    expect(copies(312, urgent)).toBe(1);
  }, 60_000);

  it('F12 a scheduled post whose channel was unbound meanwhile does not go: the author is told why, a press on its card says it did not go', async () => {
    const { admin, teacher } = people();
    const peer = await schoolChannel(admin);
    const text = 'Фотосессия классов в понедельник.';
    await schedule(admin, text, Date.now() + 5000);
    await listed(admin, 1);
    await admin.sayIn(peer, '/отвязать');
    await h.driver.chat(peer).expect('Этот чат больше не');
    const told = await admin.expect('⚠️ Запланированный пост', { timeout: 15_000 });
    expect(told.text).toMatch(/^⚠️ Запланированный пост \(.+\) не отправлен: общешкольный канал больше не привязан к чату\. Привяжите канал заново \(\/привязать в нужном чате\) и отправьте пост ещё раз \(\/пост\)\.$/u);
    expect(await h.bot.app.services.scheduledPosts.get('sp1')).toMatchObject({ status: 'failed' });
    await admin.press('Отменить');
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Этот пост не ушёл в своё время. Напишите его заново: /пост');
    expect(copies(peer, text)).toBe(0);
    expect(teacher.received).toHaveLength(0);
  }, 60_000);
});
