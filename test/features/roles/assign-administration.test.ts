import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignAdministrationRole, unassignAdministrationRole } from '../../../src/features/roles/assign-administration.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('marking the head and deputies (F06, F18, F19), the use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F19: refused to the head (only an admin marks them); nobody is marked', async () => {
    const { app } = h.bot;
    const s = app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Иванов Олег');
    await s.members.setAdministrationRole(ADMIN, vk(300), 'head');
    const denied = await assignAdministrationRole(app, await turnFor(app, 300), vk(301), 'deputy');
    expect(denied).toEqual({ outcome: { kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' }, notices: [] });
    expect(await s.members.listByRole('deputy')).toEqual([]);
    const unset = await unassignAdministrationRole(app, await turnFor(app, 301), vk(300), 'head');
    expect(unset.outcome.kind).toBe('refused');
    expect((await s.members.listByRole('head')).map((m) => m.personId)).toEqual([vk(300)]);
  });

  it('F18: a new head replaces the old one and is told, with the leadership chat’s link when it exists', async () => {
    const { app } = h.bot;
    const s = app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Иванов Олег');
    await s.members.setAdministrationRole(ADMIN, vk(300), 'head');
    const { outcome, notices } = await assignAdministrationRole(app, await turnFor(app, ADMIN_ID), vk(301), 'head');
    expect(outcome).toMatchObject({ kind: 'set', member: { personId: vk(301) }, replaced: [{ personId: vk(300) }] });
    expect(noticeLines(notices)).toEqual(['send 301']);
    expect((await noticeTexts(app, notices))[0]).toMatch(/^Вас отметили как руководителя школы\./);
    expect((await s.members.listByRole('head')).map((m) => m.personId)).toEqual([vk(301)]);

    await s.adminChats.reserve(ADMIN, 'leadership', 'Руководство');
    await s.adminChats.finish(ADMIN, 'leadership', 2000000001, 'https://vk.me/join/lead');
    const deputy = await assignAdministrationRole(app, await turnFor(app, ADMIN_ID), vk(300), 'deputy');
    expect(deputy.outcome).toMatchObject({ kind: 'set', member: { personId: vk(300) }, replaced: [] });
    expect(noticeLines(deputy.notices)).toEqual(['send 300', `send 300 ac-link:leadership:300:deputy:${(await s.members.get(vk(300)))!.joinedAt}`]);
    expect((await noticeTexts(app, deputy.notices))[1]).toBe('👥 У руководства школы есть чат «Руководство» для руководителя и заместителей. Вступайте по ссылке: https://vk.me/join/lead');

    const unset = await unassignAdministrationRole(app, await turnFor(app, ADMIN_ID), vk(300), 'deputy');
    expect(unset).toMatchObject({ outcome: { kind: 'unset', member: { personId: vk(300) } }, notices: [] });
    expect(await s.members.listByRole('deputy')).toEqual([]);
  });
});
