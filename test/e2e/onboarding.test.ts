import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../emulator/driver.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { STAFF_ROOM_ID, type Invite, type InviteRole } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { PROFILE } from '../helpers/school-profile.js';

const labels = (m: ReceivedMessage): string[] => m.keyboard?.buttons.flat().map((b) => b.label) ?? [];


describe('onboarding by invite (F23, F27, F19)', () => {
  let h: Harness;
  let classId: string;
  beforeEach(async () => {
    // Students of 5А consent themselves here (the parent's consent of the default grades 1–8: test/e2e/consent.test.ts).
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: '1-4' } });
    await h.bot.app.school.save(PROFILE, ADMIN);
    classId = (await h.bot.app.services.classes.create(ADMIN, '5А')).id;
  });
  afterEach(() => h.close());

  const services = () => h.bot.app.services;
  const link = (invite: Invite) => inviteDeepLink(h.emulator.groupId, invite.token);
  const invite = (role: InviteRole, options: { maxUses?: number; ttlMs?: number } = {}) =>
    services().invites.create(ADMIN, { classId: role === 'teacher' ? STAFF_ROOM_ID : classId, role, ...options });

  /** The admin has written to the bot once, so VK lets the bot notify them. */
  async function adminReachable() {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    return admin;
  }

  async function pendingOf(userId: number) {
    const { items } = await services().requests.listPending('system');
    return items.filter((r) => r.applicant.personId === vk(userId));
  }

  it('F27: a student opens the deep link, confirms, takes the VK name, consents, and the request reaches the admin', async () => {
    const admin = await adminReachable();
    const inv = await invite('student');
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    await student.openLink(link(inv));
    const confirm = await student.expect('Вас приглашают');
    expect(confirm.text).toContain('Школа: МАОУ СОШ № 11');
    expect(confirm.text).toContain('Класс: 5А');
    expect(confirm.text).toContain('Роль: ученик');
    expect(labels(confirm)).toEqual(['Да, всё верно', 'Нет, это не мне', 'Отмена']);
    await student.press('Да, всё верно');
    const ask = await student.expect('Как вас зовут');
    expect(labels(ask)).toEqual(['Петров Иван', 'Отмена']);
    await student.press('Петров Иван');
    const consent = await student.expect('Согласие на обработку персональных данных');
    expect(consent.text).toContain('номер вашей страницы ВКонтакте');
    expect(consent.text).toContain('Оператор данных — МАОУ СОШ № 11');
    expect(consent.text).toContain('напишите администратору школы');
    await student.press('Даю согласие');
    await student.expect('Заявка отправлена');
    const [request] = await pendingOf(500);
    expect(request?.applicant).toMatchObject({ role: 'student', name: 'Петров Иван', classId, consent: true });
    expect((await services().invites.get(inv.id))?.uses).toBe(1);
    const notice = await admin.expect((m) => m.keyboard?.buttons.flat().some((b) => (b.payload ?? '').includes(`"id":"${request!.id}"`)) ?? false);
    expect(notice.keyboard?.inline).toBe(true);
  });

  it('F27: a parent joins with /join CODE, types their own name and names the child', async () => {
    const inv = await invite('parent');
    const parent = h.driver.user({ id: 501, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.say(`/join ${inv.code.toLowerCase().slice(0, 4)} ${inv.code.toLowerCase().slice(4)}`);
    await parent.expect('Роль: родитель');
    await parent.press('Да, всё верно');
    await parent.expect('фамилию, имя и отчество (родителя, не ребёнка)');
    await parent.say('Петрова Ольга Николаевна');
    await parent.expect('Как зовут вашего ребёнка, ученика 5А');
    await parent.say('Ваня');
    await parent.expect((m) => m.text.includes('от 2 до 4 слов') && m.text.includes('вашего ребёнка'));
    await parent.say('Петров Иван');
    await parent.expect('Согласие');
    await parent.press('Даю согласие');
    await parent.expect('Заявка отправлена! Решение примет администрация школы.');
    const [request] = await pendingOf(501);
    expect(request?.applicant).toMatchObject({ role: 'parent', name: 'Петрова Ольга Николаевна', childName: 'Петров Иван' });
  });

  it('F23: a teacher picks subjects with toggle buttons, adds another one, and the request is filed', async () => {
    const inv = await invite('teacher');
    const teacher = h.driver.user({ id: 502, firstName: 'Анна', lastName: 'Смирнова' });
    await teacher.openLink(link(inv));
    const confirm = await teacher.expect('Вас приглашают');
    expect(confirm.text).toContain('Класс: Учительская');
    expect(confirm.text).toContain('Роль: учитель');
    await teacher.press('Да, всё верно');
    await teacher.expect('фамилию, имя и отчество');
    await teacher.say('Смирнова Анна Викторовна');
    const subjects = await teacher.expect('Какие предметы вы ведёте');
    expect(labels(subjects)).toContain('Начальные классы');
    expect(labels(subjects)).toContain('Русский язык');
    expect(labels(subjects)).toEqual(expect.arrayContaining(['Другой предмет', 'Готово', 'Отмена']));
    await teacher.press('Готово');
    await teacher.expect('Выберите хотя бы один предмет');
    await teacher.press('Математика');
    const marked = await teacher.expect('Выбрано: Математика');
    expect(labels(marked)).toContain('✓ Математика');
    await teacher.press('Физика');
    await teacher.expect('Выбрано: Математика, Физика');
    await teacher.press('✓ Физика');
    await teacher.expect((m) => m.text.includes('Выбрано: Математика.'));
    await teacher.press('Другой предмет');
    await teacher.expect('Напишите название предмета');
    await teacher.say('<script>');
    await teacher.expect('Название предмета — от 2 до');
    await teacher.say('Астрономия');
    const withOwn = await teacher.expect('Выбрано: Математика, Астрономия');
    expect(labels(withOwn)).toContain('✓ Астрономия');
    await teacher.press('Готово');
    await teacher.expect('Согласие');
    await teacher.press('Даю согласие');
    await teacher.expect('Заявка отправлена! Решение примет администрация школы.');
    const [request] = await pendingOf(502);
    expect(request?.applicant).toMatchObject({ role: 'teacher', classId: STAFF_ROOM_ID, subjects: ['Математика', 'Астрономия'] });
  });

  it('F19: the head joins the staff room as a teacher by the same path', async () => {
    const inv = await invite('teacher');
    const head = h.driver.user({ id: 503, firstName: 'Сергей', lastName: 'Директоров' });
    await head.say(`/вступить ${inv.code}`);
    await head.expect('Вас приглашают');
    await head.press('Да, всё верно');
    await head.expect('Как вас зовут');
    await head.press('Директоров Сергей');
    await head.expect('Какие предметы');
    await head.press('История');
    await head.expect('Выбрано: История');
    await head.press('Готово');
    await head.expect('Согласие');
    await head.press('Даю согласие');
    await head.expect('Заявка отправлена');
    const [request] = await pendingOf(503);
    const decided = await services().requests.approve(ADMIN, request!.id);
    expect(decided.ok).toBe(true);
    await services().members.verifyTeacher(ADMIN, vk(503));
    await services().members.setAdministrationRole(ADMIN, vk(503), 'head');
    const member = await services().members.get(vk(503));
    expect(member).toMatchObject({ roles: expect.arrayContaining(['teacher', 'head']), classIds: [STAFF_ROOM_ID], subjects: ['История'] });
  });

  it('F27: bad names get a clear re-prompt, and a stale button is refused', async () => {
    const inv = await invite('student');
    const student = h.driver.user({ id: 504, firstName: 'Иван', lastName: 'Петров' });
    await student.openLink(link(inv));
    await student.expect('Вас приглашают');
    await student.say('может быть');
    await student.expect((m) => m.text.includes('Выберите вариант кнопкой') && m.text.includes('Вас приглашают'));
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.say('Иван');
    await student.expect('от 2 до 4 слов');
    await student.say('Иван 123');
    await student.expect('от 2 до 4 слов');
    await student.say('Один Два Три Четыре Пять');
    await student.expect('от 2 до 4 слов');
    await student.say(`${'Оченьдлинноеимя'.repeat(7)} Петров`);
    await student.expect('не больше 100 символов');
    await student.say('/help');
    await student.expect('Сейчас вы отвечаете на вопросы бота');
    await student.expect('Как вас зовут');
    await student.say('/invites');
    await student.expect('а не команда');
    await student.say('', { payload: { k: 'scene', s: 'inv-build', v: '1' } });
    await student.expect('кнопка устарела');
    await student.say('Петров-Водкин Иван');
    await student.expect('Согласие');
  });

  it('F27: without consent no request is filed; declining the invite ends the dialog politely', async () => {
    const inv = await invite('student');
    const student = h.driver.user({ id: 505, firstName: 'Иван', lastName: 'Петров' });
    await student.openLink(link(inv));
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.press('Петров Иван');
    await student.expect('Согласие');
    await student.say('ну ладно');
    await student.expect((m) => m.text.includes('Выберите вариант кнопкой') && m.text.includes('Согласие'));
    await student.press('Не даю согласия');
    await student.expect('Без согласия на обработку персональных данных заявку подать нельзя');
    expect(await pendingOf(505)).toEqual([]);
    expect((await services().invites.get(inv.id))?.uses).toBe(0);

    await student.openLink(link(inv));
    await student.expect('Вас приглашают');
    await student.press('Нет, это не мне');
    await student.expect('заявка не подана');
    expect(await pendingOf(505)).toEqual([]);
  });

  it('F27: expired, revoked and used-up invites say which and whom to ask', async () => {
    const expired = await invite('student', { ttlMs: 1 });
    const revoked = await invite('parent');
    await services().invites.revoke(ADMIN, revoked.id);
    const usedUp = await invite('teacher', { maxUses: 1 });
    await services().invites.use(usedUp.id, { personId: vk(600), name: 'Кто-то Другой', consent: true, subjects: [] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const person = h.driver.user({ id: 506, firstName: 'Иван', lastName: 'Петров' });
    await person.openLink(link(expired));
    await person.expect('Срок действия этого приглашения истёк. Попросите новое у классного руководителя');
    await person.say(`/join ${revoked.code}`);
    await person.expect('Это приглашение отозвано');
    await person.openLink(link(usedUp));
    await person.expect('уже вступили все, кому оно было выдано. Попросите новое у администратора школы');
    await person.openLink('https://vk.me/club' + h.emulator.groupId + '?ref=AAAAAAAAAAAAAAAAAAAAAAAA&ref_source=invite');
    await person.expect('Это приглашение не найдено');
    expect(await pendingOf(506)).toEqual([]);
  });

  it('F27: the last use goes to one person; the next one is told the invite is used up', async () => {
    const inv = await invite('student', { maxUses: 1 });
    const first = h.driver.user({ id: 507, firstName: 'Иван', lastName: 'Петров' });
    const second = h.driver.user({ id: 508, firstName: 'Пётр', lastName: 'Иванов' });
    for (const u of [first, second]) {
      await u.openLink(link(inv));
      await u.expect('Вас приглашают');
      await u.press('Да, всё верно');
      await u.expect('Как вас зовут');
      await u.say(u.id === 507 ? 'Петров Иван' : 'Иванов Пётр');
      await u.expect('Согласие');
    }
    await first.press('Даю согласие');
    await first.expect('Заявка отправлена');
    await second.press('Даю согласие');
    await second.expect('уже вступили все');
    expect(await pendingOf(508)).toEqual([]);
  });

  it('F27: a member gets a friendly note; reopening the invite of a waiting request shows that request (who decides)', async () => {
    const inv = await invite('student');
    const used = await services().invites.use(inv.id, { personId: vk(509), name: 'Петров Иван', consent: true });
    if (!used.ok) throw new Error('not used');
    const student = h.driver.user({ id: 509, firstName: 'Иван', lastName: 'Петров' });
    await student.openLink(link(inv));
    const waiting = await student.expect('Ваша заявка ждёт проверки');
    expect(waiting.text).toContain('Решение примет администрация школы.');
    await services().requests.approve(ADMIN, used.request.id);
    await student.say(`/join ${inv.code}`);
    await student.expect('Вы уже состоите в 5А как ученик');
  });

  it('F27: wrong codes are throttled after 5 failures, with the minutes to wait', async () => {
    const inv = await invite('student');
    const guesser = h.driver.user({ id: 510, firstName: 'Иван', lastName: 'Петров' });
    for (let i = 4; i >= 0; i--) {
      await guesser.say('/join ABCDEFGH');
      await guesser.expect(i === 0 ? 'Такого кода нет.' : `Проверьте код: ${i === 1 ? 'осталась 1 попытка' : `осталось ${i} попыт`}`);
    }
    await guesser.say(`/join ${inv.code}`);
    await guesser.expect('Попробуйте снова через 10 минут');
    await guesser.say('/вступить');
    await guesser.expect('Отправьте код приглашения');
    await guesser.say(inv.code);
    await guesser.expect('Попробуйте снова через 10 минут');
  });
});

describe('a parent of two children in one class (F27)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F27: a parent already in the class joins again for a second child; the same child again gets a friendly note', async () => {
    const { classes, invites, requests } = h.bot.app.services;
    const classId = (await classes.create(ADMIN, '2А')).id;
    const invite = await invites.create(ADMIN, { classId, role: 'parent', maxUses: 5 });
    const first = await invites.use(invite.id, { personId: vk(901), name: 'Котова Ирина Павловна', consent: true, childName: 'Котова Лиза' });
    if (!first.ok) throw new Error('setup: the first request was refused');
    await requests.approve(ADMIN, first.request.id);

    const parent = h.driver.user({ id: 901, firstName: 'Ирина', lastName: 'Котова' });
    const join = async (child: string) => {
      await parent.say(`/join ${invite.code}`);
      await parent.expect('Вас приглашают');
      await parent.press('Да, всё верно');
      await parent.expect('родителя, не ребёнка');
      await parent.say('Котова Ирина Павловна');
      await parent.expect('ребёнка');
      await parent.say(child);
      await parent.expect('Согласие на обработку');
      await parent.press('Даю согласие');
    };
    await join('Котов Миша');
    await parent.expect('Заявка отправлена');
    const pending = await requests.listPending('system');
    expect(pending.items.map((r) => r.applicant)).toEqual([expect.objectContaining({ personId: vk(901), role: 'parent', childName: 'Котов Миша' })]);

    // The same child again (the other word order) is said at once, by name, before the consent; another child goes on.
    await parent.say(`/join ${invite.code}`);
    await parent.expect('Вас приглашают');
    await parent.press('Да, всё верно');
    await parent.expect('родителя, не ребёнка');
    await parent.say('Котова Ирина Павловна');
    await parent.expect('ребёнка');
    await parent.say('Лиза Котова');
    const again = await parent.expect('Ребёнок «Лиза Котова» уже записан у вас в 2А — второй раз добавлять не нужно.');
    expect(again.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Отмена']);
    await parent.say('Котова Даша');
    await parent.expect('Согласие на обработку');
    await parent.press('Даю согласие');
    await parent.expect('Заявка отправлена');
    expect((await requests.listPending('system')).items.map((r) => (r.applicant.role === 'parent' ? r.applicant.childName : '')).sort()).toEqual(['Котов Миша', 'Котова Даша']);
  });
});
