import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_LIMIT } from '../../src/domain/audit.js';
import { ClassNameTakenError, LastAdminError } from '../../src/domain/errors.js';
import { schoolKeys, type Services } from '../../src/domain/index.js';
import { ADMIN, auditOf, expectNoAudit, join, openSchool, rawAudit, type School } from './fixture.js';
import type { PersonId } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await school.cleanup();
});

const auditKey = () => schoolKeys(school.prefix, school.schoolId).audit;
const seqKey = () => schoolKeys(school.prefix, school.schoolId).seq('audit');

describe('audit log written in the same step as the change', () => {
  it('every entry comes from the script: with no way to write one afterwards, each change still has its entry at once', async () => {
    // As if the process died right after each script: any audit write from TypeScript would fail the call.
    const record = vi.spyOn(s.audit, 'record').mockRejectedValue(new Error('crashed before the audit write'));
    const top = async () => (await s.audit.recent(1))[0];

    const cls = await s.classes.create(ADMIN, '5А');
    expect(await top()).toMatchObject({ action: 'class.created', target: { classId: cls.id } });
    const invite = await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    expect(await top()).toMatchObject({ action: 'invite.created', target: { inviteId: invite.id } });
    const used = await s.invites.use(invite.id, { personId: vk(3001), name: 'Ученик Первый', consent: true });
    if (!used.ok) throw new Error(used.reason);
    expect(await top()).toMatchObject({ action: 'invite.used', target: { requestId: used.request.id } });
    await s.requests.approve(ADMIN, used.request.id);
    expect(await top()).toMatchObject({ action: 'request.approved', target: { requestId: used.request.id, personId: vk(3001) } });
    await s.classes.rename(ADMIN, cls.id, '5Б');
    expect(await top()).toMatchObject({ action: 'class.renamed', target: { classId: cls.id } });
    const other = await s.classes.create(ADMIN, '6А');
    await s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: other.id });
    expect(await top()).toMatchObject({ action: 'movement.transferred', target: { personId: vk(3001), classId: other.id } });
    await s.movement.markLeft(ADMIN, vk(3001));
    expect(await top()).toMatchObject({ action: 'movement.left', target: { personId: vk(3001) } });
    await s.invites.revokeAllUnused(ADMIN);
    expect(await top()).toMatchObject({ action: 'invite.revoked_unused', details: { count: 0 } });
    await s.classes.archive(ADMIN, cls.id);
    expect(await top()).toMatchObject({ action: 'class.archived', target: { classId: cls.id } });
    expect(record).not.toHaveBeenCalled();
  });

  it('a refused script writes no entry and takes no id; the next change gets the next id', async () => {
    const a = await s.classes.create(ADMIN, '5А');
    await s.classes.create(ADMIN, '5Б');
    const before = await rawAudit(school);
    await expect(s.classes.rename(ADMIN, a.id, '5Б')).rejects.toBeInstanceOf(ClassNameTakenError);
    await expect(s.members.removeAdmin(ADMIN, ADMIN)).rejects.toBeInstanceOf(LastAdminError);
    await expect(s.movement.markLeft(ADMIN, ADMIN)).rejects.toBeInstanceOf(LastAdminError);
    expect(await rawAudit(school)).toEqual(before);
    await s.classes.rename(ADMIN, a.id, '5В');
    const [entry] = await s.audit.recent(1);
    expect(entry).toMatchObject({ id: Number(before.seq) + 1, action: 'class.renamed' });
  });

  it('two people racing for the last use: the audit shows exactly one use, of the winner', async () => {
    const cls = await s.classes.create(ADMIN, '5А');
    const other = await school.second();
    const invite = await s.invites.create(ADMIN, { classId: cls.id, role: 'student', maxUses: 1 });
    let winner: PersonId | undefined;
    const log = await auditOf(school, async () => {
      const [a, b] = await Promise.all([
        s.invites.use(invite.id, { personId: vk(501), name: 'Анна Аверина', consent: true }),
        other.invites.use(invite.id, { personId: vk(502), name: 'Борис Белов', consent: true }),
      ]);
      winner = a.ok ? vk(501) : vk(502);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    });
    expect(log).toEqual([expect.objectContaining({ actor: winner, action: 'invite.used' })]);
  });
});

describe('one entry format', () => {
  it('script entries, AuditService.record entries and entries written before the move read alike', async () => {
    // An entry exactly as the TypeScript writer stored it before the scripts wrote their own.
    const seq = Number(await school.redis.get(seqKey()));
    const old = `{"id":${seq + 1},"at":${school.clock.t - 1},"actor":${ADMIN},"action":"class.created","target":{"classId":"c99"}}`;
    await school.redis.lpush(auditKey(), old);
    await school.redis.set(seqKey(), seq + 1);

    const cls = await s.classes.create(ADMIN, '5А');
    const written = await s.audit.record('system', 'custom.check', {}, { count: 2, flag: true, code: 'x' });
    const recent = await s.audit.recent(3);
    expect(recent).toEqual([
      { id: seq + 3, at: school.clock.t, actor: 'system', action: 'custom.check', target: {}, details: { code: 'x', count: 2, flag: true } },
      // A script's entry keeps the class's name of the moment, for the journal to read it as it was.
      { id: seq + 2, at: school.clock.t, actor: ADMIN, action: 'class.created', target: { classId: cls.id }, details: { className: '5А' } },
      { id: seq + 1, at: school.clock.t - 1, actor: ADMIN, action: 'class.created', target: { classId: 'c99' } },
    ]);
    expect(written).toEqual(recent[0]);
    // Same fields in the same order as before; an empty target stays an object.
    const raws = await school.redis.lrange(auditKey(), 0, 2);
    expect(raws.map((r) => Object.keys(JSON.parse(r) as object))).toEqual([
      ['id', 'at', 'actor', 'action', 'target', 'details'],
      ['id', 'at', 'actor', 'action', 'target', 'details'],
      ['id', 'at', 'actor', 'action', 'target'],
    ]);
    expect(raws[0]).toContain('"target":{}');
  });

  it(`keeps the newest ${AUDIT_LIMIT} entries when a script appends`, async () => {
    const filler = Array.from({ length: AUDIT_LIMIT }, (_, i) =>
      JSON.stringify({ id: 100 + i, at: 1, actor: 'system', action: 'filler', target: {} }),
    );
    await school.redis.del(auditKey());
    await school.redis.rpush(auditKey(), ...filler.reverse());
    await school.redis.set(seqKey(), 100 + AUDIT_LIMIT);
    const cls = await s.classes.create(ADMIN, '5А');
    expect(await school.redis.llen(auditKey())).toBe(AUDIT_LIMIT);
    expect((await s.audit.recent(1))[0]).toMatchObject({ id: 101 + AUDIT_LIMIT, action: 'class.created', target: { classId: cls.id } });
    expect(JSON.parse((await school.redis.lindex(auditKey(), -1))!)).toMatchObject({ id: 101 });
  });

  it('holds ids and counts, never names', async () => {
    const cls = await s.classes.create(ADMIN, '5А');
    await join(s, 'parent', cls.id, { personId: vk(4001), name: 'Секретова Мама', childName: 'Секретов Сын' });
    await s.members.setName(vk(4001), 'Секретова Мама Ивановна');
    await expectNoAudit(school, () => s.members.setName(vk(4001), 'Секретова Мама Ивановна'));
    expect(JSON.stringify(await s.audit.recent(100))).not.toMatch(/Секрет/u);
  });
});
