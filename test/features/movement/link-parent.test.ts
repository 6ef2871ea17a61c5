import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkParent } from '../../../src/features/movement/link-parent.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('linking a parent to their child (F08), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F08: refused to a teacher who leads no class of theirs, and to a wrong pair; nothing is linked', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 311, 'Сидорова Катя');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Другое Имя');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.assignClassTeacher(ADMIN, (await s.classes.findByName('6А'))!.id, vk(300));

    const denied = await linkParent(app, await turnFor(app, 300), vk(320), vk(310));
    expect(denied).toEqual({ outcome: { kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' }, notices: [] });
    const apart = await linkParent(app, await turnFor(app, ADMIN_ID), vk(320), vk(311));
    expect(apart.outcome).toEqual({ kind: 'refused', text: '[id320|Сидорова Ольга] и [id311|Сидорова Катя] не в одном классе: родитель должен вступить в класс ученика по родительскому приглашению.' });
    const notParent = await linkParent(app, await turnFor(app, ADMIN_ID), vk(311), vk(310));
    expect(notParent.outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('Этот человек — не родитель') });
    const roster = await s.members.roster(ADMIN, (await s.classes.findByName('5А'))!.id);
    expect(roster.parents.find((p) => p.member.personId === vk(320))?.children).toEqual([{ childName: 'Другое Имя' }]);
  });

  it('F08: a link returns the outcome and the parent is told; linking again tells nobody', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 320, 'Сидорова Ольга', 'Другое Имя');

    const { outcome, notices } = await linkParent(app, await turnFor(app, ADMIN_ID), vk(320), vk(310));
    expect(outcome).toMatchObject({ kind: 'linked', changed: true, parent: { personId: vk(320) }, student: { personId: vk(310) }, className: '5А' });
    expect(noticeLines(notices)).toEqual(['send 320']);
    expect(await noticeTexts(app, notices)).toEqual(['Вы связаны как родитель с учеником Сидоровым Ваней (5А).']);
    const roster = await s.members.roster(ADMIN, (await s.classes.findByName('5А'))!.id);
    expect(roster.parents.find((p) => p.member.personId === vk(320))?.children).toMatchObject([{ childId: vk(310) }]);

    const again = await linkParent(app, await turnFor(app, ADMIN_ID), vk(320), vk(310));
    expect(again).toMatchObject({ outcome: { kind: 'linked', changed: false }, notices: [] });
  });
});
