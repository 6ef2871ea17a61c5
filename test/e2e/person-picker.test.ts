import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import type { Services } from '../../src/domain/index.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

/** What a person sees of a text: a VK mention `[id1|Имя]` shows as its name. */
const asSeen = (text: string): string => text.replace(/\[(?:id|club)\d+\|([^\]]*)\]/gu, '$1');

/** A raw id in what a person reads: `id601`, a request `r1`, a class `c1`. */
const RAW_ID = /\bid\d+\b|\br\d+\b|\bc\d+\b/u;

describe('people by name: the person picker (issue 10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  /** 5А: Соколова Мария (310), Петров Иван (311); 5Б: Соколов Пётр (312); 6А empty; a parent of 5А, Петрова Анна (320). */
  async function school(s: Services): Promise<void> {
    await s.classes.createMany(ADMIN, ['5А', '5Б', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Соколова Мария');
    await joinAs(s, 'student', '5А', 311, 'Петров Иван');
    await joinAs(s, 'student', '5Б', 312, 'Соколов Пётр');
    await joinAs(s, 'parent', '5А', 320, 'Петрова Анна', 'Петров Ванечка');
  }

  it('F10: /transfer Соколова 6А — one match by a part of the surname: a confirmation with the name, then the transfer', async () => {
    const s = h.bot.app.services;
    await school(s);
    const admin = h.admin();
    await admin.say('/transfer Соколова 6А');
    const ask = await admin.expect('Перевести [id310|Соколову Марию] из 5А в 6А?');
    expect(labels(ask)).toEqual(['Перевести', 'Отмена']);
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('5А')]);
    await admin.press('Перевести');
    await admin.expect('[id310|Соколова Мария] переведена из 5А в 6А.');
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('6А')]);
  });

  it('F10: a part of the surname that fits two students gives their buttons (name and class); one is picked; «ё» is «е», case does not matter', async () => {
    const s = h.bot.app.services;
    await school(s);
    const admin = h.admin();
    await admin.say('/transfer СОКО 6А');
    const pick = await admin.expect('По запросу «СОКО» нашлось несколько человек: 2.');
    expect(labels(pick)).toEqual(['Соколов Пётр, 5Б', 'Соколова Мария, 5А', 'Отмена']);
    await admin.press('Соколов Пётр, 5Б');
    await admin.expect('[id312|Соколов Пётр] переведён из 5Б в 6А.');
    expect((await s.members.get(vk(312)))?.classIds).toEqual([await classId('6А')]);
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('5А')]);
    // «петр» finds «Пётр» and «Петров»; the parent Петрова is no student and is not offered.
    await admin.say('/transfer петр');
    const two = await admin.expect('нашлось несколько человек: 2');
    expect(labels(two)).toEqual(['Петров Иван, 5А', 'Соколов Пётр, 6А', 'Отмена']);
    await admin.press('Петров Иван, 5А');
    const target = await admin.expect('В какой класс перевести [id311|Петрова Ивана]? Сейчас: 5А.');
    expect(labels(target)).toEqual(['5Б', '6А', 'Отмена']);
  });

  it('F10: nobody by that name: says so, what to try, and offers the classes', async () => {
    const s = h.bot.app.services;
    await school(s);
    const admin = h.admin();
    await admin.say('/transfer Кузнецов 6А');
    const none = await admin.expect('никого по запросу «Кузнецов» нет');
    expect(none.text).toContain('Проверьте написание или напишите только начало фамилии');
    expect(labels(none)).toEqual(expect.arrayContaining(['5А', '5Б', '6А', 'Отмена']));
    // The parent is found by name but is no student: nobody to transfer.
    await admin.say('/transfer Петрова 6А');
    await admin.expect('никого по запросу «Петрова» нет');
    await h.idle();
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('5А')]);
  });

  it('F10: /transfer with nobody named opens a class, then its roster, then the target class', async () => {
    const s = h.bot.app.services;
    await school(s);
    const admin = h.admin();
    await admin.say('/transfer');
    const classes = await admin.expect('Кого перевести в другой класс?');
    expect(classes.text).toContain('Напишите часть фамилии');
    expect(labels(classes)).toEqual(expect.arrayContaining(['5А', '5Б', '6А', 'Отмена']));
    await admin.press('5А');
    const roster = await admin.expect('Класс 5А.');
    expect(labels(roster)).toEqual(['Петров Иван, 5А', 'Соколова Мария, 5А', 'Отмена']);
    await admin.press('Соколова Мария, 5А');
    await admin.expect('В какой класс перевести [id310|Соколову Марию]?');
    await admin.press('5Б');
    await admin.expect('[id310|Соколова Мария] переведена из 5А в 5Б.');
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('5Б')]);
  });

  it('F10: VK ids, links to the page and @short names still work', async () => {
    const s = h.bot.app.services;
    await school(s);
    h.emulator.addUser({ id: 312, firstName: 'Пётр', lastName: 'Соколов', screenName: 'sokolov_p' });
    const admin = h.admin();
    await admin.say('/transfer id310 6А');
    await admin.expect('[id310|Соколова Мария] переведена из 5А в 6А.');
    await admin.say('/transfer https://vk.com/id311 6А');
    await admin.expect('[id311|Петров Иван] переведён из 5А в 6А.');
    await admin.say('/transfer @sokolov_p 6А');
    await admin.expect('[id312|Соколов Пётр] переведён из 5Б в 6А.');
    await admin.say('/transfer vk.com/nobody_here 6А');
    await admin.expect('Страница ВКонтакте «vk.com/nobody_here» не найдена');
  });

  it('F10: /left and /linkchild by name: one match goes on, the child is named too', async () => {
    const s = h.bot.app.services;
    await school(s);
    const admin = h.admin();
    await admin.say('/linkchild Петрова Петров');
    const one = await admin.expect('Нашёлся один человек: [id311|Петров Иван].');
    expect(one.text).toContain('Кто ребёнок этого родителя?');
    expect(labels(one)).toEqual(['Да, продолжить', 'Отмена']);
    expect((await s.members.roster(ADMIN, await classId('5А'))).parents[0]?.children).toEqual([{ childName: 'Петров Ванечка' }]);
    await admin.press('Да, продолжить');
    await admin.expect('[id320|Петрова Анна]');
    expect((await s.members.roster(ADMIN, await classId('5А'))).parents[0]?.children).toEqual([{ childName: 'Петров Ванечка', childId: vk(311) }]);
    await admin.say('/left');
    await admin.expect('Кого отметить выбывшим?');
    await admin.say('/left сокол');
    const two = await admin.expect('нашлось несколько человек: 2');
    expect(labels(two)).toEqual(['Соколов Пётр, 5Б', 'Соколова Мария, 5А', 'Отмена']);
    await admin.press('Соколова Мария, 5А');
    const ask = await admin.expect('Отметить [id310|Соколову Марию] как выбывшую?');
    expect(labels(ask)).toEqual(['Да, выбыла', 'Отмена']);
  });

  it('F06 F07 F18: /head, /admins add and /classteacher by a part of the surname; only confirmed teachers are offered', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '5А');
    await verifiedTeacher(s, 300, 'Смирнова Анна');
    await verifiedTeacher(s, 301, 'Смирнов Олег');
    await joinAs(s, 'teacher', 'staff', 302, 'Смирнова Ольга');
    const admin = h.admin();
    await admin.say('/head смирн');
    const pick = await admin.expect('нашлось несколько человек: 2');
    expect(labels(pick)).toEqual(['Смирнов Олег', 'Смирнова Анна', 'Отмена']);
    await admin.press('Смирнова Анна');
    await admin.expect('[id300|Смирнова Анна]');
    expect((await s.members.get(vk(300)))?.roles).toContain('head');
    await admin.say('/admins add Смирнов Олег');
    await admin.expect('Нашёлся один человек: [id301|Смирнов Олег].');
    expect((await s.members.get(vk(301)))?.roles).not.toContain('admin');
    await admin.press('Да, продолжить');
    await admin.expect('[id301|Смирнов Олег] теперь администратор');
    expect((await s.members.get(vk(301)))?.roles).toContain('admin');
    await admin.say('/classteacher 5А Ольга');
    await admin.expect('никого по запросу «Ольга» нет');
    await admin.say('/classteacher 5А анна');
    await admin.expect('Нашёлся один человек: [id300|Смирнова Анна].');
    await admin.press('Да, продолжить');
    await admin.expect('[id300|Смирнова Анна] назначен');
    expect((await s.members.get(vk(300)))?.classTeacherOf).toEqual([await classId('5А')]);
  });

  it('F05: /sendinvite CODE <surname> sends the invite to the member found by name', async () => {
    const s = h.bot.app.services;
    await school(s);
    const anna = h.driver.user({ id: 320, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    const invite = await s.invites.create(ADMIN, { classId: await classId('5Б'), role: 'parent' });
    const admin = h.admin();
    await admin.say(`/sendinvite ${invite.code} петрова`);
    await admin.expect('Кому отправить приглашение?\nНашёлся один человек: [id320|Петрова Анна].');
    await admin.press('Да, продолжить');
    await admin.expect(`Приглашение ${invite.code} отправлено [id320|Петровой Анне]. Когда она подаст заявку`);
    await anna.expect(invite.code);
  });

  it('F10: many matches are paged with «Ещё» and «Назад», «Отмена» on every page; a person on the second page can be picked', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    const letters = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';
    const names: string[] = [];
    for (let i = 0; i < 24; i++) names.push(`Смирнов${letters[i]!.toLowerCase()} Иван`);
    for (const [i, name] of names.entries()) await joinAs(s, 'student', '5А', 400 + i, name);
    const admin = h.admin();
    await admin.say('/transfer смирнов 6А');
    const first = await admin.expect('нашлось несколько человек: 24');
    expect(first.text).toContain('Страница 1 из 2.');
    const page1 = labels(first);
    expect(page1.slice(-2)).toEqual(['Ещё', 'Отмена']);
    await admin.press('Ещё');
    const second = await admin.expect('Страница 2 из 2.');
    const page2 = labels(second);
    expect(page2.slice(-2)).toEqual(['Назад', 'Отмена']);
    expect([...page1.slice(0, -2), ...page2.slice(0, -2)]).toHaveLength(24);
    const last = page2[page2.length - 3]!;
    await admin.press(last);
    await admin.expect('переведён из 5А в 6А.');
    const moved = await s.members.searchByName(last.split(',')[0]!);
    expect(moved[0]?.classIds).toEqual([await classId('6А')]);
  });

  it('F05: /sendinvite CODE with a class: its roster, then the invite to the one picked', async () => {
    const s = h.bot.app.services;
    await school(s);
    const anna = h.driver.user({ id: 320, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    const invite = await s.invites.create(ADMIN, { classId: await classId('5Б'), role: 'parent' });
    const admin = h.admin();
    await admin.say(`/sendinvite ${invite.code} Кузнецова`);
    const none = await admin.expect('никого по запросу «Кузнецова» нет');
    await admin.press('5А');
    const roster = await admin.expect('Класс 5А.');
    expect(labels(roster)).toEqual(['Петров Иван, 5А', 'Петрова Анна, 5А', 'Соколова Мария, 5А', 'Отмена']);
    expect(none.text).toContain('Кому отправить приглашение?');
    await admin.press('Петрова Анна, 5А');
    await admin.expect(`Приглашение ${invite.code} отправлено [id320|Петровой Анне]. Когда она подаст заявку`);
    await anna.expect(invite.code);
  });

  it('F08: a class teacher picking a parent for /linkchild is offered only their own class, and its roster', async () => {
    const s = h.bot.app.services;
    await school(s);
    await verifiedTeacher(s, 300, 'Смирнова Анна');
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Смирнова' });
    await teacher.say('/linkchild');
    const classes = await teacher.expect('Какого родителя связать с ребёнком?');
    expect(labels(classes)).toEqual(['5А', 'Отмена']);
    await teacher.press('5А');
    const roster = await teacher.expect('Класс 5А.');
    expect(labels(roster)).toEqual(['Петрова Анна, 5А', 'Отмена']);
    await teacher.press('Петрова Анна, 5А');
    const children = await teacher.expect('Кто ребёнок [id320|Петровой Анны]?');
    expect(labels(children)).toEqual(['Петров Иван (5А)', 'Соколова Мария (5А)', 'Отмена']);
    // Another class's roster, typed: refused by the roster's rights.
    await teacher.say('/linkchild 5Б');
    const refused = await teacher.expect('Состав класса 5Б видят только его классные руководители и администрация школы.');
    expect(labels(refused)).toEqual(['5А', 'Отмена']);
  });

  it('«Отмена» in every picker: /transfer, /left, /linkchild, /head, /admins, /classteacher, /rename, /archive', async () => {
    const s = h.bot.app.services;
    await school(s);
    await verifiedTeacher(s, 300, 'Смирнова Анна');
    const admin = h.admin();
    for (const command of ['/transfer', '/transfer 310', '/left', '/linkchild', '/linkchild 320', '/head', '/deputy', '/admins add', '/admins remove', '/classteacher', '/classteacher 5А', '/rename', '/archive', '/transfer соко']) {
      await admin.say(command);
      const shown = await admin.nextMessage();
      expect(labels(shown), command).toContain('Отмена');
      await admin.press('Отмена');
      const done = await admin.expect('Отменено.');
      // The picker's buttons are gone: the main menu is back under the input.
      expect(done.keyboard?.inline ?? false, command).toBe(false);
      expect(labels(done), command).not.toContain('Отмена');
      expect(labels(done), command).toContain('Помощь');
    }
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('5А')]);
  });

  it('F10: a stale or forged pick button is refused by the command itself', async () => {
    const s = h.bot.app.services;
    await school(s);
    await verifiedTeacher(s, 300, 'Смирнова Анна');
    const admin = h.admin();
    await admin.say('/transfer соко 6А');
    await admin.expect('нашлось несколько человек: 2');
    // Meanwhile Соколова Мария leaves: her button is stale.
    await s.movement.markLeft(ADMIN, vk(310));
    await admin.press('Соколова Мария, 5А');
    await admin.expect('Этот человек — не ученик');
    // A forged button: a teacher's id under /transfer.
    await admin.say('Смирнова Анна, 5А', { payload: JSON.stringify({ k: 'cmd', c: 'transfer', a: '300 6А' }) });
    await admin.expect('Этот человек — не ученик');
    // A forged button from someone without the right.
    const teacher = h.driver.user({ id: 300, firstName: 'Анна' });
    await teacher.say('Соколов Пётр, 5Б', { payload: JSON.stringify({ k: 'cmd', c: 'transfer', a: '312 6А' }) });
    await teacher.expect('Эта команда вам недоступна');
    await h.idle();
    expect((await s.members.get(vk(312)))?.classIds).toEqual([await classId('5Б')]);
  });

  it('no raw id reaches a person: a transfer, a leave, a link, appointments and a request card name people and classes', async () => {
    const s = h.bot.app.services;
    await school(s);
    await verifiedTeacher(s, 300, 'Смирнова Анна');
    const anna = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const parent = h.driver.user({ id: 320, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    const admin = h.admin();
    await admin.say('/transfer Соколова 6А');
    await admin.expect('Перевести [id310|Соколову Марию] из 5А в 6А?');
    await admin.press('Перевести');
    await admin.expect('переведена');
    await admin.say('/linkchild Петрова Петров');
    await admin.expect('Нашёлся один человек');
    await admin.press('Да, продолжить');
    await admin.expect('[id320|Петрова Анна] связан');
    await admin.say('/head Смирнова');
    await admin.expect('Нашёлся один человек: [id300|Смирнова Анна].');
    await admin.press('Да, продолжить');
    await admin.expect('[id300|Смирнова Анна] теперь');
    await admin.say('/classteacher 5А Смирнова');
    await admin.expect('Нашёлся один человек');
    await admin.press('Да, продолжить');
    await admin.expect('[id300|Смирнова Анна] назначен');
    await admin.say('/class 5А');
    await admin.expect('Класс 5А');
    await admin.say('/staff');
    await admin.expect('[id300|Смирнова Анна]');
    await admin.say('/transfer 300 6А');
    await admin.expect('Этот человек — не ученик');
    await admin.say('/transfer 999 6А');
    await admin.expect('Этого человека нет среди участников школы');
    // A join request's card: the applicant and the class, not «Заявка № r1».
    const stranger = h.driver.user({ id: 330, firstName: 'Олег', lastName: 'Новиков', allowsMessages: true });
    const invite = await s.invites.create(ADMIN, { classId: await classId('5Б'), role: 'student' });
    const used = await s.invites.use(invite.id, { personId: vk(330), name: 'Новиков Олег', consent: true });
    expect(used.ok).toBe(true);
    await admin.say('/requests');
    await admin.expect('Заявка: Новиков Олег, 5Б');
    await admin.press('Принять');
    await admin.expectAnswer();
    // A parent whose child matches no student: the outcome says how to link, by a mention of the parent.
    const mother = h.driver.user({ id: 331, firstName: 'Ирина', lastName: 'Новикова', allowsMessages: true });
    const parentInvite = await s.invites.create(ADMIN, { classId: await classId('5Б'), role: 'parent' });
    const filed = await s.invites.use(parentInvite.id, { personId: vk(331), name: 'Новикова Ирина', consent: true, childName: 'Новиков Сергей' });
    expect(filed.ok).toBe(true);
    await admin.say('/requests');
    const card = await admin.expect('Заявка: Новикова Ирина, 5Б');
    await admin.press('Принять');
    await admin.expectAnswer();
    await h.idle();
    expect(admin.received.find((m) => m.cmid === card.cmid)?.text).toContain('/связать [id331|Новикова Ирина]');
    await admin.say('/admins');
    await admin.expect('Администраторы');
    const staffInvite = await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    await admin.say(`/sendinvite ${staffInvite.code} id330`);
    await admin.expect(`Приглашение ${staffInvite.code} отправлено [id330|Новикову Олегу]`);
    await admin.say('/left Соколова');
    await admin.expect('как выбывшую?');
    await admin.press('Да, выбыла');
    await admin.expect('отмечена как');
    await h.idle();
    for (const person of [admin, anna, parent, stranger, mother]) {
      for (const message of person.received) expect(asSeen(message.text), message.text).not.toMatch(RAW_ID);
    }
  });
});
