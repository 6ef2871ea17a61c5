import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transferStudent } from '../../../src/features/movement/transfer-student.js';
import { deliverNotices } from '../../../src/features/shared/notices.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

// Transferring a student as a use case: it checks the right, moves the student (and the linked
// parents) through the domain, and returns the outcome and the notices; it sends nothing itself.

describe('transferring a student (F10), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classOf = async (name: string) => (await h.bot.app.services.classes.findByName(name))!;

  it('F10: refused to a teacher without the right; the student stays and nothing is audited or sent', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const auditBefore = await s.audit.recent(100);

    const { outcome, notices } = await transferStudent(app, await turnFor(app, 300), vk(310), await classOf('5Б'));
    expect(outcome).toEqual({ kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' });
    expect(notices).toEqual([]);
    expect((await s.members.get(vk(310)))?.classIds).toEqual([(await classOf('5А')).id]);
    expect(await s.audit.recent(100)).toEqual(auditBefore);
  });

  it('F10: a transfer returns who moved and the leavers of the old class, with the student and the parent told; nothing is sent until delivered', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б']);
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров' });
    await vanya.say('/start');
    await vanya.nextMessage();
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Сидоров Ваня');
    const [a, b] = [await classOf('5А'), await classOf('5Б')];
    await h.idle();
    const sentBefore = h.emulator.sentTo(310).length;

    const { outcome, notices } = await transferStudent(app, await turnFor(app, ADMIN_ID), vk(310), b);
    expect(outcome).toMatchObject({ kind: 'transferred', from: '5А', to: '5Б', result: { member: { personId: vk(310), classIds: [b.id] }, fromClassId: a.id } });
    if (outcome.kind !== 'transferred') throw new Error('not transferred');
    expect(outcome.leavers.map((l) => [l.member.personId, l.classId, l.exit.kind])).toEqual([
      [vk(310), a.id, 'transferred'],
      [vk(320), a.id, 'parent'],
    ]);
    expect(noticeLines(notices)).toEqual(['send 310', 'send 320']);
    expect(await noticeTexts(app, notices)).toEqual([
      'Вас перевели в класс 5Б (был 5А).',
      'Вашего ребёнка, Сидорова Ваню, перевели из 5А в 5Б. Теперь вы среди родителей класса 5Б.',
    ]);
    expect((await s.members.get(vk(320)))?.classIds).toEqual([b.id]);
    await h.idle();
    expect(h.emulator.sentTo(310)).toHaveLength(sentBefore);

    // The parent never wrote to the bot: delivering says so, the student gets their message.
    expect(await deliverNotices(app, notices)).toEqual({ unreachable: [vk(320)] });
    await vanya.expect('Вас перевели в класс 5Б (был 5А).');

    // Into the class they are in already: nothing changes and nobody is told.
    const again = await transferStudent(app, await turnFor(app, ADMIN_ID), vk(310), b);
    expect(again).toMatchObject({ outcome: { kind: 'already', to: '5Б', member: { personId: vk(310) } }, notices: [] });
  });
});
