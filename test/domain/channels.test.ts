import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelTakenError, PermissionDeniedError, type Services } from '../../src/domain/index.js';
import { ADMIN, auditOf, classIds, join, openSchool, rawAudit, verifiedTeacher, type School } from './fixture.js';
import { comparePersonIds } from '../../src/domain/person.js';
import { vk, vks } from '../helpers/people.js';

let school: School;
let s: Services;
let ids: Record<string, string>;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  ids = await classIds(s, '5А');
  await verifiedTeacher(s, vk(300));
  await join(s, 'student', ids['5А']!, { personId: vk(310) });
  await join(s, 'parent', ids['5А']!, { personId: vk(312) });
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string): Services => {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
};

const CHAT_A = 2_000_000_001;
const CHAT_B = 2_000_000_002;

describe('F12 system channels in the domain', () => {
  it('F12: an admin binds the school channel (audited), binding it elsewhere moves it, binding it again changes nothing', async () => {
    const bound = await auditOf(school, () => s.channels.bind(ADMIN, 'school', CHAT_A));
    expect(bound).toEqual([{ actor: ADMIN, action: 'channel.bound', target: {}, details: { kind: 'school', peer: CHAT_A } }]);
    expect(await s.channels.get('school')).toMatchObject({ kind: 'school', peer: CHAT_A, boundBy: ADMIN });
    expect(await s.channels.ofChat(CHAT_A)).toMatchObject({ kind: 'school' });
    expect((await s.channels.bind(ADMIN, 'school', CHAT_A)).kind).toBe('same');
    const moved = await auditOf(school, () => s.channels.bind(ADMIN, 'school', CHAT_B));
    expect(moved).toEqual([{ actor: ADMIN, action: 'channel.moved', target: {}, details: { kind: 'school', peer: CHAT_B, previousPeer: CHAT_A } }]);
    expect(await s.channels.ofChat(CHAT_A)).toBeUndefined();
    expect(await s.channels.all()).toMatchObject([{ kind: 'school', peer: CHAT_B }]);
  });

  it('F12: a chat is one channel only; the staff channel goes to another chat; unbinding removes it', async () => {
    await s.channels.bind(ADMIN, 'school', CHAT_A);
    await expect(s.channels.bind(ADMIN, 'staff', CHAT_A)).rejects.toBeInstanceOf(ChannelTakenError);
    await s.channels.bind(ADMIN, 'staff', CHAT_B);
    expect((await s.channels.all()).map((c) => [c.kind, c.peer])).toEqual([['school', CHAT_A], ['staff', CHAT_B]]);
    const lines = await auditOf(school, () => s.channels.unbind(ADMIN, CHAT_B));
    expect(lines).toEqual([{ actor: ADMIN, action: 'channel.unbound', target: {}, details: { kind: 'staff', peer: CHAT_B } }]);
    expect(await s.channels.get('staff')).toBeUndefined();
    expect(await s.channels.unbind(ADMIN, CHAT_B)).toBeUndefined();
  });

  it('F12: a teacher, a student and a stranger may not bind or unbind, and leave no trace', async () => {
    await s.channels.bind(ADMIN, 'school', CHAT_A);
    const before = await rawAudit(school);
    for (const actor of vks(300, 310, 999)) {
      await expect(s.channels.bind(actor, 'staff', CHAT_B)).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(s.channels.unbind(actor, CHAT_A)).rejects.toBeInstanceOf(PermissionDeniedError);
    }
    expect(await rawAudit(school)).toEqual(before);
    expect(await s.channels.all()).toHaveLength(1);
  });

  it('F12: the school channel is for everyone active, the staff channel for teachers and the administration', async () => {
    expect((await s.channels.audience('school')).map((m) => m.personId)).toEqual([ADMIN, vk(300), vk(310), vk(312)].sort(comparePersonIds));
    expect((await s.channels.audience('staff')).map((m) => m.personId)).toEqual([vk(300), ADMIN].sort(comparePersonIds));
  });

  it('F12: a post is kept once per operation with its counts, newest first; a repeat after a crash records nothing new', async () => {
    const input = { kind: 'school' as const, peer: CHAT_A, text: 'Завтра линейка', pin: true, chat: 'pinned' as const, reached: 2, total: 3, unreachable: 1 };
    const first = await operation('e1').channels.record(ADMIN, input);
    const repeat = await operation('e1').channels.record(ADMIN, input);
    expect(repeat).toEqual(first);
    expect(first).toMatchObject({ ...input, author: ADMIN, at: school.clock.t });
    school.clock.t += 1000;
    const second = await operation('e2').channels.record(ADMIN, { ...input, kind: 'staff', text: 'Педсовет', pin: false, chat: 'sent' });
    expect((await s.channels.recentPosts()).map((p) => p.id)).toEqual([second.id, first.id]);
    const audit = (await s.audit.recent(2)).map((e) => [e.action, e.details?.['post']]);
    expect(audit).toEqual([['post.sent', second.id], ['post.sent', first.id]]);
    await expect(s.channels.record(vk(300), input)).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
