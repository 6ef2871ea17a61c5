import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vks } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

const TEXT = 'Родительское собрание в четверг в 18:00, актовый зал. Просим подтвердить, что вы в курсе.';

describe('posts asking for an acknowledgement, and read counts (F12)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 313, 'Орлов Петя');
  });
  afterEach(() => h.close());

  /** The people of the school as VK users (each made once): Ваня is in the channel's chat, Маша never wrote to the community. */
  function people() {
    return {
      admin: h.admin(),
      anna: h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
      masha: h.driver.user({ id: 311, firstName: 'Маша', lastName: 'Козлова', allowsMessages: false }),
      olga: h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true }),
      petya: h.driver.user({ id: 313, firstName: 'Петя', lastName: 'Орлов', allowsMessages: true }),
    };
  }

  type Admin = ReturnType<typeof people>['admin'];

  /** The admin binds a chat (with Ваня in it) as the school channel. */
  async function schoolChat(admin: Admin): Promise<number> {
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [310] });
    await admin.sayIn(chat.peerId, '/привязать школа');
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    return chat.peerId;
  }

  /** The admin sends a post to the school channel asking for an acknowledgement; returns the report. */
  async function postWithAck(admin: Admin) {
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(TEXT);
    await admin.expect('Выше — пост в точности так, как его получат.');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в ');
    expect(confirm.text).toContain('Подтверждение прочтения: не просить.');
    expect(labels(confirm)).toEqual(['Отправить', 'Изменить текст', 'Попросить подтвердить прочтение', 'Отмена']);
    await admin.press('Попросить подтвердить прочтение');
    const asking = await admin.expect('Пост в ');
    expect(asking.text).toContain('Подтверждение прочтения: просить (под постом будет кнопка «Прочитано»).');
    expect(labels(asking)).toEqual(['Отправить', 'Изменить текст', 'Не просить подтверждения', 'Отмена']);
    await admin.press('Отправить');
    return admin.expect('✅ Пост отправлен');
  }

  /** Presses a callback button and returns the snackbar the bot answered with. */
  async function snackbar(person: ReturnType<typeof people>['anna'], label: string, peerId?: number): Promise<unknown> {
    const pressed = await person.press(label, peerId === undefined ? {} : { peerId });
    return (await person.expectAnswer(pressed.eventId))?.text;
  }

  it('F12 a post asking for an acknowledgement: the copies carry «Прочитано», presses are counted once, /посты shows read and confirmed counts, «Кто не подтвердил» names the rest and one reminder reaches exactly them', async () => {
    const { admin, anna, vanya, masha, olga, petya } = people();
    const peer = await schoolChat(admin);
    const report = await postWithAck(admin);
    expect(report.text).toContain('Лично (тем, кого нет в чате канала): получили 3 из 4.');
    expect(report.text).toContain('Под постом кнопка «Прочитано»: подтверждения ждём от 4 человек. Кто подтвердил и кто нет — в /посты.');
    // The chat's message and every private copy carry the button; Маша, who never wrote, got nothing.
    expect(labels(await h.driver.chat(peer).expect(TEXT))).toEqual(['Прочитано']);
    for (const person of [anna, olga, petya]) expect(labels(await person.expect(TEXT))).toEqual(['Прочитано']);
    await h.idle();
    expect(masha.received).toHaveLength(0);
    const [post] = await h.bot.app.services.channels.recentPosts();
    expect(post).toMatchObject({ ack: true, reached: 3, total: 4, unreachable: 1 });

    // Анна reads and presses twice; Ваня presses in the chat; Ольга reads without pressing; Петя does nothing.
    h.emulator.markRead(300, 300);
    expect(await snackbar(anna, 'Прочитано')).toBe('Спасибо! Отмечено, что вы ознакомились.');
    expect(await snackbar(anna, 'Прочитано')).toBe('Вы уже подтвердили.');
    expect(await snackbar(vanya, 'Прочитано', peer)).toBe('Спасибо! Отмечено, что вы ознакомились.');
    h.emulator.markRead(312, 312);
    expect(await h.bot.app.services.postAcks.pending(post!.id)).toEqual(vks(312, 313));

    await admin.say('/посты');
    const list = await admin.expect('Последние посты (1):');
    expect(list.text).toContain('Лично получили: 3 из 4, не доставлено 1\n    Прочитали лично: 2 из 3\n    Подтвердили: 2 из 4');
    expect(labels(list)).toEqual(['№1: кто не подтвердил']);
    await admin.press('№1: кто не подтвердил');
    const who = await admin.expect('Пост «Родительское собрание');
    expect(who.text).toContain('подтвердили 2 из 4.');
    expect(who.text).toContain('Ещё не подтвердили:\n1. Сидорова Ольга\n2. Орлов Петя');
    expect(labels(who)).toEqual(['Напомнить неподтвердившим']);

    await admin.press('Напомнить неподтвердившим');
    expect((await admin.expect('Напоминание отправлено')).text).toBe('Напоминание отправлено: получили 2 из 2.');
    const reminder = await olga.expect('Напоминание: пожалуйста, прочитайте пост «Родительское собрание');
    expect(labels(reminder)).toEqual(['Прочитано']);
    await petya.expect('Напоминание: пожалуйста, прочитайте пост');
    // A second press reminds nobody twice.
    await admin.press('Напомнить неподтвердившим');
    await admin.expect('Напоминание по этому посту уже отправлено (получили 2 из 2); второй раз никому не отправлено.');
    await h.idle();
    const reminders = (person: typeof olga) => person.received.filter((m) => m.text.startsWith('Напоминание:')).length;
    expect([anna, vanya, olga, petya, masha].map(reminders)).toEqual([0, 0, 1, 1, 0]);
    expect(h.driver.chat(peer).received.filter((m) => m.text.startsWith('Напоминание:'))).toHaveLength(0);

    // Ольга confirms under the reminder: the count follows.
    expect(await snackbar(olga, 'Прочитано')).toBe('Спасибо! Отмечено, что вы ознакомились.');
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('Подтвердили: 3 из 4');
  });

  it('F12 a post without an acknowledgement has no button and no «Кто не подтвердил»; its read count still shows, and says so when VK cannot tell', async () => {
    const { admin, anna } = people();
    await schoolChat(admin);
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say('Каникулы с 28 октября.');
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    await admin.expect('Пост в ');
    await admin.press('Отправить');
    const report = await admin.expect('✅ Пост отправлен');
    expect(report.text).not.toContain('Ознакомлен');
    expect(labels(await anna.expect('Каникулы с 28 октября.'))).toEqual([]);
    h.emulator.markRead(300, 300);
    // Анна answers after reading: out_read is then not the dialog's last message, and is still counted.
    await anna.say('Спасибо');
    await admin.say('/посты');
    const list = await admin.expect('Последние посты (1):');
    expect(list.text).toContain('Прочитали лично: 1 из 3');
    expect(list.text).not.toContain('Подтвердили:');
    expect(labels(list)).toEqual([]);
    // VK refuses the read marks: the list still comes, saying the count is not known now.
    h.emulator.faults.failNext('messages.getConversationsById', 15, 2);
    await admin.say('/посты');
    const without = await admin.expect('Последние посты (1):');
    expect(without.text).toContain('Лично получили: 3 из 4, не доставлено 1\n    Прочитали лично: сейчас узнать не удалось\n    В чате прочитали: сейчас узнать не удалось');
  });

  it('F12 the post\'s message in the channel\'s chat: /посты counts who in the chat has read it, «не меньше» once newer messages came, and never counts a reader twice', async () => {
    const { admin } = people();
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [310, 313] });
    await admin.sayIn(chat.peerId, '/привязать школа');
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    await postWithAck(admin);
    const posted = await h.driver.chat(chat.peerId).expect(TEXT);
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('В чате прочитали: 0 из 2');
    // Ваня reads the post in the chat: counted, once however often /посты is asked.
    h.emulator.markRead(310, chat.peerId, posted.cmid);
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('В чате прочитали: 1 из 2');
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('В чате прочитали: 1 из 2');
    // The bot writes again in the chat; VK now names only the readers of that newer message: nobody yet.
    await h.driver.user({ id: 313, firstName: 'Петя', lastName: 'Орлов', allowsMessages: true }).sayIn(chat.peerId, '/помощь');
    await h.driver.chat(chat.peerId).expect('Ваши роли');
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('В чате прочитали: не меньше 1 из 2');
    // Петя reads the newer message, so the post before it too: all of the chat.
    h.emulator.markRead(313, chat.peerId);
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('В чате прочитали: 2 из 2');
    const [post] = await h.bot.app.services.channels.recentPosts();
    expect(post).toMatchObject({ chatMessage: String(posted.cmid), chatMembers: 2 });
  });

  it('F12 a student cannot use /посты nor remind; forged or stale acknowledgement buttons are answered clearly and record nothing', async () => {
    const { admin, petya } = people();
    await schoolChat(admin);
    await postWithAck(admin);
    const copy = await petya.expect(TEXT);
    const [post] = await h.bot.app.services.channels.recentPosts();
    const id = post!.id;
    await petya.say('/посты');
    await petya.expect('Каналы школы ведут администраторы');
    const answerOf = async (person: typeof petya, payload: unknown) => {
      const eventId = h.emulator.messageEvent(person.id, person.id, copy.cmid, payload);
      return (await person.expectAnswer(eventId))?.text;
    };
    expect(await answerOf(petya, { k: 'cb', a: 'post.remind', id })).toBe('Это могут только администраторы школы.');
    expect(await answerOf(petya, { k: 'cb', a: 'post.who', id, v: 'open' })).toBe('Это могут только администраторы школы.');
    expect(await answerOf(petya, { k: 'cb', a: 'post.ack', id: 'p999' })).toBe('Этот пост не найден или не просит подтверждения.');
    expect(await answerOf(petya, { k: 'cb', a: 'post.ack', id: 'post:1:acks' })).toBe('Этот пост не найден или не просит подтверждения.');
    expect(await answerOf(petya, { k: 'cb', a: 'post.ack' })).toBe('Этот пост не найден или не просит подтверждения.');
    // The author was not among those the post was for.
    expect(await answerOf(admin, { k: 'cb', a: 'post.ack', id })).toBe('Этот пост был не для вас — подтверждать его не нужно.');
    await h.idle();
    expect(await h.bot.app.services.postAcks.counts(id)).toEqual({ audience: 4, confirmed: 0 });
    expect(petya.received.filter((m) => m.text.startsWith('Напоминание:'))).toHaveLength(0);
  });
  it('F12 «Кто не подтвердил» of a post for 26 people is paged by 20: «Дальше →» and «← Назад» edit the list in place', async () => {
    const { admin } = people();
    const surnames = ['Абрамов', 'Белов', 'Волков', 'Голубев', 'Дмитриев', 'Егоров', 'Жуков', 'Зайцев', 'Ильин', 'Крылов', 'Лебедев', 'Морозов', 'Никитин', 'Орехов', 'Павлов', 'Романов', 'Соколов', 'Тихонов', 'Уваров', 'Фролов', 'Хохлов', 'Цветков'];
    const extras = surnames.map((_, i) => 400 + i);
    for (const [i, id] of extras.entries()) {
      await joinAs(h.bot.app.services, 'student', '5А', id, `${surnames[i]} Илья`);
      h.driver.user({ id, firstName: 'Ученик', lastName: String(id), allowsMessages: true });
    }
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: extras });
    await admin.sayIn(chat.peerId, '/привязать школа');
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    const report = await postWithAck(admin);
    expect(report.text).toContain('подтверждения ждём от 26 человек');
    await admin.say('/посты');
    await admin.expect('Последние посты (1):');
    await admin.press('№1: кто не подтвердил');
    const first = await admin.expect('Пост «Родительское собрание');
    expect(first.text).toContain('подтвердили 0 из 26.');
    expect(first.text).toContain('1. Петрова Анна');
    expect(first.text).toContain('20. Романов Илья');
    expect(first.text).not.toContain('21. ');
    expect(first.text).toContain('Страница 1 из 2.');
    expect(labels(first)).toEqual(['Дальше →', 'Напомнить неподтвердившим']);
    const second = admin.expectEdit((m) => m.text.includes('Страница 2 из 2.'));
    await admin.press('Дальше →');
    const page2 = await second;
    expect(page2.text).toContain('21. Соколов Илья');
    expect(page2.text).toContain('26. Цветков Илья');
    expect(page2.text).not.toContain('Петрова Анна');
    expect(labels(page2)).toEqual(['← Назад', 'Напомнить неподтвердившим']);
    const back = admin.expectEdit((m) => m.text.includes('Страница 1 из 2.'));
    await admin.press('← Назад');
    expect((await back).text).toContain('1. Петрова Анна');
  });
});

describe('posts asking for an acknowledgement in the quiet hours (F12)', () => {
  let h: Harness;
  /** The bot's clock (the scheduler's and the quiet hours'): set to a moment, it runs on from there. */
  let offset = 0;
  beforeEach(async () => {
    offset = 0;
    h = await Harness.start({ env: { QUIET_HOURS: '21-8', SCHOOL_TZ: 'Europe/Moscow' }, bot: { now: () => Date.now() + offset } });
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 313, 'Орлов Петя');
  });
  afterEach(() => h.close());

  /** Today at a time of day in Moscow (UTC+3, no clock changes). */
  function moscow(hours: number, minutes: number, seconds = 0): number {
    const today = new Date();
    return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + ((hours - 3) * 3600 + minutes * 60 + seconds) * 1000;
  }

  it('F12 the copies held by the quiet hours and sent at 08:00 count in /посты: how many got them and how many read them; those VK refused then are not waited for', async () => {
    const admin = h.admin();
    const anna = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true });
    h.driver.user({ id: 311, firstName: 'Маша', lastName: 'Козлова', allowsMessages: false });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true });
    const petya = h.driver.user({ id: 313, firstName: 'Петя', lastName: 'Орлов', allowsMessages: true });
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [] });
    await h.bot.app.services.channels.bind(ADMIN, 'school', chat.peerId);
    offset = moscow(7, 59, 52) - Date.now();
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(TEXT);
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    await admin.expect('Пост в ');
    await admin.press('Попросить подтвердить прочтение');
    await admin.expect('Подтверждение прочтения: просить');
    await admin.press('Отправить');
    const report = await admin.expect('✅ Пост отправлен');
    expect(report.text).toContain('получили 1 из 5.');
    expect(report.text).toContain('подтверждения ждём от 5 человек');
    await anna.expect(TEXT);
    // 08:00 comes a few seconds later: the held copies go, with the button.
    for (const person of [vanya, olga, petya]) expect(labels(await person.expect(TEXT, { timeout: 20_000 }))).toEqual(['Прочитано']);
    await h.idle();
    for (const id of [300, 310, 312]) h.emulator.markRead(id, id);
    await admin.say('/посты');
    const list = await admin.expect('Последние посты (1):');
    expect(list.text).toContain('Лично получили: 4 из 5, не доставлено 1\n    Прочитали лично: 3 из 4\n    Подтвердили: 0 из 4');
    // Маша, whom VK refused at 08:00, is not waited for.
    await admin.press('№1: кто не подтвердил');
    const who = await admin.expect('Пост «Родительское собрание');
    expect(who.text).toContain('Ещё не подтвердили:\n1. Петрова Анна\n2. Сидоров Ваня\n3. Сидорова Ольга\n4. Орлов Петя');
  }, 60_000);
});
