import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk, vks } from '../helpers/people.js';
import { announceJoinRequest } from '../../src/features/join-requests/review-notices.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import { inviteDeepLink } from '../helpers/deep-links.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('movement of students and staff (F10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  it('F10: an admin transfers a student from the roster buttons; the change is in the audit log', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    const admin = h.admin();
    await admin.say('/class 5А');
    const roster = await admin.expect('Класс 5А');
    expect(labels(roster)).toEqual(['Перевести: Сидоров Ваня', 'Классные руководители']);
    await admin.press('Перевести: Сидоров Ваня');
    const pick = await admin.expect('В какой класс перевести [id310|Сидорова Ваню]? Сейчас: 5А.');
    expect(labels(pick)).toEqual(['5Б', '6А', 'Отмена']);
    await admin.press('5Б');
    await admin.expect('[id310|Сидоров Ваня] переведён из 5А в 5Б.');
    expect((await s.members.roster(ADMIN, await classId('5Б'))).students.map((m) => m.personId)).toEqual(vks(310));
    expect((await s.members.roster(ADMIN, await classId('5А'))).students).toEqual([]);
    const [entry] = await s.audit.recent(1);
    expect(entry).toMatchObject({ actor: ADMIN, action: 'movement.transferred', target: { personId: vk(310), classId: await classId('5Б') } });
  });

  it('F10: /transfer by id or mention; non-students, the staff room and bad input are refused with the reason', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const admin = h.admin();
    await admin.say('/transfer');
    await admin.expect('Кого перевести в другой класс?');
    await admin.say('/transfer Ваня 6А');
    await admin.expect('Перевести [id310|Сидорова Ваню] из 5А в 6А?');
    await admin.say('/transfer Петрова 6А');
    await admin.expect('никого по запросу «Петрова» нет');
    await admin.say('/transfer 300 6А');
    await admin.expect('Этот человек — не ученик');
    await admin.say('/transfer 300');
    await admin.expect('Этот человек — не ученик');
    await admin.say('/transfer 310 Учительская');
    await admin.expect('«Учительскую» нельзя');
    await admin.say('/transfer 310 6Q');
    await admin.expect('буква должна быть русской');
    await admin.say('/перевести [id310|Ваня] 6 а');
    await admin.expect('[id310|Сидоров Ваня] переведён из 5А в 6А.');
    await admin.say('/transfer 310 6А');
    await admin.expect('[id310|Сидоров Ваня] уже учится в 6А.');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна' });
    await teacher.say('/transfer 310 5А');
    await teacher.expect('Эта команда вам недоступна');
    expect((await s.members.get(vk(310)))?.classIds).toEqual([await classId('6А')]);
  });

  it('F10: /left asks to confirm; then the rights and invites of the person end at once; the last admin cannot leave', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '5А');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    const invite = await s.invites.create(vk(300), { classId: await classId('5А'), role: 'student' });
    const anna = h.driver.user({ id: 300, firstName: 'Анна' });
    await anna.say('/class 5А');
    await anna.expect('Класс 5А');
    const admin = h.admin();
    await admin.say('/left 300');
    const ask = await admin.expect('Отметить [id300|Петрову Анну] как выбывшую?');
    expect(labels(ask)).toEqual(['Да, выбыла', 'Отмена']);
    await admin.press('Отмена');
    await admin.expectAnswer();
    expect((await s.members.get(vk(300)))?.status).toBe('active');
    await admin.press('Да, выбыла');
    await admin.expect('[id300|Петрова Анна] отмечена как выбывшая. Права закончились, отозвано приглашений: 1.');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toBe('Выбытие отмечено.');
    expect((await s.members.get(vk(300)))?.status).toBe('left');
    expect((await s.invites.get(invite.id))?.revoked).toBe(true);
    await anna.say('/class 5А');
    await anna.expect('Эта команда вам недоступна');
    await admin.say('/left 300');
    await admin.expect('[id300|Петрова Анна] уже отмечена как выбывшая.');
    // The last admin is refused at once, before any confirmation.
    await admin.say(`/left ${ADMIN_ID}`);
    const refused = await admin.expect('единственный администратор платформы');
    expect(refused.text).toContain('нельзя отметить выбывшим. Сначала назначьте другого администратора: /админы.');
    expect(refused.keyboard).toBeUndefined();
    expect((await s.members.get(ADMIN))?.status).toBe('active');
    const entry = (await s.audit.recent(5)).find((e) => e.action === 'movement.left');
    expect(entry).toMatchObject({ actor: ADMIN, target: { personId: vk(300) }, details: { revokedInvites: 1 } });
  });

  it('F10: /promote shows what will change and moves every class up a grade in one step; the last grade graduates', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А', '11А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '11А', 311, 'Выпускник Петя');
    await joinAs(s, 'parent', '11А', 312, 'Родитель Пети', 'Выпускник Петя');
    const graduate = h.driver.user({ id: 311, firstName: 'Петя', lastName: 'Выпускник' });
    await graduate.say('/help');
    await graduate.expect('Ваши роли');
    const admin = h.admin();
    await admin.say('/promote');
    const plan = await admin.expect('Перевод на следующий учебный год');
    expect(plan.text).toContain('Переходят в следующий класс (2):\n5А → 6А, 6А → 7А');
    expect(plan.text).toContain('Выпускается 11А — класс уйдёт в архив, ученики и родители выпускников покинут его.');
    expect(labels(plan)).toEqual(['Перевести', 'Оставить класс на месте', 'Отмена']);
    await admin.say('давай');
    await admin.expect((m) => m.text.includes('Выберите вариант кнопкой') && m.text.includes('Перевод на следующий'));
    await admin.press('Перевести');
    await admin.expect('Готово: переведено классов — 2, выпущено классов — 1 (выпускников и их родителей: 2).');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская', '6А', '7А']);
    expect((await s.members.get(vk(310)))?.classIds).toEqual([(await s.classes.findByName('6А'))!.id]);
    expect((await s.members.get(vk(311)))?.status).toBe('left');
    expect((await s.members.get(vk(312)))?.status).toBe('left');
    await graduate.expect('Класс 11А выпущен — поздравляем с окончанием школы!');
    const [entry] = await s.audit.recent(1);
    expect(entry).toMatchObject({ action: 'movement.promoted', actor: ADMIN, details: { moved: 2, graduatedClasses: 1, graduatedMembers: 2 } });
  });

  it('F10: a plan that changed after the preview is shown again (stale) and applied after a new confirmation', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    const admin = h.admin();
    await admin.say('/promote');
    await admin.expect('5А → 6А');
    await s.classes.create(ADMIN, '7Б');
    await admin.press('Перевести');
    const again = await admin.expect('Классы изменились, пока вы смотрели план');
    expect(again.text).toContain('5А → 6А, 7Б → 8Б');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская', '5А', '7Б']);
    await admin.press('Перевести');
    await admin.expect('Готово: переведено классов — 2');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская', '6А', '8Б']);
  });

  it('F10: promotion conflicts are explained; a conflict at confirmation changes nothing', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    const admin = h.admin();
    await admin.say('/promote');
    await admin.expect('5А → 6А, 6А → 7А');
    await admin.press('Оставить класс на месте');
    const keep = await admin.expect('Какой класс оставить на месте');
    expect(labels(keep)).toEqual(['5А', '6А', 'К плану', 'Отмена']);
    await admin.press('6А');
    const conflict = await admin.expect('Так перевести нельзя');
    expect(conflict.text).toContain('5А → 6А: название 6А занято классом 6А, который остаётся на месте');
    expect(conflict.text).toContain('Остаются на месте: 6А');
    expect(labels(conflict)).toEqual(['Оставить класс на месте', 'Отмена']);
    await admin.press('Оставить класс на месте');
    const keepAgain = await admin.expect('Какой класс оставить на месте');
    expect(labels(keepAgain)).toEqual(['5А', '6А (остаётся)', 'К плану', 'Отмена']);
    await admin.press('5А');
    const clean = await admin.expect('Остаются на месте: 5А, 6А');
    expect(labels(clean)).toEqual(['Перевести', 'Оставить класс на месте', 'Отмена']);
    await s.classes.create(ADMIN, '4А');
    await admin.press('Перевести');
    const refused = await admin.expect('Перевод не выполнен: появился конфликт названий');
    expect(refused.text).toContain('4А → 5А: название 5А занято классом 5А');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская', '4А', '5А', '6А']);
    expect((await s.audit.recent(5)).some((e) => e.action === 'movement.promoted')).toBe(false);
  });

  it('F10: others may not read the journal (test/e2e/audit.test.ts) or promote', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна' });
    await teacher.say('/audit');
    await teacher.expect('Эта команда вам недоступна');
    await teacher.say('/promote');
    await teacher.expect('Эта команда вам недоступна');
  });
});

describe('movement with linked parents (F10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  /** A person who has written to the bot, so VK lets the bot message them. */
  async function reachable(id: number, firstName: string, lastName: string) {
    const user = h.driver.user({ id, firstName, lastName });
    await user.say('/start');
    await user.nextMessage();
    return user;
  }

  it('F10: a transfer moves the linked parents along; the admin sees who moved, the student and the parents are told', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б']);
    const vanya = await reachable(310, 'Ваня', 'Сидоров');
    const mother = await reachable(320, 'Ольга', 'Сидорова');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Сидорова Катя');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'ваня сидоров');
    await joinAs(s, 'parent', '5А', 321, 'Сидоров Пётр', 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 321, 'Сидоров Пётр', 'Сидорова Катя');
    await joinAs(s, 'parent', '5А', 322, 'Другой Родитель', 'Другой Ребёнок');
    const admin = h.admin();
    await admin.say('/transfer 310 5Б');
    const done = await admin.expect('[id310|Сидоров Ваня] переведён из 5А в 5Б.');
    expect(done.text).toContain('Вместе с учеником переведён родитель в 5Б: [id320|Сидорова Ольга].');
    expect(done.text).toContain('Родитель добавлен в 5Б и остаётся в 5А (там есть ещё ребёнок): [id321|Сидоров Пётр].');
    expect(done.text).toContain('[id321|Сидорову Петру] сообщить не удалось: он ещё не писал сообществу школы, а ВКонтакте не даёт сообществу писать первым.');
    expect(done.text).not.toContain('id322');
    await vanya.expect('Вас перевели в класс 5Б (был 5А).');
    const told = await mother.expect('Вашего ребёнка, Сидорова Ваню, перевели из 5А в 5Б');
    expect(told.text).toContain('Теперь вы среди родителей класса 5Б.');
    expect(told.text).not.toContain('остаётесь');

    const [a, b] = [await classId('5А'), await classId('5Б')];
    expect((await s.members.get(vk(320)))?.classIds).toEqual([b]);
    expect((await s.members.get(vk(321)))?.classIds).toEqual([a, b]);
    const fresh = await s.members.roster(ADMIN, b);
    expect(fresh.parents.map((p) => [p.member.personId, p.children])).toEqual([
      [vk(321), [{ childName: 'Сидоров Ваня', childId: vk(310) }]],
      [vk(320), [{ childName: 'ваня сидоров', childId: vk(310) }]],
    ]);
    expect((await s.members.roster(ADMIN, a)).parents.map((p) => p.member.personId).sort()).toEqual(vks(321, 322));
    const moves = (await s.audit.recent(5)).filter((e) => e.action === 'movement.parent_transferred');
    expect(moves.map((e) => e.target.personId).sort()).toEqual(vks(320, 321));
    expect(moves[0]).toMatchObject({ actor: ADMIN, target: { classId: b }, details: { fromClassId: a, childId: vk(310) } });
  });

  it('F10: /left of a student rejects their pending requests (the reviewers’ cards show it) and tells the linked parents', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const mother = await reachable(320, 'Ольга', 'Сидорова');
    const father = await reachable(321, 'Пётр', 'Сидоров');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 311, 'Сидорова Катя');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 321, 'Сидоров Пётр', 'Сидоров Ваня');
    await joinAs(s, 'parent', '6А', 321, 'Сидоров Пётр', 'Сидорова Катя');
    const invite = await s.invites.create(ADMIN, { classId: await classId('6А'), role: 'student' });
    const used = await s.invites.use(invite.id, { personId: vk(310), name: 'Сидоров Ваня', consent: true });
    if (!used.ok) throw new Error('not filed');
    await announceJoinRequest(h.bot.app, used.request);
    const card = await admin.expect('Новая заявка на вступление');

    await admin.say('/left 310');
    await admin.expect('Отметить [id310|Сидорова Ваню] как выбывшего?');
    await admin.press('Да, выбыл');
    const done = await admin.expect('[id310|Сидоров Ваня] отмечен как выбывший.');
    expect(done.text).toContain('Отклонено заявок на вступление: 1 (причина: выбытие из школы).');
    expect(done.text).toContain('Сообщено родителям: [id320|Сидорова Ольга], [id321|Сидоров Пётр].');
    expect(done.text).toContain('Других детей в школе у [id320|Сидоровой Ольги] нет — она тоже отмечена как выбывшая.');
    expect(done.text).not.toContain('сообщить не удалось');
    const edited = admin.received.find((m) => m.cmid === card.cmid);
    expect(edited?.text).toContain('❌ Отклонена. Решение: Мария Иванова');
    expect(edited?.text).toContain('Причина: выбытие из школы');
    expect(edited?.keyboard).toBeUndefined();
    // The record keeps a code, not words: each reader sees it in their own language.
    const stored = await s.requests.get(used.request.id);
    expect(stored).toMatchObject({ status: 'rejected', reasonCode: 'left' });
    expect(stored).not.toHaveProperty('reason');

    const toMother = await mother.expect('Ваш сын, Сидоров Ваня (5А), отмечен как выбывший из школы.');
    expect(toMother.text).toContain('Других ваших детей в школе нет');
    const toFather = await father.expect('Ваш сын, Сидоров Ваня (5А)');
    expect(toFather.text).toContain('Вы больше не среди родителей класса 5А.');
    expect(await s.members.get(vk(320))).toMatchObject({ status: 'left', roles: [] });
    expect(await s.members.get(vk(321))).toMatchObject({ status: 'active', roles: ['parent'], classIds: [await classId('6А')] });
    await mother.say('/help');
    await mother.expect('Чтобы вступить в класс или в Учительскую');
  });

  it('F10: /left names as told only the parents the bot reached; the others, and those who left too, by name and gender, or as a list', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '5А');
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    await joinAs(s, 'student', '5А', 315, 'Морозов Дима');
    await joinAs(s, 'parent', '5А', 323, 'Морозова Ирина', 'Морозов Дима');
    await joinAs(s, 'parent', '5А', 324, 'Морозов Алексей', 'Морозов Дима');
    await joinAs(s, 'student', '5А', 316, 'Белов Саша');
    await joinAs(s, 'parent', '5А', 325, 'Белов Игорь', 'Белов Саша');
    await joinAs(s, 'student', '5А', 317, 'Зайцева Оля');
    await joinAs(s, 'parent', '5А', 326, 'Зайцева Марина', 'Зайцева Оля');

    // Two parents, neither has written to the community: both on one line, and both left with the child.
    await admin.say('/left 315');
    await admin.expect('как выбывшего?');
    await admin.press('Да, выбыл');
    const two = await admin.expect('[id315|Морозов Дима] отмечен как выбывший.');
    expect(two.text).not.toContain('Сообщено');
    expect(two.text).toContain('Не получили сообщение (2): [id323|Морозова Ирина], [id324|Морозов Алексей] — они ещё не писали сообществу школы');
    expect(two.text).toContain('Других детей в школе у этих родителей нет — они тоже отмечены как выбывшие (2): [id323|Морозова Ирина], [id324|Морозов Алексей].');

    // One father, one mother: the declined name and the gendered words.
    await admin.say('/left 316');
    await admin.expect('как выбывшего?');
    await admin.press('Да, выбыл');
    const father = await admin.expect('[id316|Белов Саша] отмечен как выбывший.');
    expect(father.text).toContain('[id325|Белову Игорю] сообщить не удалось: он ещё не писал сообществу школы, а ВКонтакте не даёт сообществу писать первым.');
    expect(father.text).toContain('Других детей в школе у [id325|Белова Игоря] нет — он тоже отмечен как выбывший.');
    await admin.say('/left 317');
    await admin.expect('как выбывшую?');
    await admin.press('Да, выбыла');
    const mother = await admin.expect('[id317|Зайцева Оля] отмечена как выбывшая.');
    expect(mother.text).toContain('[id326|Зайцевой Марине] сообщить не удалось: она ещё не писала сообществу школы');
    expect(mother.text).toContain('Других детей в школе у [id326|Зайцевой Марины] нет — она тоже отмечена как выбывшая.');
  });

  it('F10: graduation keeps a parent in the class of a younger child; parents with no child left leave', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '11А']);
    await joinAs(s, 'student', '11А', 311, 'Старший Сын');
    await joinAs(s, 'student', '5А', 312, 'Младшая Дочь');
    await joinAs(s, 'parent', '11А', 320, 'Общий Родитель', 'Старший Сын');
    await joinAs(s, 'parent', '5А', 320, 'Общий Родитель', 'Младшая Дочь');
    await joinAs(s, 'parent', '11А', 321, 'Родитель Выпускника', 'Старший Сын');
    const admin = h.admin();
    await admin.say('/promote');
    await admin.expect('Выпускается 11А');
    await admin.press('Перевести');
    await admin.expect('Готово: переведено классов — 1, выпущено классов — 1 (выпускников и их родителей: 3).');
    const sixth = await classId('6А');
    expect(await s.members.get(vk(320))).toMatchObject({ status: 'active', roles: ['parent'], classIds: [sixth] });
    expect((await s.members.roster(ADMIN, sixth)).parents[0]?.children).toEqual([{ childName: 'Младшая Дочь', childId: vk(312) }]);
    expect((await s.members.get(vk(321)))?.status).toBe('left');
  });
});

describe('everyone concerned is told of movement (F10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  /** A person who has written to the bot, so VK lets the bot message them. */
  async function reachable(id: number, firstName: string, lastName: string) {
    const user = h.driver.user({ id, firstName, lastName });
    await user.say('/start');
    await user.nextMessage();
    return user;
  }

  /** A verified teacher leading `className`. */
  async function classTeacher(userId: number, name: string, className: string): Promise<void> {
    const s = h.bot.app.services;
    await verifiedTeacher(s, userId, name);
    await s.members.assignClassTeacher(ADMIN, await classId(className), vk(userId));
  }

  it('F10: a transfer tells the student, their parent and the class teachers of the old and the new class', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б']);
    await classTeacher(300, 'Петрова Анна', '5А');
    await classTeacher(301, 'Орлов Олег', '5Б');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Сидоров Ваня');
    const [oldTeacher, newTeacher, vanya, mother] = [
      await reachable(300, 'Анна', 'Петрова'),
      await reachable(301, 'Олег', 'Орлов'),
      await reachable(310, 'Ваня', 'Сидоров'),
      await reachable(320, 'Ольга', 'Сидорова'),
    ];
    const admin = h.admin();
    await admin.say('/transfer 310 5Б');
    await admin.expect('из 5А в 5Б');
    await vanya.expect('Вас перевели в класс 5Б (был 5А).');
    await mother.expect('Вашего ребёнка, Сидорова Ваню, перевели из 5А в 5Б');
    await oldTeacher.expect('Сидоров Ваня переходит из вашего класса 5А в 5Б.');
    await newTeacher.expect('В ваш класс 5Б переходит Сидоров Ваня (из 5А).');
    await h.idle();
    // One message each, none to the admin beyond the report.
    expect(oldTeacher.received.filter((m) => m.text.includes('Сидоров Ваня'))).toHaveLength(1);
    expect(newTeacher.received.filter((m) => m.text.includes('Сидоров Ваня'))).toHaveLength(1);
  });

  it('F10: /left of a student tells their class teacher', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '5А');
    await classTeacher(300, 'Петрова Анна', '5А');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    const teacher = await reachable(300, 'Анна', 'Петрова');
    const admin = h.admin();
    await admin.say('/left 310');
    await admin.expect('как выбывшего?');
    await admin.press('Да, выбыл');
    await admin.expectAnswer();
    await teacher.expect('Сидоров Ваня выбывает из школы и больше не числится в вашем классе 5А.');
  });

  it('F10: promotion tells every class teacher and family what changed, graduates that they graduated; last year’s invites stop working and the admin sees how many', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '11А']);
    await classTeacher(300, 'Петрова Анна', '5А');
    await classTeacher(301, 'Орлов Олег', '11А');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '11А', 311, 'Выпускник Петя');
    const old5a = await s.invites.create(ADMIN, { classId: await classId('5А'), role: 'student' });
    const old11a = await s.invites.create(ADMIN, { classId: await classId('11А'), role: 'parent' });
    const staffInvite = await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    const before = (await s.invites.listActive()).filter((i) => i.classId !== 'staff').length;
    expect(before).toBeGreaterThanOrEqual(2);
    const [teacher5, teacher11, vanya, mother, graduate] = [
      await reachable(300, 'Анна', 'Петрова'),
      await reachable(301, 'Олег', 'Орлов'),
      await reachable(310, 'Ваня', 'Сидоров'),
      await reachable(320, 'Ольга', 'Сидорова'),
      await reachable(311, 'Петя', 'Выпускник'),
    ];
    const admin = h.admin();
    await admin.say('/promote');
    await admin.expect('Перевод на следующий учебный год');
    await admin.press('Перевести');
    const done = await admin.expect('Готово: переведено классов — 1, выпущено классов — 1');
    expect(done.text).toContain(`Отозвано приглашений прошлого года: ${before}.`);
    expect(done.text).toContain('Сообщено классным руководителям и семьям: 4 из 4.');
    await teacher5.expect('Новый учебный год: ваш класс 5А теперь называется 6А.');
    await vanya.expect('Новый учебный год: класс 5А теперь называется 6А.');
    await mother.expect('Новый учебный год: класс 5А теперь называется 6А.');
    await teacher11.expect('Новый учебный год: ваш класс 11А выпущен.');
    await graduate.expect('Класс 11А выпущен — поздравляем с окончанием школы!');
    await h.idle();
    expect(vanya.received.filter((m) => m.text.includes('Новый учебный год'))).toHaveLength(1);
    // The staff room's invite still works; last year's do not, and the joiner is told why.
    const active = (await s.invites.listActive()).map((i) => i.id);
    expect(active).toContain(staffInvite.id);
    expect((await s.invites.listActive()).filter((i) => i.classId !== 'staff')).toEqual([]);
    const stranger = h.driver.user({ id: 500, firstName: 'Новый', lastName: 'Человек' });
    await stranger.say(`/join ${old5a.code}`);
    await stranger.expect('Эта ссылка устарела: класс перешёл на новый учебный год. Попросите новую у классного руководителя.');
    await stranger.say(`/join ${old11a.code}`);
    await stranger.expect('Эта ссылка устарела');
    expect((await s.members.get(vk(500)))).toBeUndefined();
    // The journal counts them too.
    const promoted = (await s.audit.recent(20)).find((e) => e.action === 'movement.promoted');
    expect(promoted?.details).toMatchObject({ revokedInvites: before });
  });

  it('F10: a person in the middle of joining by last year’s link when the year moves on is told it is out of date, and no request is filed', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '10А');
    const invite = await s.invites.create(ADMIN, { classId: await classId('10А'), role: 'student' });
    const joiner = h.driver.user({ id: 510, firstName: 'Игорь', lastName: 'Новиков' });
    await joiner.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await joiner.expect('Вас приглашают');
    await joiner.press('Да, всё верно');
    await joiner.nextMessage();
    await joiner.say('Новиков Игорь');
    await joiner.expect('Согласие');
    const plan = await s.movement.previewPromotion();
    expect(await s.movement.applyPromotion(ADMIN, plan)).toMatchObject({ ok: true, revokedInvites: 1 });
    await joiner.press('Даю согласие');
    await joiner.expect('Эта ссылка устарела: класс перешёл на новый учебный год.');
    expect(await s.requests.openFor(vk(510), await classId('11А'), 'student')).toBeFalsy();
  });
});

