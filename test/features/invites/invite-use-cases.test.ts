import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueInvite } from '../../../src/features/invites/issue-invite.js';
import { revokeInvite, revokeUnusedInvites } from '../../../src/features/invites/revoke-invites.js';
import { sendInvite } from '../../../src/features/invites/send-invite.js';
import { deliverNotices } from '../../../src/features/shared/notices.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, turnFor } from '../../helpers/use-case.js';

describe('issuing, sending and revoking invites (F05, F11), the use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string) => (await h.bot.app.services.classes.findByName(name))!.id;

  it('F05: a class teacher may not invite teachers nor to another class; nothing is created', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    const turn = await turnFor(app, 300);
    const before = await s.invites.listActive();
    const teachers = await issueInvite(app, turn, { classId: 'staff', role: 'teacher', maxUses: 1, days: 1 });
    expect(teachers).toEqual({ outcome: { kind: 'refused', text: expect.stringContaining('Учителей в «Учительскую» приглашает администратор') }, notices: [] });
    const other = await issueInvite(app, turn, { classId: await classId('6А'), role: 'student', maxUses: 1, days: 1 });
    expect(other.outcome).toEqual({ kind: 'refused', text: expect.stringContaining('Приглашать в этот класс вы не можете') });
    expect(await s.invites.listActive()).toEqual(before);
    const own = await issueInvite(app, turn, { classId: await classId('5А'), role: 'parent', maxUses: 30, days: 7 });
    expect(own).toMatchObject({ outcome: { kind: 'created', invite: { classId: await classId('5А'), role: 'parent', maxUses: 30 } }, notices: [] });
  });

  it('F05: sending returns the personal invite as a notice (link, code, QR made on delivery); refused without the right or for a revoked invite', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const invite = await s.invites.create(ADMIN, { classId: await classId('5А'), role: 'student' });
    const pupil = h.driver.user({ id: 600, firstName: 'Вера', lastName: 'Соколова' });
    await pupil.say('/start');
    await pupil.nextMessage();
    await h.idle();
    const before = h.emulator.sentTo(600).length;

    const denied = await sendInvite(app, await turnFor(app, 300), invite, { id: vk(600), name: 'Вера Соколова' });
    expect(denied).toEqual({ outcome: { kind: 'refused', text: expect.stringContaining('Приглашать в этот класс вы не можете') }, notices: [] });

    const { outcome, notices } = await sendInvite(app, await turnFor(app, ADMIN_ID), invite, { id: vk(600), name: 'Вера Соколова' });
    expect(outcome).toMatchObject({ kind: 'ready', invite: { id: invite.id }, person: { id: vk(600) } });
    expect(noticeLines(notices)).toEqual(['send 600']);
    await h.idle();
    expect(h.emulator.sentTo(600)).toHaveLength(before);
    expect(await deliverNotices(app, notices)).toEqual({ unreachable: [] });
    const got = await pupil.expect('Здравствуйте! Это бот школы');
    expect(got.text).toContain(invite.code);
    expect(got.text).toContain(`ref=${encodeURIComponent(invite.token)}`);
    expect(got.attachments?.length ?? 0).toBeGreaterThan(0);

    await s.invites.revoke(ADMIN, invite.id);
    const gone = await sendInvite(app, await turnFor(app, ADMIN_ID), invite, { id: vk(600), name: 'Вера Соколова' });
    expect(gone).toEqual({ outcome: { kind: 'refused', text: 'Это приглашение уже не действует. Создайте новое — /пригласить.' }, notices: [] });
  });

  it('F11: revoking is refused to a class teacher for another class; an admin revokes one, then all unused', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    const [a, b, c] = [
      await s.invites.create(ADMIN, { classId: await classId('6А'), role: 'student' }),
      await s.invites.create(ADMIN, { classId: await classId('6А'), role: 'parent' }),
      await s.invites.create(ADMIN, { classId: await classId('5А'), role: 'student' }),
    ];
    const teacher = await turnFor(app, 300);
    expect(await revokeInvite(app, teacher.caller, a.id)).toEqual({ outcome: { kind: 'denied' }, notices: [] });
    expect(await revokeUnusedInvites(app, teacher.caller)).toEqual({ outcome: { kind: 'revoked', count: 1 }, notices: [] });
    const active = async () => (await s.invites.listActive()).map((i) => i.id).filter((id) => [a.id, b.id, c.id].includes(id)).sort();
    expect(await active()).toEqual([a.id, b.id].sort());

    const admin = await turnFor(app, ADMIN_ID);
    expect(await revokeInvite(app, admin.caller, a.id)).toMatchObject({ outcome: { kind: 'revoked', invite: { id: a.id } }, notices: [] });
    expect(await revokeInvite(app, admin.caller, 'no-such-invite')).toEqual({ outcome: { kind: 'not-found' }, notices: [] });
    expect(await revokeUnusedInvites(app, admin.caller)).toEqual({ outcome: { kind: 'revoked', count: 1 }, notices: [] });
    expect(await active()).toEqual([]);
    expect(c.classId).toBe(await classId('5А'));

    const stranger = await turnFor(app, 900);
    expect(await revokeUnusedInvites(app, stranger.caller)).toEqual({ outcome: { kind: 'denied' }, notices: [] });
  });
});
