import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidApplicantError,
  InviteTargetError,
  PermissionDeniedError,
} from '../../src/domain/errors.js';
import {
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  newInviteCode,
  normaliseInviteCode,
} from '../../src/domain/invites.js';
import { DAY_MS, INVITE_LIMITS, createServices } from '../../src/domain/index.js';
import { ADMIN, auditOf, expectNoAudit, fixtureName, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import type { PersonId } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

let school: School;
let classId: string;
beforeEach(async () => {
  school = await openSchool();
  classId = (await school.services.classes.create(ADMIN, '5А')).id;
});
afterEach(async () => {
  await school.cleanup();
});

const applicant = (personId: PersonId) => ({ personId, name: fixtureName(personId), consent: true as const });

describe('F05 invites', () => {
  it('has a token of at least 128 random bits and a code without look-alikes', async () => {
    const invite = await school.services.invites.create(ADMIN, { classId, role: 'student' });
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(invite.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(invite.code).toHaveLength(INVITE_CODE_LENGTH);
    for (const ch of '01OILU') expect(INVITE_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) {
      for (const ch of newInviteCode()) expect(INVITE_CODE_ALPHABET).toContain(ch);
    }
    expect(invite).toMatchObject({ uses: 0, revoked: false, createdBy: ADMIN, role: 'student', classId });
    expect(invite.expiresAt - invite.createdAt).toBe(INVITE_LIMITS.defaultDays * DAY_MS);
  });

  it('is found by token and by code typed loosely', async () => {
    const { invites } = school.services;
    const invite = await invites.create(ADMIN, { classId, role: 'parent', maxUses: 3 });
    expect(await invites.findByToken(invite.token)).toMatchObject({ schoolId: 'sch1', state: 'active', invite: { id: invite.id } });
    const loose = `${invite.code.slice(0, 4).toLowerCase()} - ${invite.code.slice(4)}`;
    expect(normaliseInviteCode(loose)).toBe(invite.code);
    expect(await invites.findByCode(vk(42), loose)).toMatchObject({ ok: true, view: { invite: { id: invite.id } } });
    expect(await invites.findByToken('nope')).toBeUndefined();
  });

  it('finds an invite of another school sharing the Redis (global index)', async () => {
    const other = createServices({ redis: school.redis, prefix: school.prefix, schoolId: 'sch2', now: () => school.clock.t });
    await other.classes.ensureStaffRoom();
    await other.members.ensureBootstrapAdmins([ADMIN]);
    const cls = await other.classes.create(ADMIN, '1А');
    const invite = await other.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    const view = await school.services.invites.findByToken(invite.token);
    expect(view).toMatchObject({ schoolId: 'sch2', invite: { classId: cls.id } });
  });

  it('goes through the states active → used_up, expired by time, revoked', async () => {
    const { invites } = school.services;
    const one = await invites.create(ADMIN, { classId, role: 'student', maxUses: 1, ttlMs: 3600_000 });
    expect(invites.stateOf(one)).toBe('active');
    expect((await invites.use(one.id, applicant(vk(1)))).ok).toBe(true);
    expect(await invites.use(one.id, applicant(vk(2)))).toEqual({ ok: false, reason: 'used_up' });
    expect((await invites.findByToken(one.token))?.state).toBe('used_up');

    const timed = await invites.create(ADMIN, { classId, role: 'student', ttlMs: 3600_000 });
    school.clock.t += 3600_000;
    expect((await invites.findByToken(timed.token))?.state).toBe('expired');
    expect(await invites.use(timed.id, applicant(vk(3)))).toEqual({ ok: false, reason: 'expired' });

    const revoked = await invites.create(ADMIN, { classId, role: 'student' });
    const r = await invites.revoke(ADMIN, revoked.id);
    expect(r).toMatchObject({ revoked: true, revokedBy: ADMIN });
    expect((await invites.findByToken(revoked.token))?.state).toBe('revoked');
    expect(await invites.use(revoked.id, applicant(vk(4)))).toEqual({ ok: false, reason: 'revoked' });
    expect((await school.services.audit.recent()).map((e) => e.action)).toContain('invite.revoked');
  });

  it('teacher invites go only to the staff room, student/parent invites only to regular classes', async () => {
    const { invites } = school.services;
    await expect(invites.create(ADMIN, { classId, role: 'teacher' })).rejects.toBeInstanceOf(InviteTargetError);
    await expect(invites.create(ADMIN, { classId: 'staff', role: 'student' })).rejects.toBeInstanceOf(InviteTargetError);
    await expect(invites.create(ADMIN, { classId: 'nope', role: 'student' })).rejects.toMatchObject({ code: 'class.not_found' });
    expect((await invites.create(ADMIN, { classId: 'staff', role: 'teacher' })).classId).toBe('staff');
  });

  it('says already_member, already_pending, and wants a child name from parents', async () => {
    const { invites } = school.services;
    await join(school.services, 'student', classId, { personId: vk(77) });
    const invite = await invites.create(ADMIN, { classId, role: 'student' });
    expect(await invites.use(invite.id, applicant(vk(77)))).toEqual({ ok: false, reason: 'already_member' });
    const first = await invites.use(invite.id, applicant(vk(78)));
    expect(first.ok).toBe(true);
    const again = await invites.use(invite.id, applicant(vk(78)));
    expect(again).toEqual({ ok: false, reason: 'already_pending', requestId: first.ok ? first.request.id : '' });
    expect((await invites.get(invite.id))?.uses).toBe(1);
    const parentInvite = await invites.create(ADMIN, { classId, role: 'parent' });
    await expect(invites.use(parentInvite.id, applicant(vk(79)))).rejects.toBeInstanceOf(InvalidApplicantError);
    const parent = await invites.use(parentInvite.id, { ...applicant(vk(77)), childName: 'Петя Петров' });
    expect(parent.ok && parent.request.applicant).toMatchObject({ role: 'parent', childName: 'Петя Петров', classId });
  });

  it('the last use taken by two people at once goes to exactly one (two connections)', async () => {
    const { invites } = school.services;
    const other = await school.second();
    for (let round = 0; round < 10; round++) {
      const invite = await invites.create(ADMIN, { classId, role: 'student', maxUses: 1 });
      const [a, b] = await Promise.all([
        invites.use(invite.id, applicant(vk(500 + round * 2))),
        other.invites.use(invite.id, applicant(vk(501 + round * 2))),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, reason: 'used_up' });
      expect((await invites.get(invite.id))?.uses).toBe(1);
      const winner = [a, b].find((r) => r.ok);
      const used = (await school.services.audit.recent(2)).filter((e) => e.action === 'invite.used');
      expect(used.map((e) => e.target)).toEqual([
        { inviteId: invite.id, requestId: winner?.ok ? winner.request.id : '', classId, personId: winner?.ok ? winner.request.applicant.personId : 0 },
      ]);
    }
  });

  it('audits create, use, revoke and revoke-all once each, in their scripts; a refused or repeated call writes nothing', async () => {
    const { invites } = school.services;
    let invite = await invites.create(ADMIN, { classId, role: 'student' });
    expect(
      await auditOf(school, async () => {
        invite = await invites.create(ADMIN, { classId, role: 'student', maxUses: 2 });
      }),
    ).toEqual([
      { actor: ADMIN, action: 'invite.created', target: { inviteId: invite.id, classId }, details: { role: 'student', maxUses: 2, className: '5А' } },
    ]);
    await expectNoAudit(school, () => expect(invites.create(ADMIN, { classId, role: 'teacher' })).rejects.toBeInstanceOf(InviteTargetError));
    await expectNoAudit(school, () => expect(invites.create(ADMIN, { classId: 'nope', role: 'student' })).rejects.toMatchObject({ code: 'class.not_found' }));

    let requestId = '';
    expect(
      await auditOf(school, async () => {
        const used = await invites.use(invite.id, applicant(vk(61)));
        requestId = used.ok ? used.request.id : '';
      }),
    ).toEqual([{ actor: vk(61), action: 'invite.used', target: { inviteId: invite.id, requestId, classId, personId: vk(61) }, details: { className: '5А' } }]);
    await expectNoAudit(school, async () => expect(await invites.use(invite.id, applicant(vk(61)))).toMatchObject({ reason: 'already_pending' }));
    expect((await auditOf(school, () => invites.use(invite.id, applicant(vk(62))))).map((e) => e.action)).toEqual(['invite.used']);
    await expectNoAudit(school, async () => expect(await invites.use(invite.id, applicant(vk(63)))).toMatchObject({ reason: 'used_up' }));

    const spare = await invites.create(ADMIN, { classId, role: 'parent' });
    expect(await auditOf(school, () => invites.revoke(ADMIN, spare.id))).toEqual([
      { actor: ADMIN, action: 'invite.revoked', target: { inviteId: spare.id, classId }, details: { className: '5А' } },
    ]);
    await expectNoAudit(school, () => invites.revoke(ADMIN, spare.id));
    await expectNoAudit(school, async () => expect(await invites.use(spare.id, { ...applicant(vk(64)), childName: 'Петя Петров' })).toMatchObject({ reason: 'revoked' }));

    await invites.create(ADMIN, { classId, role: 'parent' });
    await invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    // The first invite and the parent one are unused; the teacher one is in another class.
    expect(await auditOf(school, () => invites.revokeAllUnused(ADMIN, { classId }))).toEqual([
      { actor: ADMIN, action: 'invite.revoked_unused', target: { classId }, details: { count: 2, className: '5А' } },
    ]);
    expect(await auditOf(school, () => invites.revokeAllUnused('system'))).toEqual([
      { actor: 'system', action: 'invite.revoked_unused', target: {}, details: { count: 1 } },
    ]);
    // Nothing left to revoke: still one entry, saying so.
    expect(await auditOf(school, () => invites.revokeAllUnused(ADMIN))).toEqual([
      { actor: ADMIN, action: 'invite.revoked_unused', target: {}, details: { count: 0 } },
    ]);
  });

  it('F11: revokes all unused active invites and lists active ones with use counts', async () => {
    const { invites } = school.services;
    const used = await invites.create(ADMIN, { classId, role: 'student' });
    await invites.use(used.id, applicant(vk(10)));
    await invites.create(ADMIN, { classId, role: 'student' });
    await invites.create(ADMIN, { classId, role: 'parent' });
    await invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    const gone = await invites.create(ADMIN, { classId, role: 'student' });
    await invites.revoke(ADMIN, gone.id);
    expect((await invites.listActive()).length).toBe(4);
    expect(await invites.revokeAllUnused(ADMIN)).toBe(3);
    const active = await invites.listActive();
    expect(active.map((i) => [i.id, i.uses])).toEqual([[used.id, 1]]);
    expect(await invites.revokeAllUnused(ADMIN)).toBe(0);
  });

  it('a class teacher invites and revokes for students and parents of their own class only', async () => {
    const { invites, members, classes } = school.services;
    const other = await classes.create(ADMIN, '6А');
    await verifiedTeacher(school.services, vk(2001));
    await members.assignClassTeacher(ADMIN, classId, vk(2001));
    const own = await invites.create(vk(2001), { classId, role: 'parent' });
    expect(own.createdBy).toBe(vk(2001));
    await expect(invites.create(vk(2001), { classId: other.id, role: 'student' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(invites.create(vk(2001), { classId: 'staff', role: 'teacher' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await invites.create(ADMIN, { classId: other.id, role: 'student' });
    await expect(invites.revokeAllUnused(vk(2001))).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await invites.revokeAllUnused(vk(2001), { classId })).toBe(1);
    expect(await invites.listActive({ classId })).toEqual([]);
    expect((await invites.listActive({ classId: other.id })).length).toBe(1);
    await expect(invites.create(vk(3333), { classId, role: 'student' })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('throttles code guessing per user and says how long to wait', async () => {
    const { invites } = school.services;
    const invite = await invites.create(ADMIN, { classId, role: 'student' });
    for (let i = 4; i >= 0; i--) {
      expect(await invites.findByCode(vk(55), 'ZZZZZZZZ')).toEqual({ ok: false, reason: 'not_found', attemptsLeft: i });
      school.clock.t += 1000;
    }
    const throttled = await invites.findByCode(vk(55), invite.code);
    expect(throttled).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 10 * 60_000 - 5000 });
    expect((await invites.findByCode(vk(56), invite.code)).ok).toBe(true);
    school.clock.t += 10 * 60_000 - 5000;
    expect((await invites.findByCode(vk(55), invite.code)).ok).toBe(true);
  });
});
