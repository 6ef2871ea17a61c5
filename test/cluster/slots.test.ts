/**
 * Where the keys go on a real Redis Cluster: the keys of one school in its slot, two schools in two
 * slots (here on two different masters), the global invite index in a slot of its own, and every
 * script run with its declared KEYS in one slot.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, globalKeys, schoolKeys, type Services } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { ADMIN, classIds, join, verifiedTeacher } from '../domain/fixture.js';
import { keySlot } from '../helpers/key-slot.js';
import { vk } from '../helpers/people.js';
import { crossSlotScriptRuns, keysMatching, watchScripts } from '../helpers/redis.js';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster.js';

let cluster: TestCluster;
let redis: RedisClient;
const prefix = `test:${randomBytes(6).toString('hex')}:`;
beforeAll(async () => {
  cluster = await startTestCluster();
  redis = watchScripts(await cluster.client());
}, 30_000);
afterAll(() => cluster?.stop());

/** The server's slot of a key. */
const serverSlot = async (key: string): Promise<number> => Number(await redis.cluster('KEYSLOT', key));

/** The port of the master serving a slot (CLUSTER SLOTS). */
async function masterOf(slot: number): Promise<number> {
  const ranges = await redis.cluster('SLOTS');
  const master = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2];
  if (!master) throw new Error(`slot ${slot} is served by no master`);
  return master[1];
}

/** A school with a class, a student, a parent and a verified teacher, and a promotion done: most of its scripts run. */
async function fillSchool(schoolId: string): Promise<Services> {
  const s = createServices({ redis, prefix, schoolId });
  await s.classes.ensureStaffRoom();
  await s.members.ensureBootstrapAdmins([ADMIN]);
  const c = await classIds(s, '5А', '11А');
  await join(s, 'student', c['5А']!, { personId: vk(3001) });
  await join(s, 'parent', c['5А']!, { personId: vk(4001) });
  await verifiedTeacher(s, vk(2001));
  await s.invites.findByCode(vk(5001), 'WRONGCODE');
  await s.movement.applyPromotion(ADMIN, await s.movement.previewPromotion());
  return s;
}

describe('keys and slots on a Redis Cluster', () => {
  it("the tests' slot function is the server's (CLUSTER KEYSLOT)", async () => {
    for (const key of [`${prefix}{s:main}:member:1`, `${prefix}{invite-index}:invite:code:ABC`, 'no-tag', 'empty-tag-{}x', '{a}{b}', `${prefix}vk:rate:42`]) {
      expect(keySlot(key)).toBe(await serverSlot(key));
    }
  });

  it('a script and a command for another master in the same tick (auto-pipelined) both run', async () => {
    // ioredis groups an auto-pipelined command by its first argument: for a script that is its number of keys (1),
    // whose slot another master may serve than the script's KEYS. Such a script must not join that master's pipeline.
    const masterOfOne = await masterOf(keySlot('1'));
    const ids = ['north', 'south', 'east', 'west', 'lyceum', 'gymnasium', 'school7', 'school11'];
    const masters = await Promise.all(ids.map((id) => masterOf(keySlot(schoolKeys(prefix, id).base))));
    const schoolId = ids.find((_, i) => masters[i] !== masterOfOne);
    if (!schoolId) throw new Error('no candidate school on another master than the slot of "1"');
    const s = createServices({ redis, prefix, schoolId });
    const onOne = `${prefix}x{1}`;
    expect(keySlot(onOne)).toBe(keySlot('1'));
    const [, , staff] = await Promise.all([redis.set(onOne, 'v'), s.members.ensureBootstrapAdmins([ADMIN]), s.classes.ensureStaffRoom(), redis.get(onOne)]);
    expect(staff.id).toBe('staff');
    expect(await s.members.get(ADMIN)).toMatchObject({ roles: ['admin'] });
    await redis.del(onOne);
  });

  it("two schools' keys are in two slots on two masters, each school's all in its own, the invite index in its own", async () => {
    // Two school ids whose slots two different masters serve, so that a command mixing them would fail.
    const ids = ['north', 'south', 'east', 'west', 'lyceum', 'gymnasium', 'school7', 'school11'];
    const masters = await Promise.all(ids.map((id) => masterOf(keySlot(schoolKeys(prefix, id).base))));
    const a = ids[0]!;
    const b = ids.find((_, i) => masters[i] !== masters[0]);
    if (!b) throw new Error('no two candidate schools on two masters');
    await fillSchool(a);
    await fillSchool(b);

    const baseA = schoolKeys(prefix, a).base;
    const baseB = schoolKeys(prefix, b).base;
    const index = globalKeys(prefix).inviteIndexBase;
    const [slotA, slotB, slotIndex] = await Promise.all([serverSlot(baseA), serverSlot(baseB), serverSlot(index)]);
    expect(new Set([slotA, slotB, slotIndex]).size).toBe(3);
    expect(await masterOf(slotA)).not.toBe(await masterOf(slotB));

    const keys = await keysMatching(redis, `${prefix}*`);
    const ofA = keys.filter((key) => key.startsWith(baseA));
    const ofB = keys.filter((key) => key.startsWith(baseB));
    const ofIndex = keys.filter((key) => key.startsWith(index));
    expect(ofA.length).toBeGreaterThan(20);
    expect(ofB.length).toBe(ofA.length);
    expect(ofIndex.length).toBeGreaterThan(0);
    expect(keys.length).toBe(ofA.length + ofB.length + ofIndex.length);
    const slotsOf = async (list: string[]) => new Set(await Promise.all(list.map(serverSlot)));
    expect(await slotsOf(ofA)).toEqual(new Set([slotA]));
    expect(await slotsOf(ofB)).toEqual(new Set([slotB]));
    expect(await slotsOf(ofIndex)).toEqual(new Set([slotIndex]));
    expect(crossSlotScriptRuns).toEqual([]);
  });
});
