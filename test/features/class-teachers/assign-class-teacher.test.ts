import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignClassTeacher, unassignClassTeacher } from '../../../src/features/class-teachers/assign-class-teacher.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('attaching and detaching class teachers (F07), the use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classOf = async (name: string) => (await h.bot.app.services.classes.findByName(name))!;

  it('F07: refused to a teacher without the right and for an unverified teacher; nobody leads the class', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 302, 'Новый Учитель');
    const cls = await classOf('5А');
    const denied = await assignClassTeacher(app, await turnFor(app, 300), cls, vk(300));
    expect(denied).toEqual({ outcome: { kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' }, notices: [] });
    const unverified = await assignClassTeacher(app, await turnFor(app, ADMIN_ID), cls, vk(302));
    expect(unverified.outcome).toEqual({ kind: 'refused', text: expect.stringContaining('Этот человек — не подтверждённый учитель') });
    expect((await s.members.roster(ADMIN, cls.id)).classTeachers).toEqual([]);
  });

  it('F07: an attached teacher is told which class they lead; detaching tells nobody', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const cls = await classOf('5А');
    const { outcome, notices } = await assignClassTeacher(app, await turnFor(app, ADMIN_ID), cls, vk(300));
    expect(outcome).toMatchObject({ kind: 'done', member: { personId: vk(300), classTeacherOf: [cls.id] } });
    expect(noticeLines(notices)).toEqual(['send 300']);
    expect(await noticeTexts(app, notices)).toEqual(['Вы назначены классным руководителем 5А. Состав класса — /класс 5А. Все ваши команды — /помощь.']);
    const off = await unassignClassTeacher(app, await turnFor(app, ADMIN_ID), cls, vk(300));
    expect(off).toMatchObject({ outcome: { kind: 'done', member: { personId: vk(300), classTeacherOf: [] } }, notices: [] });
  });
});
