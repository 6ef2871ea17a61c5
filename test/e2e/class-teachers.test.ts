import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('class teachers (F07)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Кузнецов Олег');
    await joinAs(s, 'teacher', 'staff', 302, 'Новиков Игорь');
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  it('F07: an admin assigns a class teacher with buttons; one teacher may lead several classes; the teacher is told', async () => {
    const s = h.bot.app.services;
    const anna = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const admin = h.admin();
    await admin.say('/classteacher');
    const classes = await admin.expect('Выберите класс');
    expect(labels(classes)).toEqual(['5А', '6А', 'Отмена']);
    await admin.press('5А');
    const pick = await admin.expect('У 5А пока нет классного руководителя.');
    expect(labels(pick)).toEqual(['Кузнецов Олег', 'Петрова Анна', 'Отмена']);
    await admin.press('Петрова Анна');
    await admin.expect('[id300|Петрова Анна] назначена классным руководителем 5А.');
    await anna.expect('Вы назначены классным руководителем 5А');
    await admin.say('/classteacher 6а [id300|Анна]');
    await admin.expect('[id300|Петрова Анна] назначена классным руководителем 6А.');
    await anna.expect('Вы назначены классным руководителем 6А');
    expect((await s.members.get(vk(300)))?.classTeacherOf).toEqual([await classId('5А'), await classId('6А')]);
    await admin.say('/classes');
    const list = await admin.expect('Классов: 2');
    expect(list.text).toContain('5А — учеников: 0, родителей: 0, кл. руководитель: Петрова Анна');
    const audit = await s.audit.recent(5);
    expect(audit.filter((e) => e.action === 'classTeacher.assigned' && e.target.personId === vk(300))).toHaveLength(2);
  });

  it('F07: an admin unassigns a class teacher by command and by button', async () => {
    const s = h.bot.app.services;
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(301));
    const admin = h.admin();
    await admin.say('/classteacher 5А remove 301');
    await admin.expect('[id301|Кузнецов Олег] больше не классный руководитель 5А.');
    await admin.say('/классрук 5А');
    const shown = await admin.expect('Классный руководитель 5А: [id300|Петрова Анна].');
    expect(labels(shown)).toEqual(['Кузнецов Олег', 'Снять: Петрова Анна', 'Отмена']);
    await admin.press('Снять: Петрова Анна');
    await admin.expect('[id300|Петрова Анна] больше не классный руководитель 5А.');
    expect((await s.members.roster(ADMIN, await classId('5А'))).classTeachers).toEqual([]);
  });

  it('F07: refusals: an unverified teacher, the staff room, a bad id, a teacher trying to assign', async () => {
    const admin = h.admin();
    await admin.say('/classteacher 5А 302');
    await admin.expect('Этот человек — не подтверждённый учитель');
    await admin.say('/classteacher Учительская 300');
    await admin.expect('«Учительскую» нельзя');
    await admin.say('/classteacher 5А Игорь');
    await admin.expect('никого по запросу «Игорь» нет');
    await admin.say('/classteacher 15А 300');
    await admin.expect('номер класса должен быть от 1 до 11');
    const anna = h.driver.user({ id: 300, firstName: 'Анна' });
    await anna.say('/classteacher 5А 300');
    await anna.expect('Эта команда вам недоступна');
    expect((await h.bot.app.services.members.get(vk(300)))?.classTeacherOf).toEqual([]);
  });

  it('F07: a class teacher sees the roster of their class; a teacher who leads no class, an unverified one and a parent are refused by the permission matrix', async () => {
    const s = h.bot.app.services;
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 313, 'Орлов Петя');
    const anna = h.driver.user({ id: 300, firstName: 'Анна' });
    await anna.say('/class');
    const roster = await anna.expect('Класс 5А');
    expect(roster.text).toContain('Классный руководитель: [id300|Петрова Анна]');
    expect(roster.text).toContain('Ученики (2):\n1. Козлова Маша\n2. Сидоров Ваня');
    expect(roster.text).toContain('Родители (1):\n1. Сидорова Ольга — ребёнок: Сидоров Ваня');
    expect(roster.text).not.toContain('Орлов');
    expect(roster.keyboard).toBeUndefined();
    await anna.say('/класс 6А');
    await anna.expect('Состав класса 6А видят только его классные руководители и администрация школы.');
    const oleg = h.driver.user({ id: 301, firstName: 'Олег' });
    // A verified teacher who leads no class has no roster right in the matrix: the command is not theirs at all.
    await oleg.say('/class 5А');
    await oleg.expect('Эта команда вам недоступна');
    await oleg.say('/help');
    await oleg.expect('Ваши роли');
    await oleg.press('Все команды');
    expect((await oleg.expect('Что вы можете сделать:')).text).not.toContain('/class ');
    const igor = h.driver.user({ id: 302, firstName: 'Игорь' });
    await igor.say('/class 5А');
    await igor.expect('Эта команда вам недоступна');
    const parent = h.driver.user({ id: 312, firstName: 'Ольга' });
    await parent.say('/class 5А');
    await parent.expect('Эта команда вам недоступна');
  });
});
