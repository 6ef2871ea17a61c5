import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceJoinRequest } from '../../../src/features/join-requests/review-notices.js';
import { markLeft } from '../../../src/features/movement/mark-left.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('marking a member as left (F10), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string) => (await h.bot.app.services.classes.findByName(name))!.id;

  it('F10: refused to a teacher without the right; the member stays active', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const { outcome, notices } = await markLeft(app, await turnFor(app, 300), vk(310));
    expect(outcome).toEqual({ kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' });
    expect(notices).toEqual([]);
    expect(await s.members.get(vk(310))).toMatchObject({ status: 'active', roles: ['student'] });
  });

  it('F10: the last admin is refused with the reason', async () => {
    const { app } = h.bot;
    const { outcome } = await markLeft(app, await turnFor(app, ADMIN_ID), ADMIN);
    expect(outcome).toEqual({ kind: 'refused', text: 'Это последний администратор платформы — снять его нельзя. Сначала назначьте другого администратора.' });
    expect(await app.services.members.get(ADMIN)).toMatchObject({ status: 'active' });
  });

  it('F10: a student who left: the outcome, the reviewer card of their pending request edited, each parent told; again is «already»', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 311, 'Сидорова Катя');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 321, 'Сидоров Пётр', 'Сидоров Ваня');
    await joinAs(s, 'parent', '6А', 321, 'Сидоров Пётр', 'Сидорова Катя');
    const invite = await s.invites.create(ADMIN, { classId: await classId('6А'), role: 'student' });
    const used = await s.invites.use(invite.id, { personId: vk(310), name: 'Сидоров Ваня', consent: true });
    if (!used.ok) throw new Error('not filed');
    await announceJoinRequest(app, used.request);
    await admin.expect('Новая заявка на вступление');

    const { outcome, notices } = await markLeft(app, await turnFor(app, ADMIN_ID), vk(310));
    expect(outcome).toMatchObject({ kind: 'left', result: { member: { personId: vk(310), status: 'left' }, rejectedRequests: [{ id: used.request.id }] } });
    if (outcome.kind !== 'left') throw new Error('not left');
    expect(outcome.leavers.map((l) => [l.member.personId, l.classId, l.exit.kind])).toEqual([
      [vk(310), await classId('5А'), 'left'],
      [vk(320), await classId('5А'), 'parent'],
      [vk(321), await classId('5А'), 'parent'],
    ]);
    expect(noticeLines(notices)).toEqual([`edit ${ADMIN_ID}`, 'send 320', 'send 321']);
    const [card, mother, father] = await noticeTexts(app, notices);
    expect(card).toContain('Причина: выбытие из школы');
    expect(mother).toBe('Ваш сын, Сидоров Ваня (5А), отмечен как выбывший из школы.\nДругих ваших детей в школе нет — доступ к боту как родителя закончился.');
    expect(father).toBe('Ваш сын, Сидоров Ваня (5А), отмечен как выбывший из школы.\nВы больше не среди родителей класса 5А.');
    expect(await s.members.get(vk(320))).toMatchObject({ status: 'left' });

    const again = await markLeft(app, await turnFor(app, ADMIN_ID), vk(310));
    expect(again).toMatchObject({ outcome: { kind: 'already', member: { personId: vk(310) } }, notices: [] });
  });
});
