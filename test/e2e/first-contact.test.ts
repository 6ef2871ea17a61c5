import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../emulator/driver.js';
import { formatWhen } from '../../src/i18n.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { STAFF_ROOM_ID, globalKeys } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { PROFILE } from '../helpers/school-profile.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (m: ReceivedMessage): string[] => m.keyboard?.buttons.flat().map((b) => b.label) ?? [];
const STICKER = { attachments: ['sticker0_9012'] };


describe('first contact (F27, F14, F28)', () => {
  let h: Harness;
  let classId: string;
  beforeEach(async () => {
    h = await Harness.start();
    await h.bot.app.school.save(PROFILE, ADMIN);
    classId = (await h.bot.app.services.classes.create(ADMIN, '5А')).id;
  });
  afterEach(() => h.close());

  const services = () => h.bot.app.services;

  /** Files a request the way onboarding does, without the dialog. */
  async function fileRequest(role: 'student' | 'parent' | 'teacher', userId: number, name: string) {
    const invite = await services().invites.create(ADMIN, { classId: role === 'teacher' ? STAFF_ROOM_ID : classId, role });
    const used = await services().invites.use(invite.id, { personId: vk(userId), name, consent: true, childName: 'Петров Ваня', subjects: ['Физика'] });
    if (!used.ok) throw new Error(used.reason);
    return used.request;
  }

  it('F27: a greeting, a question and a sticker from a stranger get how to join with a code button, not the generic fallback', async () => {
    const stranger = h.driver.user({ id: 600, firstName: 'Пётр', lastName: 'Сидоров' });
    for (const [text, options] of [['Здравствуйте', {}], ['как вступить?', {}], ['', STICKER]] as const) {
      await stranger.say(text, options);
      const intro = await stranger.expect('Чтобы вступить в класс или в Учительскую');
      expect(intro.text).toContain('Это бот «МАОУ СОШ № 11»');
      expect(intro.text).not.toContain('Я понимаю команды');
      expect(labels(intro)).toEqual(['Ввести код приглашения']);
    }
  });

  it('F27: the code button opens a step where the code is typed; a greeting there is not a wrong code; the right code opens onboarding', async () => {
    const invite = await services().invites.create(ADMIN, { classId, role: 'student' });
    const stranger = h.driver.user({ id: 601, firstName: 'Иван', lastName: 'Петров' });
    await stranger.say('привет');
    await stranger.expect('Ввести код приглашения');
    await stranger.press('Ввести код приглашения');
    const ask = await stranger.expect('Отправьте код приглашения');
    expect(labels(ask)).toEqual(['Отмена']);
    await stranger.say('Здравствуйте, а где код взять?');
    await stranger.expect((m) => m.text.includes('Это не похоже на код приглашения') && m.text.includes('Отправьте код приглашения'));
    await stranger.say('', STICKER);
    await stranger.expect('Отправьте код приглашения');
    const throttle = globalKeys(h.db.prefix).codeThrottle(vk(601));
    expect(await h.db.redis.exists(throttle)).toBe(0);
    await stranger.say('ABCDEFGH');
    await stranger.expect((m) => m.text.includes('Такого кода нет') && m.text.includes('Отправьте код приглашения'));
    expect(await h.db.redis.exists(throttle)).toBe(1);
    await stranger.say(invite.code.toLowerCase());
    const confirm = await stranger.expect('Вас приглашают');
    expect(confirm.text).toContain('Класс: 5А');
  });

  it('F27: a person with a pending request is told class, role, since when and who decides, whatever they write', async () => {
    await verifiedTeacher(services(), 300, 'Петрова Анна Сергеевна');
    await services().members.assignClassTeacher(ADMIN, classId, vk(300));
    const request = await fileRequest('student', 602, 'Петров Иван');
    const applicant = h.driver.user({ id: 602, firstName: 'Иван', lastName: 'Петров' });
    const since = `Отправлена: ${formatWhen(request.createdAt, h.config.SCHOOL_TZ, 'ru')}`;
    for (const [text, options] of [['/start', {}], ['Здравствуйте! Когда меня примут?', {}], ['', STICKER], ['/помощь', {}]] as const) {
      await applicant.say(text, options);
      const pending = await applicant.expect('Ваша заявка ждёт проверки');
      expect(pending.text).toContain('Класс: 5А');
      expect(pending.text).toContain('Роль: ученик');
      expect(pending.text).toContain(since);
      expect(pending.text).toContain('Решение примет классный руководитель: Петрова Анна Сергеевна.');
      expect(pending.text).not.toContain('ссылка-приглашение');
    }
  });

  it('F27: a request of a class without a class teacher, or a teacher\'s, is decided by the administration; an English reader reads English dates', async () => {
    await fileRequest('parent', 603, 'Петрова Ольга');
    const parent = h.driver.user({ id: 603, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.say('добрый вечер');
    const pending = await parent.expect('Ваша заявка ждёт проверки');
    expect(pending.text).toContain('Роль: родитель');
    expect(pending.text).toContain('Ребёнок: Петров Ваня');
    expect(pending.text).toContain('Решение примет администрация школы.');
    const request = await fileRequest('teacher', 604, 'Jones Mary');
    const teacher = h.driver.user({ id: 604, firstName: 'Mary', lastName: 'Jones', langId: 3 });
    await teacher.say('hello');
    const english = await teacher.expect('Your join request is waiting for review');
    expect(english.text).toContain('Class: Учительская');
    expect(english.text).toContain('Role: teacher');
    expect(english.text).toContain(`Sent: ${formatWhen(request.createdAt, h.config.SCHOOL_TZ, 'en')}`);
    expect(english.text).toContain("The school's administration decides.");
  });

  it('F27: a person in the middle of onboarding who writes /start or «начать» is brought back to their step, with what they answered kept', async () => {
    const invite = await services().invites.create(ADMIN, { classId, role: 'parent' });
    const parent = h.driver.user({ id: 605, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await parent.expect('Вас приглашают');
    await parent.say('/start');
    await parent.expect('Продолжим с того места, где вы остановились.');
    const again = await parent.expect('Вас приглашают');
    expect(labels(again)).toEqual(['Да, всё верно', 'Нет, это не мне', 'Отмена']);
    await parent.press('Да, всё верно');
    await parent.expect('фамилию, имя и отчество');
    await parent.say('Петрова Ольга Николаевна');
    await parent.expect('Как зовут вашего ребёнка');
    await parent.say('начать');
    await parent.expect('Продолжим с того места');
    await parent.expect('Как зовут вашего ребёнка');
    await parent.say('Петров Иван');
    await parent.expect('Согласие');
    await parent.press('Даю согласие');
    await parent.expect('Заявка отправлена');
    const [filed] = await services().requests.pendingOf(vk(605));
    expect(filed?.applicant).toMatchObject({ name: 'Петрова Ольга Николаевна', childName: 'Петров Иван', role: 'parent' });
  });

  it("F27: a member's /start greets them by their own name, not the school's: the first name, with the patronymic when known", async () => {
    const admin = h.admin();
    await admin.say('/start');
    const hello = await admin.expect('Здравствуйте');
    expect(hello.text).toContain('Здравствуйте, Мария!');
    expect(hello.text).not.toContain('Здравствуйте, МАОУ');
    await joinAs(services(), 'student', '5А', 606, 'Сидоров Иван');
    const student = h.driver.user({ id: 606, firstName: 'Ваня', lastName: 'Сидоров' });
    await student.say('/start');
    await student.expect('Здравствуйте, Иван! Вы в боте «МАОУ СОШ № 11».');
    await joinAs(services(), 'parent', '5А', 608, 'Сидорова Анна Петровна');
    const parent = h.driver.user({ id: 608, firstName: 'Анна', lastName: 'Сидорова' });
    await parent.say('/start');
    await parent.expect('Здравствуйте, Анна Петровна! Вы в боте «МАОУ СОШ № 11».');
  });

  it('F14: «помощь», «начать», «отмена» typed without a slash work like the commands', async () => {
    const admin = h.admin();
    await admin.say('Помощь');
    await admin.expect('Что вы можете сделать');
    await admin.say('начать!');
    await admin.expect('Здравствуйте, Мария!');
    const stranger = h.driver.user({ id: 607, firstName: 'Пётр', lastName: 'Сидоров' });
    await stranger.say('/вступить');
    await stranger.expect('Отправьте код приглашения');
    await stranger.say('отмена');
    await stranger.expect('Отменено');
    await stranger.say('помощь');
    await stranger.expect('Ввести код приглашения');
  });

  it('F28: a member who writes free text gets the hint with a help button, not the stranger text', async () => {
    const admin = h.admin();
    await admin.say('добрый день');
    const hint = await admin.expect('Я понимаю команды и кнопки');
    expect(labels(hint)).toEqual(['Список команд']);
    await admin.press('Список команд');
    await admin.expect('Что вы можете сделать');
    expect(admin.received.some((m) => m.text.includes('Чтобы вступить'))).toBe(false);
  });

  it('F28: in a chat where the bot sees every message, plain talk and bare words stay ignored; after the mention they work', async () => {
    await h.close();
    h = await Harness.start({ emulator: { botSeesAllChatMessages: true } });
    const admin = h.admin();
    const stranger = h.driver.user({ id: 608, firstName: 'Пётр', lastName: 'Сидоров' });
    const chat = h.emulator.addChat({ ownerId: admin.id, title: '5А родители', memberIds: [admin.id, stranger.id] });
    const peerId = 2_000_000_000 + chat.chatId;
    await stranger.sayIn(peerId, `[club${h.emulator.groupId}|@school] здравствуйте`);
    await stranger.sayIn(peerId, 'помощь');
    await stranger.sayIn(peerId, `[club${h.emulator.groupId}|@school] помощь`);
    await stranger.sayIn(peerId, '/язык');
    // Per-peer order: once the answer to the last message arrives, every message before it was handled.
    await h.driver.chat(peerId).expect('Выберите язык');
    expect(h.driver.chat(peerId).received.map((m) => m.text.split('\n')[1] ?? m.text)).toEqual([
      expect.stringContaining('Чтобы вступить в класс'),
      expect.stringContaining('Выберите язык'),
    ]);
    expect(stranger.received).toHaveLength(0);
  });
});
