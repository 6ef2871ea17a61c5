import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../emulator/index.js';
import { STAFF_ROOM_NAME } from '../../src/domain/types.js';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import { PROFILE } from '../helpers/school-profile.js';

/** The labels of a message's keyboard, row by row. */
const rows = (message: ReceivedMessage): string[][] => message.keyboard?.buttons.map((row) => row.map((b) => b.label)) ?? [];

/** A main menu: VK's persistent keyboard in the private dialog (neither inline nor one-time). */
function expectMenu(message: ReceivedMessage, expected: string[][]): void {
  expect(message.keyboard, 'a keyboard').toBeDefined();
  expect(message.keyboard?.inline, 'not inline').toBe(false);
  expect(message.keyboard?.oneTime, 'persistent').toBe(false);
  expect(rows(message)).toEqual(expected);
}

const ADMIN_MENU = [
  ['Заявки', 'Классы'],
  ['Пригласить', 'Пост'],
  ['Первые шаги', 'Сотрудники'],
  ['Ещё', 'Помощь'],
];

describe('menus and the first steps (issue 10, F14)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it("each role's /start shows its own main menu as a persistent keyboard; several roles are merged", async () => {
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.create(ADMIN, '5А');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Сидоров Олег');
    await verifiedTeacher(s, 302, 'Кузнецова Ольга');
    await s.members.setAdministrationRole(ADMIN, vk(300), 'head');
    await s.members.setAdministrationRole(ADMIN, vk(301), 'deputy');
    await joinAs(s, 'teacher', 'staff', 303, 'Новиков Игорь');
    await joinAs(s, 'student', '5А', 304, 'Смирнов Ваня');
    await joinAs(s, 'parent', '5А', 305, 'Смирнова Елена', 'Смирнов Ваня');

    const cases: [number, string[][]][] = [
      [ADMIN_ID, ADMIN_MENU],
      [300, [['Встреча', 'Трансляция'], ['Подтвердить учителей', 'Чаты коллектива'], ['Предложить материал', 'Встречи'], ['Ещё', 'Помощь']]],
      [301, [['Встреча', 'Трансляция'], ['Подтвердить учителей', 'Предложить материал'], ['Встречи', 'Трансляции'], ['Ещё', 'Помощь']]],
      [302, [['Мои чаты', 'Новый чат'], ['Онлайн-урок', 'Предложить материал'], ['Ещё', 'Помощь']]],
      // A teacher not yet confirmed has no teacher powers yet: only help.
      [303, [['Помощь']]],
      [304, [['Мои чаты'], ['Помощь']]],
      [305, [['Мои чаты'], ['Помощь']]],
    ];
    for (const [id, menu] of cases) {
      const person = id === ADMIN_ID ? h.admin() : h.driver.user({ id, firstName: 'Имя' });
      await person.say('/start');
      expectMenu(await person.expect('Здравствуйте'), menu);
    }
    // The admin who is also a class teacher keeps the admin's menu first.
    await s.members.assignClassTeacher(ADMIN, (await s.classes.findByName('5А'))!.id, vk(302));
    const classTeacher = h.driver.user({ id: 302, firstName: 'Ольга' });
    await classTeacher.say('меню');
    expectMenu(await classTeacher.expect('Главное меню'), [['Мои чаты', 'Новый чат'], ['Онлайн-урок', 'Предложить материал'], ['Заявки', 'Пригласить'], ['Ещё', 'Помощь']]);
  });

  it('a menu button runs its command; «меню», «/меню» and «Ещё»/«Назад» show the menu and its second page', async () => {
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.create(ADMIN, '5А');
    const admin = h.admin();
    await admin.say('/start');
    // The admin is reminded of the school's first steps left.
    expect((await admin.expect('Здравствуйте')).text).toContain('Первые шаги школы: сделано 1 из 4');
    await admin.press('Классы');
    await admin.expect('Классов: 1');
    await admin.say('меню');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    await admin.say('/меню');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    await admin.press('Ещё');
    expectMenu(await admin.expect('Остальные действия'), [
      ['Классные руководители', 'Приглашения'],
      ['Перевод ученика', 'Журнал'],
      ['Профиль школы', 'Администраторы'],
      ['Материалы', 'Мои чаты'],
      ['Назад'],
    ]);
    await admin.press('Назад');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    // A button of the second page runs its command; an answer with buttons of its own keeps them, «меню» brings the menu back.
    await admin.press('Ещё');
    await admin.expect('Остальные действия');
    await admin.press('Журнал');
    const journal = await admin.expect('Журнал');
    expect(rows(journal)).not.toEqual(ADMIN_MENU);
    await admin.say('меню');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    await admin.press('Ещё');
    await admin.expect('Остальные действия');
    await admin.press('Назад');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    await admin.say('/меню ещё');
    expect(rows(await admin.expect('Остальные действия')).at(-1)).toEqual(['Назад']);
    await admin.press('Назад');
    await admin.expect('Главное меню');
    await admin.press('Помощь');
    await admin.expect('Ваши роли');
  });

  it('after a cancelled or a finished dialog the menu comes back', async () => {
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.create(ADMIN, '5А');
    const admin = h.admin();
    await admin.say('/start');
    await admin.expect('Здравствуйте');
    // «Пригласить» opens the invite builder: its own one-time keyboard replaces the menu; «Отмена» brings it back.
    await admin.press('Пригласить');
    const ask = await admin.expect('Куда приглашаем?');
    expect(ask.keyboard?.oneTime).toBe(true);
    await admin.press('Отмена');
    expectMenu(await admin.expect('Отменено'), ADMIN_MENU);
    // A dialog that ends with its last reply (the rename) is followed by the menu.
    await admin.say('/переименовать 5А');
    await admin.expect('Напишите новое название');
    await admin.say('5Б');
    await admin.expect('переименован в 5Б');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
    // A dialog whose end shows a card with its own buttons (the invite builder) keeps them: no menu over them.
    await admin.press('Пригласить');
    await admin.expect('Куда приглашаем');
    await admin.press('Учительская');
    await admin.expect('Сколько человек');
    await admin.press('1 человек');
    await admin.expect('Сколько дней');
    await admin.press('30 дней');
    await admin.expect('Проверьте приглашение');
    await admin.press('Создать');
    const card = await admin.expect('Приглашение готово');
    expect(rows(card)[0]).toEqual(['Отправить человеку']);
    await h.idle();
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.keyboard && !m.keyboard.inline).at(-1)?.text).toContain('Приглашение готово');
    // A one-time button whose answer has no keyboard of its own (the language) brings the menu back.
    await admin.say('/язык');
    await admin.expect('Выберите язык');
    await admin.press('Русский');
    expectMenu(await admin.expect('Язык переключён'), ADMIN_MENU);
    // Typing /cancel (in Latin or Russian) in the middle of a dialog: the same.
    await admin.say('/переименовать 5Б');
    await admin.expect('Напишите новое название');
    await admin.say('/cancel');
    expectMenu(await admin.expect('Отменено'), ADMIN_MENU);
    await admin.say('/переименовать 5Б');
    await admin.expect('Напишите новое название');
    await admin.say('отмена');
    expectMenu(await admin.expect('Отменено'), ADMIN_MENU);
    await h.idle();
    // One menu for each end of a dialog, no more: the rename's alone needed a message of its own.
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('Главное меню'))).toHaveLength(1);
  });

  it('a student sees no admin buttons, and a forged menu payload for an action without rights is refused politely', async () => {
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.create(ADMIN, '5А');
    await joinAs(s, 'student', '5А', 304, 'Смирнов Ваня');
    const student = h.driver.user({ id: 304, firstName: 'Ваня' });
    await student.say('/start');
    const menu = await student.expect('Здравствуйте');
    expectMenu(menu, [['Мои чаты'], ['Помощь']]);
    for (const label of ['Заявки', 'Классы', 'Пригласить', 'Пост', 'Первые шаги', 'Ещё']) expect(menu.keyboard?.buttons.flat().map((b) => b.label)).not.toContain(label);
    await student.say('Заявки', { payload: { k: 'cmd', c: 'requests' } });
    await student.expect('Эта команда вам недоступна');
    await student.say('Ещё', { payload: { k: 'cmd', c: 'setup' } });
    await student.expect('Эта команда вам недоступна');
    await student.say('/шаги');
    await student.expect('Эта команда вам недоступна');
    await h.idle();
    expect(await s.firstSteps.checklist()).toMatchObject({ next: 'staff-invite' });
  });

  it("after the school setup the admin is led through the first steps, and the checklist follows the school's records", async () => {
    const admin = h.admin();
    await admin.say('/start');
    await admin.expect('Полное наименование');
    for (const answer of [PROFILE.fullName, PROFILE.shortName, PROFILE.city, PROFILE.adminName, PROFILE.email, PROFILE.phone]) await admin.say(answer);
    await admin.expect('Проверьте профиль школы');
    await admin.press('Всё верно');
    await admin.expect('Профиль школы сохранён');
    await admin.expect('Заявка на регистрацию');
    const steps = await admin.expect('Первые шаги:');
    expect(steps.text).toContain('▫️ 1. Создайте классы');
    expect(steps.text).toContain('▫️ 2. Пригласите учителей в «Учительскую»');
    expect(steps.text).toContain('▫️ 3. Назначьте классных руководителей');
    expect(steps.text).toContain('▫️ 4. Создайте приглашения для классов');
    expect(steps.text).toContain('Начните с классов');
    expect(steps.text).not.toContain('✅');
    expect(rows(steps)).toEqual([['Создать классы'], ['Пригласить учителей'], ['Назначить классных руководителей'], ['Приглашения в классы'], ['Меню']]);
    expect(steps.keyboard?.buttons[0]?.[0]?.color).toBe('primary');
    // The first step's button opens the class structure wizard.
    await admin.press('Создать классы');
    await admin.expect((m) => m.keyboard?.oneTime === true);
    await admin.press('Отмена');
    expectMenu(await admin.expect('Отменено'), ADMIN_MENU);
    await admin.say('/классы 5А 5Б');
    await admin.expect('5Б');
    await admin.press('Первые шаги');
    const afterClasses = await admin.expect('Первые шаги:');
    expect(afterClasses.text).toContain('✅ 1. Создайте классы');
    expect(afterClasses.text).toContain('▫️ 3. Назначьте классных руководителей (0 из 2)');
    expect(afterClasses.text).toContain('▫️ 4. Создайте приглашения для классов (0 из 2)');
    expect(rows(afterClasses)).toEqual([['Пригласить учителей'], ['Назначить классных руководителей'], ['Приглашения в классы'], ['Меню']]);
    // The staff room's invite is made by its button, at once.
    await admin.press('Пригласить учителей');
    const card = await admin.expect(`Приглашение готово: ${STAFF_ROOM_NAME}`);
    // The card's own buttons stay: the menu does not replace them.
    expect(card.keyboard?.oneTime).toBe(true);
    expect(rows(card)[0]).toEqual(['Отправить человеку']);
    await h.idle();
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.keyboard && !m.keyboard.inline).at(-1)?.text).toContain('Приглашение готово');
    await h.idle();
    const classes = await h.bot.app.services.classes.list();
    await joinAs(h.bot.app.services, 'teacher', 'staff', 300, 'Петрова Анна');
    await h.bot.app.services.members.verifyTeacher(ADMIN, vk(300));
    await h.bot.app.services.members.assignClassTeacher(ADMIN, classes.find((c) => c.name === '5А')!.id, vk(300));
    await admin.say('/шаги');
    const later = await admin.expect('Первые шаги:');
    expect(later.text).toContain('✅ 2. Пригласите учителей');
    expect(later.text).toContain('▫️ 3. Назначьте классных руководителей (1 из 2)');
    expect(later.text).toContain('Дальше — классные руководители');
    await admin.press('Меню');
    expectMenu(await admin.expect('Главное меню'), ADMIN_MENU);
  });

  it('a chat never gets the menu; an English speaker gets it in English; /язык takes the language by its Russian name', async () => {
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.create(ADMIN, '5А');
    await joinAs(s, 'student', '5А', 304, 'Смирнов Ваня');
    await joinAs(s, 'parent', '5А', 305, 'Brown Anna', 'Смирнов Ваня');
    const admin = h.admin();
    const chat = h.emulator.addChat({ ownerId: admin.id, title: '5А родители', memberIds: [admin.id] });
    const peerId = 2_000_000_000 + chat.chatId;
    const room = h.driver.chat(peerId);
    await admin.sayIn(peerId, '/start');
    const greeting = await room.expect('Здравствуйте');
    expect(greeting.keyboard).toBeUndefined();
    const english = h.driver.user({ id: 305, firstName: 'Anna', lastName: 'Brown', langId: 3 });
    await english.say('/start');
    expectMenu(await english.expect('Hello'), [['My chats'], ['Help']]);
    const student = h.driver.user({ id: 304, firstName: 'Ваня' });
    await student.say('/язык английский');
    await student.expect('The language is now English.');
    await student.say('/язык русский');
    await student.expect('Язык переключён на русский');
  });
});
