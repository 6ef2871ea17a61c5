import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appointAdmin, removeAdmin } from '../../../src/features/roles/appoint-admin.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('appointing and removing platform admins (F06, F18), the use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F06: refused to a teacher without the right and for an unverified teacher; nobody becomes an admin', async () => {
    const { app } = h.bot;
    const s = app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Иванов Олег');
    await joinAs(s, 'teacher', 'staff', 302, 'Новый Учитель');
    const denied = await appointAdmin(app, await turnFor(app, 300), vk(301));
    expect(denied).toEqual({ outcome: { kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' }, notices: [] });
    const unverified = await appointAdmin(app, await turnFor(app, ADMIN_ID), vk(302));
    expect(unverified.outcome).toEqual({ kind: 'refused', text: expect.stringContaining('Этот человек — не подтверждённый учитель') });
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
  });

  it('F18: the head appoints an admin, who is told; appointing again tells nobody', async () => {
    const { app } = h.bot;
    const s = app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Иванов Олег');
    await s.members.setAdministrationRole(ADMIN, vk(300), 'head');
    const { outcome, notices } = await appointAdmin(app, await turnFor(app, 300), vk(301));
    expect(outcome).toMatchObject({ kind: 'done', changed: true, member: { personId: vk(301), roles: expect.arrayContaining(['admin']) } });
    expect(noticeLines(notices)).toEqual(['send 301']);
    expect((await noticeTexts(app, notices))[0]).toMatch(/^Вас назначили администратором платформы школы\./);
    const again = await appointAdmin(app, await turnFor(app, 300), vk(301));
    expect(again).toMatchObject({ outcome: { kind: 'done', changed: false }, notices: [] });
  });

  it('F06: removing: the last admin stays; another is removed and told; one who removes themselves is not told', async () => {
    const { app } = h.bot;
    const s = app.services;
    const last = await removeAdmin(app, await turnFor(app, ADMIN_ID), ADMIN);
    expect(last.outcome).toEqual({ kind: 'refused', text: 'Это последний администратор платформы — снять его нельзя. Сначала назначьте другого администратора.' });
    await verifiedTeacher(s, 301, 'Иванов Олег');
    await s.members.appointAdmin(ADMIN, vk(301));
    const { outcome, notices } = await removeAdmin(app, await turnFor(app, ADMIN_ID), vk(301));
    expect(outcome).toMatchObject({ kind: 'done', changed: true, member: { personId: vk(301) } });
    expect(noticeLines(notices)).toEqual(['send 301']);
    expect(await noticeTexts(app, notices)).toEqual(['Вы больше не администратор платформы школы. Ваши остальные роли сохранились. Список команд — /помощь.']);
    await s.members.appointAdmin(ADMIN, vk(301));
    const self = await removeAdmin(app, await turnFor(app, 301), vk(301));
    expect(self).toMatchObject({ outcome: { kind: 'done', changed: true }, notices: [] });
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
  });
});
