import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceFiled } from '../../../src/features/join-requests/review-notices.js';
import { ConsentMissingError, consentFrom, joinByInvite, type JoinAnswers } from '../../../src/features/onboarding/join-by-invite.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { verifiedTeacher } from '../../helpers/school-people.js';
import { turnFor } from '../../helpers/use-case.js';

// Joining by an invite as a use case: it files the request through the domain and returns the
// applicant's words with the requests to show their reviewers; it sends nothing itself.

describe('joining by an invite (F23, F27, F19), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string) => (await h.bot.app.services.classes.findByName(name))!.id;

  /** People who have written to the bot (so that VK lets it write to them), as the user ids. */
  async function wrote(...ids: number[]): Promise<void> {
    for (const id of ids) {
      const person = id === ADMIN_ID ? h.admin() : h.driver.user({ id, firstName: 'Имя', lastName: 'Фамилия' });
      await person.say('/start');
      await person.nextMessage();
    }
    await h.idle();
  }

  const cards = (peer: number) => h.emulator.sentTo(peer).filter((m) => m.text.includes('Заявка'));

  it('F23: a parent’s request is stored with the child and consent, and goes to the class teacher only once announced', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.assignClassTeacher(ADMIN, await classId('5А'), vk(300));
    await wrote(ADMIN_ID, 300, 700);
    const invite = await s.invites.create(ADMIN, { classId: await classId('5А'), role: 'parent' });
    const answers: JoinAnswers = { inviteId: invite.id, role: 'parent', className: '5А', name: 'Соколова Ольга', gender: 'female', childName: 'Соколова Вера', consented: true };
    const [teacherBefore, adminBefore] = [cards(300).length, cards(ADMIN_ID).length];

    expect(await consentFrom(app, invite.id, 'parent')).toBe('self');
    const { outcome, notices, toReview } = await joinByInvite(app, await turnFor(app, 700), answers);
    expect(outcome).toMatchObject({ kind: 'filed', text: expect.stringContaining('Петрова Анна') });
    if (outcome.kind !== 'filed') throw new Error(outcome.kind);
    expect(await s.requests.get(outcome.request.id)).toMatchObject({
      status: 'pending',
      applicant: { role: 'parent', personId: vk(700), name: 'Соколова Ольга', gender: 'female', childName: 'Соколова Вера', classId: await classId('5А'), consent: true, consentVersion: expect.any(String) },
    });
    expect(notices).toEqual([]);
    expect(toReview.map((r) => r.id)).toEqual([outcome.request.id]);
    await h.idle();
    expect(cards(300)).toHaveLength(teacherBefore);

    await announceFiled(app, toReview);
    await h.idle();
    expect(cards(300)).toHaveLength(teacherBefore + 1);
    expect(cards(300).at(-1)?.text).toContain('Соколова Ольга');
    // The class teacher decides first; the admins get it only when it waits too long.
    expect(cards(ADMIN_ID)).toHaveLength(adminBefore);

    // The same invite again: nothing more is filed, and nothing is to be announced.
    const again = await joinByInvite(app, await turnFor(app, 700), answers);
    expect(again).toMatchObject({ outcome: { kind: 'refused', reason: 'already_pending', text: expect.stringContaining('уже ждёт') }, notices: [], toReview: [] });
  });

  it('F19: a teacher’s request keeps the subjects and goes to the admins', async () => {
    const { app } = h.bot;
    await wrote(ADMIN_ID, 400);
    const invite = await app.services.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    const adminBefore = cards(ADMIN_ID).length;
    const { outcome, toReview } = await joinByInvite(app, await turnFor(app, 400), { inviteId: invite.id, role: 'teacher', className: 'Учительская', name: 'Орлов Пётр Ильич', subjects: ['Физика', 'Астрономия'], consented: true });
    if (outcome.kind !== 'filed') throw new Error(outcome.kind);
    expect((await app.services.requests.get(outcome.request.id))?.applicant).toMatchObject({ role: 'teacher', subjects: ['Физика', 'Астрономия'] });
    await announceFiled(app, toReview);
    await h.idle();
    expect(cards(ADMIN_ID)).toHaveLength(adminBefore + 1);
    expect(cards(ADMIN_ID).at(-1)?.text).toContain('Орлов Пётр Ильич');
  });

  it('F27: a young student’s request waits for a parent: stored so, a link for the parent in the words, no one to review yet', async () => {
    const { app } = h.bot;
    await app.services.classes.createMany(ADMIN, ['5А']);
    await wrote(ADMIN_ID, 600);
    const invite = await app.services.invites.create(ADMIN, { classId: await classId('5А'), role: 'student' });
    expect(await consentFrom(app, invite.id, 'student')).toBe('parent');
    const adminBefore = cards(ADMIN_ID).length;
    const { outcome, notices, toReview } = await joinByInvite(app, await turnFor(app, 600), { inviteId: invite.id, role: 'student', className: '5А', name: 'Соколова Вера', consented: false });
    expect(outcome).toMatchObject({ kind: 'awaiting-parent', text: expect.stringContaining('ждёт согласия родителя') });
    if (outcome.kind !== 'awaiting-parent') throw new Error(outcome.kind);
    expect(outcome.text).toContain('классный руководитель');
    const stored = await app.services.requests.get(outcome.request.id);
    expect(stored).toMatchObject({ status: 'pending', awaitingConsent: true, applicant: { role: 'student', name: 'Соколова Вера' } });
    expect(stored?.applicant.consentVersion).toBeUndefined();
    expect(notices).toEqual([]);
    expect(toReview).toEqual([]);
    await h.idle();
    expect(cards(ADMIN_ID)).toHaveLength(adminBefore);
  });

  it('F27: refusals name whom to ask by the invite’s role; an older student must have consented', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['10А']);
    const student = await s.invites.create(ADMIN, { classId: await classId('10А'), role: 'student' });
    const teacher = await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    const turn = await turnFor(app, 600);
    expect(await consentFrom(app, student.id, 'student')).toBe('self');
    await expect(joinByInvite(app, turn, { inviteId: student.id, role: 'student', className: '10А', name: 'Соколова Вера', consented: false })).rejects.toBeInstanceOf(ConsentMissingError);
    expect(await s.requests.openFor(vk(600), await classId('10А'), 'student')).toBeUndefined();

    await s.invites.revoke(ADMIN, student.id);
    await s.invites.revoke(ADMIN, teacher.id);
    const toStudent = await joinByInvite(app, turn, { inviteId: student.id, role: 'student', className: '10А', name: 'Соколова Вера', consented: true });
    expect(toStudent.outcome).toEqual({ kind: 'refused', reason: 'revoked', text: expect.stringContaining('у классного руководителя') });
    const toTeacher = await joinByInvite(app, turn, { inviteId: teacher.id, role: 'teacher', className: 'Учительская', name: 'Соколова Вера', subjects: ['Физика'], consented: true });
    expect(toTeacher.outcome).toEqual({ kind: 'refused', reason: 'revoked', text: expect.stringContaining('у администратора школы') });
  });
});
