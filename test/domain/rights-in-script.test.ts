// The right of a change is checked inside its Lua script, in the same atomic step as the write: a right
// taken away after the TypeScript check (authorize) read the actor's record, and before the script ran,
// still refuses the change (issue 7: members-change.lua, invites-create.lua, as requests-decide.lua does).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import { createServices, schoolKeys, type Services } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { newTestConnection } from '../helpers/redis.js';
import type { PersonId } from '../../src/domain/person.js';
import { ADMIN, openSchool, verifiedTeacher, type School } from './fixture.js';
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
 * Services on a connection of their own whose first read of `actor`'s member record (authorize's)
 * returns the record as it was, and then, before the caller goes on, runs `meanwhile`: what another
 * process does at the same moment.
 */
async function raced(actor: PersonId, meanwhile: () => Promise<unknown>): Promise<{ services: Services; fired: () => boolean }> {
  const redis = newTestConnection();
  connections.push(redis);
  const services = createServices({ redis, prefix: school.prefix, schoolId: school.schoolId, now: () => school.clock.t });
  const key = schoolKeys(school.prefix, school.schoolId).memberRecord(actor);
  const get = redis.get.bind(redis);
  let fired = false;
  redis.get = (async (k: string) => {
    const value = await get(k);
    if (k === key && !fired) {
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
