// The right of a change is checked inside its Lua script, in the same atomic step as the write: a right
// taken away after the TypeScript check (authorize) read the actor's record, and before the script ran,
// still refuses the change (issue 7: members-change.lua, invites-create.lua, requests-decide.lua, classes-*.lua,
// movement-*.lua, family-link.lua, invites-revoke.lua).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import { createServices, schoolKeys, type Services } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { newTestConnection } from '../helpers/redis.js';
import type { PersonId } from '../../src/domain/person.js';
import { ADMIN, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
const connections: RedisClient[] = [];
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  for (const redis of connections.splice(0)) redis.disconnect();
  await school.cleanup();
});

/**
 * Services on a connection of their own whose `nth` read of `actor`'s member record (authorize's: the
 * first unless the service reads it earlier) returns the record as it was, and then, before the caller
 * goes on, runs `meanwhile`: what another process does at the same moment.
 */
async function raced(actor: PersonId, meanwhile: () => Promise<unknown>, nth = 1): Promise<{ services: Services; fired: () => boolean }> {
  const redis = newTestConnection();
  connections.push(redis);
  const services = createServices({ redis, prefix: school.prefix, schoolId: school.schoolId, now: () => school.clock.t });
  const key = schoolKeys(school.prefix, school.schoolId).memberRecord(actor);
  const get = redis.get.bind(redis);
  let fired = false;
  let reads = 0;
  redis.get = (async (k: string) => {
    const value = await get(k);
    if (k === key && !fired && ++reads === nth) {
      fired = true;
      await meanwhile();
    }
    return value;
  }) as typeof redis.get;
  return { services, fired: () => fired };
}

it('an admin removed between the rights check and the script cannot appoint an admin', async () => {
  await verifiedTeacher(s, vk(2001));
  await s.members.appointAdmin(ADMIN, vk(2001));
  await verifiedTeacher(s, vk(2002));
  const { services, fired } = await raced(vk(2001), () => s.members.removeAdmin(ADMIN, vk(2001)));

  await expect(services.members.appointAdmin(vk(2001), vk(2002))).rejects.toMatchObject({
    constructor: PermissionDeniedError,
    action: 'admin.appoint',
    actor: vk(2001),
  });
  expect(fired()).toBe(true);
  expect((await s.members.get(vk(2002)))?.roles).toEqual(['teacher']);
  expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
  expect((await s.audit.recent()).filter((e) => e.action === 'admin.appointed' && e.actor === vk(2001))).toEqual([]);
});

it('a head who lost the role meanwhile cannot verify a teacher, and a self-rename needs no right', async () => {
  await verifiedTeacher(s, vk(2001));
  await s.members.setAdministrationRole(ADMIN, vk(2001), 'head');
  await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' }).then((invite) =>
    s.invites.use(invite.id, { personId: vk(2002), name: 'Новый Учитель', consent: true }).then((used) => {
      if (!used.ok) throw new Error(used.reason);
      return s.requests.approve(ADMIN, used.request.id);
    }),
  );
  const { services } = await raced(vk(2001), () => s.members.unsetAdministrationRole(ADMIN, vk(2001), 'head'));

  await expect(services.members.verifyTeacher(vk(2001), vk(2002))).rejects.toBeInstanceOf(PermissionDeniedError);
  expect((await s.members.get(vk(2002)))?.teacherStatus).not.toBe('verified');
  expect((await s.members.setName(vk(2002), 'Новое Имя')).name).toBe('Новое Имя');
});

it('a class teacher detached from the class between the rights check and the script creates no invite', async () => {
  const cls = await s.classes.create(ADMIN, '5А');
  await verifiedTeacher(s, vk(2001));
  await s.members.assignClassTeacher(ADMIN, cls.id, vk(2001));
  const before = await s.invites.listActive({ classId: cls.id });
  const { services, fired } = await raced(vk(2001), () => s.members.unassignClassTeacher(ADMIN, cls.id, vk(2001)));

  await expect(services.invites.create(vk(2001), { classId: cls.id, role: 'student' })).rejects.toMatchObject({
    constructor: PermissionDeniedError,
    action: 'invite.create',
    actor: vk(2001),
  });
  expect(fired()).toBe(true);
  expect(await s.invites.listActive({ classId: cls.id })).toEqual(before);
  expect((await s.audit.recent()).filter((e) => e.action === 'invite.created' && e.actor === vk(2001))).toEqual([]);
  // With the right in place the same path goes through.
  await s.members.assignClassTeacher(ADMIN, cls.id, vk(2001));
  expect((await services.invites.create(vk(2001), { classId: cls.id, role: 'student' })).createdBy).toBe(vk(2001));
});

/** The audit entries `actor` made (joining makes one; a refused change none). */
async function auditBy(actor: PersonId) {
  return (await s.audit.recent()).filter((e) => e.actor === actor);
}

it('an admin removed between the rights check and the script creates, renames and archives no class', async () => {
  const cls = await s.classes.create(ADMIN, '5А');
  await verifiedTeacher(s, vk(2001));
  const before = await s.classes.list({ includeArchived: true });
  const attempts: [string, (services: Services) => Promise<unknown>][] = [
    ['create', (services) => services.classes.createMany(vk(2001), ['6Б', '7В'])],
    ['rename', (services) => services.classes.rename(vk(2001), cls.id, '5Г')],
    ['archive', (services) => services.classes.archive(vk(2001), cls.id)],
  ];
  const audited = await auditBy(vk(2001));
  for (const [, attempt] of attempts) {
    await s.members.appointAdmin(ADMIN, vk(2001));
    const { services, fired } = await raced(vk(2001), () => s.members.removeAdmin(ADMIN, vk(2001)));
    await expect(attempt(services)).rejects.toMatchObject({ constructor: PermissionDeniedError, action: 'school.edit', actor: vk(2001) });
    expect(fired()).toBe(true);
  }
  expect(await s.classes.list({ includeArchived: true })).toEqual(before);
  expect(await auditBy(vk(2001))).toEqual(audited);
});

it('an admin removed between the rights check and the script transfers, marks left and promotes nobody', async () => {
  const a = await s.classes.create(ADMIN, '5А');
  const b = await s.classes.create(ADMIN, '5Б');
  await join(s, 'student', a.id, { personId: vk(3001) });
  await join(s, 'parent', a.id, { personId: vk(4001) });
  await verifiedTeacher(s, vk(2001));
  await verifiedTeacher(s, vk(2002));
  const people = async () => Promise.all([vk(3001), vk(4001), vk(2002)].map((p) => s.members.get(p)));
  const before = { people: await people(), classes: await s.classes.list({ includeArchived: true }) };
  const plan = await s.movement.previewPromotion();
  const attempts: ((services: Services) => Promise<unknown>)[] = [
    (services) => services.movement.transfer(vk(2001), { personId: vk(3001), toClassId: b.id }),
    (services) => services.movement.markLeft(vk(2001), vk(2002)),
    (services) => services.movement.applyPromotion(vk(2001), plan),
  ];
  const audited = await auditBy(vk(2001));
  for (const attempt of attempts) {
    await s.members.appointAdmin(ADMIN, vk(2001));
    const { services, fired } = await raced(vk(2001), () => s.members.removeAdmin(ADMIN, vk(2001)));
    await expect(attempt(services)).rejects.toMatchObject({ constructor: PermissionDeniedError, action: 'movement.record', actor: vk(2001) });
    expect(fired()).toBe(true);
  }
  expect({ people: await people(), classes: await s.classes.list({ includeArchived: true }) }).toEqual(before);
  expect(await auditBy(vk(2001))).toEqual(audited);
});

it('a class teacher detached from the class between the rights check and the script links no child', async () => {
  const cls = await s.classes.create(ADMIN, '5А');
  await join(s, 'student', cls.id, { personId: vk(3001) });
  await join(s, 'parent', cls.id, { personId: vk(4001) });
  await verifiedTeacher(s, vk(2001));
  await s.members.assignClassTeacher(ADMIN, cls.id, vk(2001));
  const parentsKey = schoolKeys(school.prefix, school.schoolId).classParents(cls.id);
  const before = await school.redis.hgetall(parentsKey);
  const audited = await auditBy(vk(2001));
  // linkChild reads the actor twice: whether they review at all, then authorize's check for the class.
  const { services, fired } = await raced(vk(2001), () => s.members.unassignClassTeacher(ADMIN, cls.id, vk(2001)), 2);

  await expect(services.family.linkChild(vk(2001), vk(4001), vk(3001), cls.id)).rejects.toMatchObject({
    constructor: PermissionDeniedError,
    action: 'request.review',
    actor: vk(2001),
  });
  expect(fired()).toBe(true);
  expect(await school.redis.hgetall(parentsKey)).toEqual(before);
  expect(await auditBy(vk(2001))).toEqual(audited);
  // With the right in place the same path goes through.
  await s.members.assignClassTeacher(ADMIN, cls.id, vk(2001));
  expect((await services.family.linkChild(vk(2001), vk(4001), vk(3001), cls.id)).changed).toBe(true);
});

it('a class teacher detached from the class between the rights check and the script revokes no invite', async () => {
  const cls = await s.classes.create(ADMIN, '5А');
  await verifiedTeacher(s, vk(2001));
  await s.members.assignClassTeacher(ADMIN, cls.id, vk(2001));
  const invite = await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
  const audited = await auditBy(vk(2001));
  const { services, fired } = await raced(vk(2001), () => s.members.unassignClassTeacher(ADMIN, cls.id, vk(2001)));

  await expect(services.invites.revoke(vk(2001), invite.id)).rejects.toMatchObject({
    constructor: PermissionDeniedError,
    action: 'invite.revoke',
    actor: vk(2001),
  });
  expect(fired()).toBe(true);
  expect(await s.invites.get(invite.id)).toEqual(invite);
  expect(await auditBy(vk(2001))).toEqual(audited);
});
