import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { ADMIN_CHAT_RESERVATION_MS, belongsInAdminChat } from '../../src/domain/admin-chats.js';
import { ADMIN, auditOf, classIds, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk, vks } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  await verifiedTeacher(s, vk(200));
  await s.members.setAdministrationRole(ADMIN, vk(200), 'head');
  await verifiedTeacher(s, vk(201));
  await s.members.setAdministrationRole(ADMIN, vk(201), 'deputy');
  await verifiedTeacher(s, vk(300));
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string, services: Services = s): Services => {
  let n = 0;
  return services.keyedBy(() => `${op}:w${++n}`);
};

describe('F22 administration chats in the domain', () => {
  it('F22: the head reserves a chat, the made chat is recorded once and audited; a second attempt finds it', async () => {
    const reserved = await s.adminChats.reserve(vk(200), 'leadership', 'Руководство школы');
    expect(reserved).toMatchObject({ kind: 'create', chat: { kind: 'leadership', status: 'pending', createdBy: vk(200) } });
    const lines = await auditOf(school, () => s.adminChats.finish(vk(200), 'leadership', 2_000_000_001, 'https://vk.me/join/a'));
    expect(lines).toEqual([{ actor: vk(200), action: 'adminChat.created', target: {}, details: { kind: 'leadership', peer: 2_000_000_001 } }]);
    const again = await s.adminChats.finish(vk(200), 'leadership', 2_000_000_009, 'https://vk.me/join/b');
    expect(again).toMatchObject({ peer: 2_000_000_001, link: 'https://vk.me/join/a', status: 'ready' });
    expect(await s.adminChats.reserve(ADMIN, 'leadership', 'Руководство школы')).toMatchObject({ kind: 'exists', chat: { peer: 2_000_000_001 } });
    // The other kind is another chat.
    expect((await s.adminChats.reserve(ADMIN, 'staff', 'Педагогический коллектив')).kind).toBe('create');
    expect(await s.adminChats.get('staff')).toBeUndefined();
    expect(Object.keys(await s.adminChats.all())).toEqual(['leadership']);
  });

  it('F22: the same operation repeated after a crash reuses its reservation; another attempt meanwhile is told to wait, also from a second process', async () => {
    const other = await school.second();
    const first = await operation('e1').adminChats.reserve(vk(200), 'staff', 'Педагогический коллектив');
    expect(first.kind).toBe('create');
    expect(await operation('e1').adminChats.reserve(vk(200), 'staff', 'Педагогический коллектив')).toEqual(first);
    expect(await operation('e2', other).adminChats.reserve(ADMIN, 'staff', 'Педагогический коллектив')).toEqual({ kind: 'busy' });
    await s.adminChats.finish(vk(200), 'staff', 2_000_000_002, 'https://vk.me/join/s');
    expect(await operation('e1').adminChats.reserve(vk(200), 'staff', 'Педагогический коллектив')).toMatchObject({ kind: 'created', chat: { peer: 2_000_000_002 } });
    expect(await operation('e3', other).adminChats.reserve(ADMIN, 'staff', 'Педагогический коллектив')).toMatchObject({ kind: 'exists', chat: { peer: 2_000_000_002 } });
  });

  it('F22: two processes at once: one reserves, the other waits', async () => {
    const other = await school.second();
    const results = await Promise.all([operation('p1').adminChats.reserve(vk(200), 'leadership', 'Р'), operation('p2', other).adminChats.reserve(ADMIN, 'leadership', 'Р')]);
    expect(results.map((r) => r.kind).sort()).toEqual(['busy', 'create']);
  });

  it('F22: a reservation whose chat never came is taken over after a while', async () => {
    await operation('e1').adminChats.reserve(vk(200), 'leadership', 'Руководство');
    school.clock.t += ADMIN_CHAT_RESERVATION_MS + 1;
    expect(await operation('e2').adminChats.reserve(ADMIN, 'leadership', 'Руководство школы')).toMatchObject({ kind: 'create', chat: { title: 'Руководство школы', createdBy: ADMIN } });
  });

  it('F22: rights: the head and admins may; a deputy, a teacher, a student may not', async () => {
    const ids = await classIds(s, '5А');
    await join(s, 'student', ids['5А']!, { personId: vk(310) });
    for (const who of vks(201, 300, 310, 999)) await expect(s.adminChats.reserve(who, 'staff', 't')).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await s.adminChats.reserve(ADMIN, 'staff', 't')).kind).toBe('create');
  });

  it('F22: the audience: the head and deputies; for the staff chat also verified teachers, not a pending one or one who left', async () => {
    await join(s, 'teacher', 'staff', { personId: vk(302), subjects: ['Физика'] });
    await verifiedTeacher(s, vk(303));
    await s.movement.markLeft(ADMIN, vk(303));
    expect((await s.adminChats.audience('leadership')).map((m) => m.personId)).toEqual([vk(200), vk(201)]);
    expect((await s.adminChats.audience('staff')).map((m) => m.personId)).toEqual([vk(200), vk(201), vk(300)]);
    const pending = await s.members.get(vk(302));
    expect(belongsInAdminChat('staff', pending)).toBe(false);
    expect(belongsInAdminChat('leadership', await s.members.get(vk(300)))).toBe(false);
  });
});
