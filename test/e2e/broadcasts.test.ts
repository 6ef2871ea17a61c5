import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { typedMoment } from '../../src/features/shared/typed-time.js';
import { formatWhen } from '../../src/i18n.js';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { jobsDoneBy, sentinelJob } from '../helpers/jobs-done.js';
import { vk, vks } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('broadcasts, webinars and online lessons (F13, F26, F31)', () => {
  let h: Harness;
  const TZ = 'Europe/Moscow';
  beforeEach(async () => {
    h = await Harness.start({ env: { BROADCAST_REMINDERS: '4s,2s', LESSON_REMINDERS: '2s', SCHOOL_TZ: TZ }, bot: { extraJobs: [sentinelJob] } });
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 200, 'Смирнова Ольга');
    await s.members.setAdministrationRole(ADMIN, vk(200), 'head');
    await verifiedTeacher(s, 210, 'Кузнецов Павел');
    await s.members.setAdministrationRole(ADMIN, vk(210), 'deputy');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Орлов Иван');
    await joinAs(s, 'teacher', 'staff', 302, 'Новиков Игорь');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 320, 'Орлов Петя');
  });
  afterEach(() => h.close());

  const when = (at: number) => formatWhen(at, TZ, 'ru');

  /** The school's people as VK users (each made once a test): Маша (311) never wrote to the community. */
  function people() {
    const user = (id: number, firstName: string, lastName: string, allowsMessages = true) => h.driver.user({ id, firstName, lastName, allowsMessages });
    return {
      head: user(200, 'Ольга', 'Смирнова'),
      pavel: user(210, 'Павел', 'Кузнецов'),
      anna: user(300, 'Анна', 'Петрова'),
      ivan: user(301, 'Иван', 'Орлов'),
      igor: user(302, 'Игорь', 'Новиков'),
      vanya: user(310, 'Ваня', 'Сидоров'),
      masha: user(311, 'Маша', 'Козлова', false),
      olga: user(312, 'Ольга', 'Сидорова'),
      petya: user(320, 'Петя', 'Орлов'),
    };
  }
  type Person = ReturnType<typeof people>['head'];

  /** A chat made by Анна with these members, bound as a channel. */
  async function channelChat(kind: 'school' | 'staff', memberIds: number[]): Promise<number> {
    const chat = h.emulator.addChat({ ownerId: 300, title: kind === 'school' ? 'Школа №11' : 'Сотрудники', memberIds });
    await h.bot.app.services.channels.bind(ADMIN, kind, chat.peerId);
    return chat.peerId;
  }

  /** A subject chat of Анна's for a class (made in VK and recorded as the bot's study chat). */
  async function subjectChat(className: string, memberIds: number[]): Promise<number> {
    const s = h.bot.app.services;
    const classGroup = await s.classes.findByName(className);
    const title = `${className} · Математика`;
    const chat = h.emulator.addChat({ ownerId: 300, title, memberIds });
    const reserved = await s.studyChats.reserve(vk(300), { classId: classGroup!.id, subject: 'Математика', title });
    if (reserved.kind !== 'create') throw new Error(`study chat not reserved: ${reserved.kind}`);
    await s.studyChats.finish(vk(300), reserved.chat.id, chat.peerId, `https://vk.me/join/${className}`);
    return chat.peerId;
  }

  /** The organiser goes through /трансляция up to the preview, typing the time; returns the preview. */
  async function upToPreview(organiser: Person, title: string, at: number, audience: 'Всей школе' | 'Сотрудникам' | 'Классу', link = 'https://vk.com/video-1_2') {
    await organiser.say('/трансляция');
    await organiser.expect('Как называется трансляция?');
    await organiser.say(title);
    const whenQuestion = await organiser.expect('Когда начало?');
    expect(labels(whenQuestion)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    await organiser.say(typedMoment(at, TZ));
    await organiser.expect('Пришлите ссылку на трансляцию');
    await organiser.say(link);
    const audienceQuestion = await organiser.expect('Кому объявить трансляцию?');
    expect(labels(audienceQuestion)).toEqual(['Всей школе', 'Сотрудникам', 'Классу', 'Отмена']);
    await organiser.press(audience);
    if (audience === 'Классу') {
      await organiser.expect('Какому классу объявить трансляцию?');
      await organiser.press('5А');
    }
    const preview = await organiser.expect('Проверьте объявление');
    expect(labels(preview)).toEqual(['Объявить', 'Отмена']);
    return preview;
  }

  const reminders = (messages: { text: string }[]) => messages.filter((m) => m.text.startsWith('⏰'));

  it('F13: the head announces a broadcast to the whole school: the school channel\'s chat gets it, everyone not in that chat gets it privately, the one who never wrote is named; the reminders come once each, in the chat and privately', async () => {
    const { head, pavel, anna, ivan, igor, vanya, olga, petya } = people();
    const peer = await channelChat('school', [310]);
    const at = Date.now() + 14_000;
    const preview = await upToPreview(head, 'Линейка', at, 'Всей школе');
    expect(preview.text).toContain('📡 Трансляция «Линейка»');
    expect(preview.text).toContain(`Начало: ${when(at)}`);
    expect(preview.text).toContain('Ссылка: https://vk.com/video-1_2');
    expect(preview.text).toContain('Кому: вся школа — в общешкольном канале и лично тем, кого нет в его чате.');
    expect(preview.text).toContain('Напоминания придут за 4 с, за 2 с до начала.');
    await head.press('Объявить');
    const report = await head.expect(`✅ Трансляция «Линейка» объявлена: ${when(at)}.`);
    expect(report.text).toContain('В чате канала: объявление опубликовано.');
    // The school: 100, 210, 300, 301, 302, 310, 311, 312, 320 besides the head; Анна (the chat's owner) and Ваня are in the chat.
    expect(report.text).toContain('Лично получили: 5 из 7.');
    expect(report.text).toContain('[id311|Козлова Маша]');
    expect(report.text).toContain(`id${ADMIN_ID}`);
    expect(report.text).toContain('Перенести или отменить: /трансляции');
    const chat = h.driver.chat(peer);
    const inChat = await chat.expect('📡 Трансляция «Линейка»');
    expect(inChat.text).toContain('Ссылка: https://vk.com/video-1_2');
    for (const person of [pavel, ivan, igor, olga, petya]) await person.expect('📡 Трансляция «Линейка»');
    // The private copies went as one send to many (VK's peer_ids), not one call a person.
    const copies = h.emulator.callsOf('messages.send').filter((c) => c.params.message?.startsWith('📡') && c.params.peer_ids !== undefined && c.params.peer_ids !== String(peer));
    expect(copies.map((c) => c.params.peer_ids)).toEqual(['100,210,301,302,311,312,320']);
    // Reminders: two in the chat, two to each private recipient and to the head; none privately to those in the chat.
    await chat.expect('⏰ Напоминание: трансляция «Линейка» скоро начнётся.', { timeout: 10_000 });
    await jobsDoneBy(h, at);
    expect(reminders(chat.received)).toHaveLength(2);
    for (const person of [pavel, ivan, igor, olga, petya, head]) expect(reminders(person.received)).toHaveLength(2);
    for (const person of [anna, vanya]) expect(person.received).toHaveLength(0);
    const [stored] = await h.bot.app.services.broadcasts.upcoming(vk(200), 0);
    expect(stored).toMatchObject({ kind: 'broadcast', title: 'Линейка', chat: peer, recipients: vks(210, 301, 302, 312, 320), missed: 2, audience: { kind: 'school' } });
  });

  it('F13: a broadcast for one class goes privately to its students and parents only; cancelling it from /трансляции tells exactly them, no reminder comes, and a stale card\'s buttons are refused', async () => {
    const { head, anna, vanya, olga, petya } = people();
    const at = Date.now() + 3_600_000;
    const preview = await upToPreview(head, 'Классный час', at, 'Классу');
    expect(preview.text).toContain('Кому: ученики и родители 5А — в личные сообщения.');
    await head.press('Объявить');
    const report = await head.expect('✅ Трансляция «Классный час» объявлена');
    expect(report.text).not.toContain('В чате');
    expect(report.text).toContain('Лично получили: 2 из 3.');
    expect(report.text).toContain('[id311|Козлова Маша]');
    await vanya.expect('📡 Трансляция «Классный час»');
    await olga.expect('📡 Трансляция «Классный час»');
    // Two lists: the older card stays behind.
    await head.say('/трансляции');
    await head.expect('Предстоящие трансляции и вебинары школы (1).');
    const card = await head.expect('📡 Трансляция «Классный час»');
    expect(card.text).toContain('Кому: ученики и родители 5А — в личные сообщения. В чате не объявлялось, лично получили: 2.');
    expect(labels(card)).toEqual(['Перенести', 'Отменить']);
    await head.say('/трансляции');
    await head.expect('📡 Трансляция «Классный час»');
    await head.press('Отменить');
    await head.expectAnswer();
    expect(head.lastSnackbar()).toBe('Отменено, всем сообщено.');
    const notice = await vanya.expect('❌ Трансляция «Классный час»');
    expect(notice.text).toBe(`❌ Трансляция «Классный час» (${when(at)}) отменена.`);
    await olga.expect('❌ Трансляция «Классный час»');
    const cancelled = await head.expect((m) => m.text.startsWith('❌ Трансляция «Классный час»') && m.text.includes('Об этом узнали'));
    expect(cancelled.text).toContain('Об этом узнали в личных сообщениях: 2 из 2.');
    // The older card: both buttons refused, nothing sent again.
    await head.press('Перенести');
    await head.expectAnswer();
    expect(head.lastSnackbar()).toBe('Эта трансляция уже отменена.');
    await head.press('Отменить');
    await head.expectAnswer();
    expect(head.lastSnackbar()).toBe('Эта трансляция уже отменена.');
    await h.idle();
    expect(vanya.received.filter((m) => m.text.startsWith('❌'))).toHaveLength(1);
    for (const person of [anna, petya]) expect(person.received).toHaveLength(0);
    await head.say('/трансляции');
    await head.expect('В школе нет предстоящих трансляций и вебинаров.');
  });

  it('F13 F26: the head cancels a deputy\'s broadcast from the school\'s list: the audience is told and the deputy learns who did it; a teacher\'s online lesson is the teacher\'s alone', async () => {
    const { head, pavel, vanya, anna } = people();
    const at = Date.now() + 3_600_000;
    await upToPreview(pavel, 'Классный час', at, 'Классу');
    await pavel.press('Объявить');
    await pavel.expect('✅ Трансляция «Классный час» объявлена');
    await vanya.expect('📡 Трансляция «Классный час»');
    await head.say('/трансляции');
    await head.expect('Предстоящие трансляции и вебинары школы (1).');
    const card = await head.expect('📡 Трансляция «Классный час»');
    expect(card.text).toContain('Назначил: [id210|Кузнецов Павел].');
    await head.press('Отменить');
    await head.expectAnswer();
    expect(head.lastSnackbar()).toBe('Отменено, всем сообщено.');
    await vanya.expect('❌ Трансляция «Классный час»');
    const told = await pavel.expect('отменила вашу трансляцию «Классный час»');
    expect(told.text).toContain('[id200|Смирнова Ольга]');
    expect(told.text).toContain('Всем, кто получил объявление, сообщено.');

    // Анна's online lesson: the head's forged «Отменить» is refused, the lesson stays.
    const s = h.bot.app.services;
    const peer = await subjectChat('5А', [300, 310]);
    const [studyChat] = await s.studyChats.ofClass((await s.classes.findByName('5А'))!.id);
    await s.broadcasts.create(vk(300), { kind: 'lesson', title: 'Дроби', at, link: 'https://vk.com/call/1', audience: { kind: 'chat', studyChatId: studyChat!.id }, chat: peer, recipients: [], missed: 0 });
    const [lesson] = await h.bot.app.services.broadcasts.upcoming(vk(300), 0, ['lesson']);
    const forged = h.emulator.messageEvent(200, 200, 1, { k: 'cb', a: 'bc.cancel', id: lesson!.id });
    expect((await head.expectAnswer(forged))?.text).toBe('Изменить онлайн-урок может только учитель, который его объявил.');
    expect((await h.bot.app.services.broadcasts.get(lesson!.id))?.status).toBe('planned');
    await h.idle();
    expect(anna.received.filter((m) => m.text.includes('отменила'))).toHaveLength(0);
  });

  it('F13: with the school channel not bound the head is offered private copies; «Завтра» and a typed time set the start; moving it tells everyone who got it, and the reminders follow the new time', async () => {
    const { head, pavel, anna, vanya } = people();
    await head.say('/трансляция');
    await head.expect('Как называется трансляция?');
    await head.say('День открытых дверей');
    await head.expect('Когда начало?');
    await head.press('Завтра');
    const hour = await head.expect('Во сколько завтра?');
    expect(labels(hour)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    await head.say('10:00');
    await head.expect('Пришлите ссылку на трансляцию');
    await head.say('vk.com/video-5_6');
    await head.expect('Кому объявить трансляцию?');
    await head.press('Всей школе');
    const unbound = await head.expect('Общешкольный канал пока не привязан к чату');
    expect(labels(unbound)).toEqual(['Отправить лично', 'Выбрать другую аудиторию', 'Отмена']);
    await head.press('Отправить лично');
    const preview = await head.expect('Проверьте объявление');
    expect(preview.text).toContain('Ссылка: https://vk.com/video-5_6');
    expect(preview.text).toContain('Кому: вся школа — каждому в личные сообщения.');
    await head.press('Объявить');
    const report = await head.expect('✅ Трансляция «День открытых дверей» объявлена');
    const first = (await h.bot.app.services.broadcasts.upcoming(vk(200), 0))[0]!;
    expect(formatWhen(first.at, TZ, 'ru')).toContain('10:00');
    expect(first.at).toBeGreaterThan(Date.now());
    expect(first.at - Date.now()).toBeLessThan(48 * 3_600_000);
    expect(report.text).toContain('Лично получили: 7 из 9.');
    for (const person of [pavel, anna, vanya]) await person.expect('📡 Трансляция «День открытых дверей»');
    // Moved to a few seconds ahead.
    await head.say('/трансляции');
    await head.expect('📡 Трансляция «День открытых дверей»');
    await head.press('Перенести');
    const question = await head.expect(`На когда перенести трансляцию «День открытых дверей» (сейчас: ${when(first.at)})?`);
    expect(labels(question)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    await head.say('вчера');
    await head.expect('Не удалось понять время.');
    const moved = Date.now() + 10_000;
    await head.say(typedMoment(moved, TZ));
    const movedReport = await head.expect(`🔁 Трансляция «День открытых дверей» перенесена на ${when(moved)}.`);
    expect(movedReport.text).toContain('Об этом узнали в личных сообщениях: 7 из 7.');
    expect(movedReport.text).toContain('Напоминания придут за 4 с, за 2 с до начала.');
    for (const person of [pavel, anna, vanya]) {
      const notice = await person.expect('🔁 Трансляция «День открытых дверей» перенесена');
      expect(notice.text).toContain(`Было: ${when(first.at)}`);
      expect(notice.text).toContain('Ссылка: https://vk.com/video-5_6');
    }
    await jobsDoneBy(h, moved);
    for (const person of [pavel, anna, vanya, head]) expect(reminders(person.received)).toHaveLength(2);
    expect((await h.bot.app.services.broadcasts.get(first.id))).toMatchObject({ version: 2, at: Math.floor(moved / 1000) * 1000 });
  });

  it('F13: when VK refuses the post in the channel\'s chat, everyone of the audience gets the announcement privately and the report says so', async () => {
    const { head, anna, vanya } = people();
    const peer = await channelChat('school', [310]);
    await upToPreview(head, 'Собрание', Date.now() + 3_600_000, 'Всей школе');
    h.emulator.faults.failNext('messages.send', 917, 1);
    await head.press('Объявить');
    const report = await head.expect('✅ Трансляция «Собрание» объявлена');
    expect(report.text).toContain('В чат канала отправить не удалось — объявление ушло лично всем.');
    expect(report.text).toContain('Лично получили: 7 из 9.');
    await anna.expect('📡 Трансляция «Собрание»');
    await vanya.expect('📡 Трансляция «Собрание»');
    await h.idle();
    expect(h.driver.chat(peer).received.filter((m) => m.text.includes('Собрание'))).toHaveLength(0);
    const [stored] = await h.bot.app.services.broadcasts.upcoming(vk(200), 0);
    expect(stored?.title).toBe('Собрание');
    expect(stored?.chat).toBeUndefined();
  });

  it('F31: a deputy announces a webinar: no audience question, the staff channel\'s chat gets it and the staff not in it privately — no student or parent', async () => {
    const { pavel, head, anna, ivan, igor, vanya, olga } = people();
    const peer = await channelChat('staff', []);
    await pavel.say('/вебинар');
    await pavel.expect('Как называется вебинар или семинар?');
    await pavel.say('Учебные чаты в Сферуме');
    await pavel.expect('Когда начало?');
    const at = Date.now() + 3_600_000;
    await pavel.say(typedMoment(at, TZ));
    await pavel.expect('Пришлите ссылку на вебинар');
    await pavel.say('https://vk.com/video-7_8');
    const preview = await pavel.expect('Проверьте объявление');
    expect(preview.text).toContain('🎓 Вебинар для педагогов: «Учебные чаты в Сферуме»');
    expect(preview.text).toContain('Кому: сотрудники — в канале «Сотрудники» и лично тем, кого нет в его чате.');
    await pavel.press('Объявить');
    const report = await pavel.expect('✅ Вебинар «Учебные чаты в Сферуме» объявлен');
    expect(report.text).toContain('В чате канала: объявление опубликовано.');
    // The staff besides Павел: 100 (never wrote), 200, 301, 302; Анна is in the chat.
    expect(report.text).toContain('Лично получили: 3 из 4.');
    await h.driver.chat(peer).expect('🎓 Вебинар для педагогов: «Учебные чаты в Сферуме»');
    for (const person of [head, ivan, igor]) await person.expect('🎓 Вебинар для педагогов');
    await h.idle();
    for (const person of [anna, vanya, olga]) expect(person.received).toHaveLength(0);
    await pavel.say('/вебинары');
    const card = await pavel.expect('🎓 Вебинар «Учебные чаты в Сферуме»');
    expect(labels(card)).toEqual(['Перенести', 'Отменить']);
  });

  it('F31: with the staff channel not bound, the webinar is offered only as private copies, and goes to the staff privately', async () => {
    const { pavel, head, anna, vanya } = people();
    await pavel.say('/вебинар');
    await pavel.expect('Как называется вебинар или семинар?');
    await pavel.say('Методический семинар');
    await pavel.expect('Когда начало?');
    await pavel.say(typedMoment(Date.now() + 3_600_000, TZ));
    await pavel.expect('Пришлите ссылку на вебинар');
    await pavel.say('https://vk.com/video-3_4');
    const unbound = await pavel.expect('Канал «Сотрудники» пока не привязан к чату');
    expect(labels(unbound)).toEqual(['Отправить лично', 'Отмена']);
    await pavel.press('Отправить лично');
    const preview = await pavel.expect('Проверьте объявление');
    expect(preview.text).toContain('Кому: сотрудники — каждому в личные сообщения.');
    await pavel.press('Объявить');
    const report = await pavel.expect('✅ Вебинар «Методический семинар» объявлен');
    expect(report.text).toContain('Лично получили: 4 из 5.');
    for (const person of [head, anna]) await person.expect('🎓 Вебинар для педагогов: «Методический семинар»');
    await h.idle();
    expect(vanya.received).toHaveLength(0);
  });

  it('F26: a teacher types /урок in her subject chat: the dialog goes on privately with that chat, the lesson is announced in the chat, its reminder comes there once, nobody gets it privately', async () => {
    const { anna, vanya, olga } = people();
    const peer = await subjectChat('5А', [310]);
    const chat = h.driver.chat(peer);
    await anna.sayIn(peer, '/урок');
    await chat.expect('📬');
    await anna.expect('Пришлите ссылку на урок');
    await anna.say('ссылка будет позже');
    await anna.expect('Это не похоже на ссылку.');
    await anna.say('vk.com/call/join/xyz');
    const whenQuestion = await anna.expect('Когда начало?');
    expect(labels(whenQuestion)).toEqual(['Сегодня', 'Завтра', 'Отмена']);
    const at = Date.now() + 8000;
    await anna.say(typedMoment(at, TZ));
    const preview = await anna.expect('Проверьте объявление');
    expect(preview.text).toContain('💻 Онлайн-урок: Математика');
    expect(preview.text).toContain('Ссылка: https://vk.com/call/join/xyz');
    expect(preview.text).toContain('Учитель: Петрова Анна');
    expect(preview.text).toContain('Кому: учебный чат «5А · Математика».');
    expect(preview.text).toContain('Напоминание придёт в чат за 2 с до начала.');
    expect(labels(preview)).toEqual(['Объявить', 'Отмена']);
    await anna.press('Объявить');
    const report = await anna.expect(`✅ Онлайн-урок объявлен в чате «5А · Математика»: ${when(at)}.`);
    expect(report.text).toContain('Перенести или отменить урок: /уроки');
    const announcement = await chat.expect('💻 Онлайн-урок: Математика');
    expect(announcement.text).toContain(`Начало: ${when(at)}`);
    await chat.expect('⏰ Напоминание: онлайн-урок «Математика» скоро начнётся.', { timeout: 10_000 });
    await jobsDoneBy(h, at);
    expect(reminders(chat.received)).toHaveLength(1);
    expect(vanya.received).toHaveLength(0);
    expect(olga.received).toHaveLength(0);
    expect(reminders(anna.received)).toHaveLength(0);
  });

  it('F26: when the bot cannot post in the subject chat, the lesson is not announced and the teacher is told why', async () => {
    const { anna } = people();
    const peer = await subjectChat('5А', []);
    await anna.say('/урок');
    await anna.expect('В каком учебном чате объявить онлайн-урок?');
    await anna.press('5А · Математика');
    await anna.expect('Пришлите ссылку на урок');
    await anna.say('https://vk.com/call/join/xyz');
    await anna.expect('Когда начало?');
    await anna.say(typedMoment(Date.now() + 3_600_000, TZ));
    await anna.expect('Проверьте объявление');
    h.emulator.faults.failNext('messages.send', 917, 1);
    await anna.press('Объявить');
    await anna.expect('Не удалось отправить объявление в чат «5А · Математика»: проверьте, что бот всё ещё в этом чате. Урок не объявлен.');
    await h.idle();
    expect(h.driver.chat(peer).received.filter((m) => m.text.includes('Онлайн-урок'))).toHaveLength(0);
    expect(await h.bot.app.services.broadcasts.upcoming(vk(300), 0)).toEqual([]);
  });

  it('F26: in private /урок asks which subject chat with buttons; /уроки moves the lesson (the chat is told) and cancels it (the chat is told)', async () => {
    const { anna } = people();
    await subjectChat('5А', []);
    const peer6 = await subjectChat('6А', []);
    const chat = h.driver.chat(peer6);
    await anna.say('/урок');
    const pick = await anna.expect('В каком учебном чате объявить онлайн-урок?');
    expect(labels(pick)).toEqual(['5А · Математика', '6А · Математика', 'Отмена']);
    await anna.say('7Б · Физика');
    await anna.expect('Выберите вариант кнопкой ниже.');
    await anna.press('6А · Математика');
    await anna.expect('Пришлите ссылку на урок');
    await anna.say('https://vk.com/call/join/six');
    await anna.expect('Когда начало?');
    await anna.press('Завтра');
    await anna.expect('Во сколько завтра?');
    await anna.say('12:00');
    await anna.expect('Проверьте объявление');
    await anna.press('Объявить');
    await anna.expect('✅ Онлайн-урок объявлен в чате «6А · Математика»');
    await chat.expect('💻 Онлайн-урок: Математика');
    const [lesson] = await h.bot.app.services.broadcasts.upcoming(vk(300), 0);
    await anna.say('/уроки');
    await anna.expect('Ваши предстоящие онлайн-уроки (1):');
    const card = await anna.expect('💻 Онлайн-урок: Математика');
    expect(card.text).toContain('Кому: учебный чат «6А · Математика». Объявлено в чате');
    await anna.press('Перенести');
    await anna.expect('На когда перенести онлайн-урок «Математика»');
    const moved = Date.now() + 7_200_000;
    await anna.say(typedMoment(moved, TZ));
    const report = await anna.expect(`🔁 Онлайн-урок «Математика» перенесён на ${when(moved)}.`);
    expect(report.text).toContain('В чате: сообщено.');
    const notice = await chat.expect('🔁 Онлайн-урок «Математика» перенесён');
    expect(notice.text).toContain(`Было: ${when(lesson!.at)}`);
    await anna.say('/уроки');
    await anna.expect('💻 Онлайн-урок: Математика');
    await anna.press('Отменить');
    await chat.expect(`❌ Онлайн-урок «Математика» (${when(moved)}) отменён.`);
    const cancelled = await anna.expect((m) => m.text.startsWith(`❌ Онлайн-урок «Математика» (${when(moved)}) отменён.`));
    expect(cancelled.text).toContain('В чате: сообщено.');
    await anna.say('/уроки');
    await anna.expect('У вас нет предстоящих онлайн-уроков.');
  });

  it('F13 F31 F26: a student, a parent, an unverified teacher and a teacher without a subject chat are refused, in private and in a chat; nothing is kept', async () => {
    const { anna, ivan, igor, vanya, olga } = people();
    const peer = await subjectChat('5А', [310, 301]);
    await vanya.say('/трансляция');
    await vanya.expect('Трансляции и вебинары объявляют руководитель школы, его заместители и администраторы.');
    await olga.say('/вебинар');
    await olga.expect('Трансляции и вебинары объявляют руководитель школы');
    await anna.say('/broadcasts');
    await anna.expect('Трансляции и вебинары объявляют руководитель школы');
    await vanya.say('/урок');
    await vanya.expect('Онлайн-уроки объявляют учителя в своих учебных чатах.');
    await olga.say('/уроки');
    await olga.expect('Онлайн-уроки объявляют учителя в своих учебных чатах.');
    await igor.say('/урок');
    await igor.expect('Онлайн-уроки объявляют учителя с подтверждённым статусом.');
    // In the subject chat: the student is answered there; another teacher's chat is not Иван's.
    await vanya.sayIn(peer, '/урок');
    await h.driver.chat(peer).expect('Онлайн-уроки объявляют учителя в своих учебных чатах.');
    await ivan.sayIn(peer, '/урок');
    await ivan.expect('Этот чат — не ваш учебный чат.');
    await ivan.expect('У вас пока нет учебных чатов.');
    // /help shows the commands to those who may use them only.
    await anna.say('/помощь');
    await anna.expect('Ваши роли');
    await anna.press('Все команды');
    const annaHelp = await anna.expect('Что вы можете сделать:');
    expect(annaHelp.text).toContain('/урок — объявить онлайн-урок в учебном чате');
    expect(annaHelp.text).not.toContain('/broadcast —');
    await vanya.say('/помощь');
    await vanya.expect('Ваши роли');
    await vanya.press('Все команды');
    const vanyaHelp = await vanya.expect('Что вы можете сделать:');
    expect(vanyaHelp.text).not.toContain('/lesson');
    expect(vanyaHelp.text).not.toContain('/broadcast');
    await h.idle();
    for (const id of [300, 301, 302, 310, 312]) expect(await h.bot.app.services.broadcasts.upcoming(vk(id), 0)).toEqual([]);
  });

  it('F13: bad input at each prompt is answered and asked again; a stale button at the preview is refused; /отмена keeps nothing', async () => {
    const { head, vanya } = people();
    await head.say('/помощь');
    await head.expect('Ваши роли');
    await head.press('Все команды');
    const help = await head.expect('Что вы можете сделать:');
    expect(help.text).toContain('/трансляция — объявить трансляцию');
    expect(help.text).toContain('/вебинар — объявить вебинар');
    expect(help.text).toContain('/трансляции — ваши предстоящие трансляции');
    await head.say('/трансляция');
    await head.expect('Как называется трансляция?');
    await head.say('/что-то');
    await head.expect('Здесь нужен ответ, а не команда.');
    await head.say('я'.repeat(151));
    await head.expect('Слишком длинно: не больше 150');
    await head.say('Концерт');
    await head.expect('Когда начало?');
    await head.say('когда-нибудь');
    await head.expect('Не удалось понять время.');
    await head.say('01.09.2020 10:00');
    await head.expect('Это время уже прошло.');
    await head.press('Сегодня');
    await head.expect('Во сколько сегодня?');
    await head.say('25:00');
    await head.expect('Не удалось понять время.');
    await head.say(typedMoment(Date.now() + 3_600_000, TZ));
    await head.expect('Пришлите ссылку на трансляцию');
    await head.say('просто текст');
    await head.expect('Это не похоже на ссылку.');
    await head.say('ftp://files.school.ru/video');
    await head.expect('Это не похоже на ссылку.');
    await head.say('https://localhost/video');
    await head.expect('Это не похоже на ссылку.');
    await head.say(`https://vk.com/${'a'.repeat(600)}`);
    await head.expect('Ссылка слишком длинная: можно не больше 500 символов.');
    await head.say('https://vk.com/video-9_9');
    await head.expect('Кому объявить трансляцию?');
    await head.say('всем');
    await head.expect('Выберите вариант кнопкой ниже.');
    await head.press('Классу');
    await head.expect('Какому классу объявить трансляцию?');
    await head.say('9Я');
    await head.expect('Выберите вариант кнопкой ниже.');
    await head.say('5а');
    await head.expect('Проверьте объявление');
    await head.say('да');
    await head.expect('Выберите вариант кнопкой ниже.');
    // An audience button pressed again at the preview: stale.
    await head.say('Всей школе', { payload: { k: 'scene', s: 'broadcast', v: 'school' } });
    const stale = await head.expect('Эта кнопка устарела');
    expect(labels(stale)).toEqual(['Объявить', 'Отмена']);
    await head.press('Отмена');
    await head.expect('Отменено. Ничего не сохранено.');
    await h.idle();
    expect(await h.bot.app.services.broadcasts.upcoming(vk(200), 0)).toEqual([]);
    expect(vanya.received).toHaveLength(0);
  });
});
