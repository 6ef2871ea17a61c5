import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClassArchivedError, NotFoundError, PermissionDeniedError, StaffRoomImmutableError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { belongsInStudyChat, STUDY_CHAT_RESERVATION_MS, type StudyChatAudience } from '../../src/domain/study-chats.js';
import { schoolKeys } from '../../src/domain/keys.js';
import { ADMIN, auditOf, classIds, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk, vks } from '../helpers/people.js';

let school: School;
let s: Services;
let ids: Record<string, string>;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  ids = await classIds(s, '5А', '6А');
  await verifiedTeacher(s, vk(300));
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string): Services => {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
};

describe('F25 study chats in the domain', () => {
  it('F25: a reservation, then the made chat is recorded once, indexed by teacher and class, and audited', async () => {
    const input = { classId: ids['5А']!, subject: 'Математика', title: '5А · Математика' };
    const reserved = await s.studyChats.reserve(vk(300), input);
    expect(reserved.kind).toBe('create');
    if (reserved.kind !== 'create') return;
    const lines = await auditOf(school, () => s.studyChats.finish(vk(300), reserved.chat.id, 2_000_000_001, 'https://vk.me/join/x'));
    expect(lines).toEqual([{ actor: vk(300), action: 'studyChat.created', target: { classId: ids['5А'], personId: vk(300) }, details: { chat: reserved.chat.id, className: '5А' } }]);
    const again = await s.studyChats.finish(vk(300), reserved.chat.id, 2_000_000_009, 'https://vk.me/join/y');
    expect(again).toMatchObject({ peer: 2_000_000_001, link: 'https://vk.me/join/x', status: 'ready' });
    expect(await s.studyChats.ofTeacher(vk(300))).toHaveLength(1);
    expect(await s.studyChats.all()).toHaveLength(1);
    expect(await s.studyChats.find(vk(300), ids['5А']!, 'Математика')).toMatchObject({ id: reserved.chat.id, title: '5А · Математика' });
    // A second /chat for the same class, subject and teacher finds the chat instead of reserving another.
    expect(await s.studyChats.reserve(vk(300), input)).toMatchObject({ kind: 'exists', chat: { id: reserved.chat.id } });
    // Another subject or class is another chat.
    expect((await s.studyChats.reserve(vk(300), { ...input, subject: 'Алгебра' })).kind).toBe('create');
  });

  it('F25: the same operation repeated after a crash reuses its reservation, and once made, its chat', async () => {
    const input = { classId: ids['6А']!, subject: 'Математика', title: '6А · Математика' };
    const first = await operation('e1').studyChats.reserve(vk(300), input);
    const repeat = await operation('e1').studyChats.reserve(vk(300), input);
    expect(first.kind).toBe('create');
    expect(repeat).toEqual(first);
    if (first.kind !== 'create') return;
    // Another update while the first is making the chat is told to wait, and reserves nothing.
    expect(await operation('e2').studyChats.reserve(vk(300), input)).toEqual({ kind: 'busy' });
    await s.studyChats.finish(vk(300), first.chat.id, 2_000_000_002, 'https://vk.me/join/z');
    expect(await operation('e1').studyChats.reserve(vk(300), input)).toMatchObject({ kind: 'created', chat: { id: first.chat.id, peer: 2_000_000_002 } });
    expect(await operation('e3').studyChats.reserve(vk(300), input)).toMatchObject({ kind: 'exists', chat: { id: first.chat.id } });
  });

  it('F25: a reservation whose chat never came is taken over after a while', async () => {
    const input = { classId: ids['6А']!, subject: 'Математика', title: '6А · Математика' };
    const first = await operation('e1').studyChats.reserve(vk(300), input);
    school.clock.t += STUDY_CHAT_RESERVATION_MS + 1;
    const second = await operation('e2').studyChats.reserve(vk(300), { ...input, title: 'Математика 6А' });
    expect(second).toMatchObject({ kind: 'create', chat: { id: first.kind === 'create' ? first.chat.id : '?', title: 'Математика 6А' } });
  });

  it('F25: rights: students, parents and unverified teachers may not; no chat for the staff room or an archived class', async () => {
    const input = { classId: ids['5А']!, subject: 'Математика', title: 't' };
    await join(s, 'student', ids['5А']!, { personId: vk(310) });
    await join(s, 'parent', ids['5А']!, { personId: vk(311) });
    await join(s, 'teacher', 'staff', { personId: vk(312), subjects: ['Физика'] });
    for (const who of vks(310, 311, 312, 999)) await expect(s.studyChats.reserve(who, input)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.studyChats.reserve(vk(300), { ...input, classId: 'staff' })).rejects.toBeInstanceOf(StaffRoomImmutableError);
    await s.classes.archive(ADMIN, ids['6А']!);
    await expect(s.studyChats.reserve(vk(300), { ...input, classId: ids['6А']! })).rejects.toBeInstanceOf(ClassArchivedError);
    expect((await s.studyChats.reserve(ADMIN, input)).kind).toBe('create');
  });

  it('F25: the audience: active students, and parents only when asked', async () => {
    await join(s, 'student', ids['5А']!, { personId: vk(310) });
    await join(s, 'student', ids['5А']!, { personId: vk(313) });
    await join(s, 'parent', ids['5А']!, { personId: vk(311) });
    await join(s, 'student', ids['6А']!, { personId: vk(320) });
    await s.movement.markLeft(ADMIN, vk(313));
    const only = await s.studyChats.audience(ids['5А']!, { parents: false });
    expect(only.students.map((m) => m.personId)).toEqual([vk(310)]);
    expect(only.parents).toEqual([]);
    const both = await s.studyChats.audience(ids['5А']!, { parents: true });
    expect(both.parents.map((m) => m.personId)).toEqual([vk(311)]);
  });

  it('F25: who belongs in a study chat: its teacher, the staff, the active students and parents of its class; not another class, a pending teacher or someone who left', async () => {
    const input = { classId: ids['5А']!, subject: 'Математика', title: '5А · Математика' };
    const reserved = await s.studyChats.reserve(vk(300), input);
    if (reserved.kind !== 'create') throw new Error('not reserved');
    const chat = await s.studyChats.finish(vk(300), reserved.chat.id, 2_000_000_007, 'https://vk.me/join/z');
    expect((await s.studyChats.byPeer(2_000_000_007))?.id).toBe(chat.id);
    expect(await s.studyChats.byPeer(2_000_000_008)).toBeUndefined();
    expect((await s.studyChats.ofClass(ids['5А']!)).map((c) => c.id)).toEqual([chat.id]);
    expect(await s.studyChats.ofClass(ids['6А']!)).toEqual([]);
    const student = await join(s, 'student', ids['5А']!, { personId: vk(310) });
    const parent = await join(s, 'parent', ids['5А']!, { personId: vk(311) });
    const other = await join(s, 'student', ids['6А']!, { personId: vk(320) });
    const pending = await join(s, 'teacher', 'staff', { personId: vk(330), subjects: ['Физика'] });
    const colleague = await verifiedTeacher(s, vk(331));
    expect(belongsInStudyChat(chat, await s.members.get(vk(300)))).toBe(true);
    expect(belongsInStudyChat(chat, student)).toBe(true);
    expect(belongsInStudyChat(chat, parent)).toBe(true);
    expect(belongsInStudyChat(chat, colleague)).toBe(true);
    expect(belongsInStudyChat(chat, await s.members.get(ADMIN))).toBe(true);
    expect(belongsInStudyChat(chat, other)).toBe(false);
    expect(belongsInStudyChat(chat, pending)).toBe(false);
    expect(belongsInStudyChat(chat, undefined)).toBe(false);
    const left = await s.movement.markLeft(ADMIN, vk(310));
    expect(belongsInStudyChat(chat, left.member)).toBe(false);
  });
});

describe('F25 "other" study chats in the domain', () => {
  /** Reserves and records an "other" chat for the audience, as one operation. */
  async function otherChat(audience: StudyChatAudience, title = 'Кружок', peer = 2_000_000_100) {
    const reserved = await operation(`o${peer}`).studyChats.reserveOther(vk(300), { title, audience });
    if (reserved.kind !== 'create') throw new Error('not reserved');
    return s.studyChats.finish(vk(300), reserved.chat.id, peer, `https://vk.me/join/${peer}`);
  }

  it('F25: an "other" chat is one an operation (a repeat reuses it), not one a class; indexed under each of its classes; audited', async () => {
    const audience: StudyChatAudience = { kind: 'class', classIds: [ids['5А']!, ids['6А']!], parents: false };
    const first = await operation('x1').studyChats.reserveOther(vk(300), { title: 'Шахматы', audience });
    expect(first).toMatchObject({ kind: 'create', chat: { kind: 'other', title: 'Шахматы', audience, teacher: vk(300), status: 'pending' } });
    expect(await operation('x1').studyChats.reserveOther(vk(300), { title: 'Шахматы', audience })).toEqual(first);
    const lines = await auditOf(school, () => s.studyChats.finish(vk(300), first.chat.id, 2_000_000_011, 'https://vk.me/join/a'));
    expect(lines).toEqual([{ actor: vk(300), action: 'studyChat.created', target: { personId: vk(300) }, details: { chat: first.chat.id, kind: 'other', audience: 'class', classes: 2 } }]);
    expect(await operation('x1').studyChats.reserveOther(vk(300), { title: 'Шахматы', audience })).toMatchObject({ kind: 'created', chat: { id: first.chat.id, peer: 2_000_000_011 } });
    // Another operation with the same title and classes is another chat: no uniqueness for "other" chats.
    const second = await operation('x2').studyChats.reserveOther(vk(300), { title: 'Шахматы', audience });
    expect(second.chat.id).not.toBe(first.chat.id);
    expect((await s.studyChats.ofClass(ids['5А']!)).map((c) => c.id)).toEqual([first.chat.id]);
    expect((await s.studyChats.ofClass(ids['6А']!)).map((c) => c.id)).toEqual([first.chat.id]);
    const role = await otherChat({ kind: 'role', role: 'teacher' }, 'Учителя', 2_000_000_012);
    expect(role).toMatchObject({ kind: 'other', audience: { kind: 'role', role: 'teacher' } });
    expect((await s.studyChats.ofTeacher(vk(300))).map((c) => c.id)).toEqual([first.chat.id, role.id]);
  });

  it('F25: rights and classes of an "other" chat: students may not; no staff room, archived or unknown class', async () => {
    await join(s, 'student', ids['5А']!, { personId: vk(310) });
    const audience = (classIds: string[]): StudyChatAudience => ({ kind: 'class', classIds, parents: true });
    await expect(s.studyChats.reserveOther(vk(310), { title: 't', audience: audience([ids['5А']!]) })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.studyChats.reserveOther(vk(310), { title: 't', audience: { kind: 'role', role: 'student' } })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.studyChats.reserveOther(vk(300), { title: 't', audience: audience([ids['5А']!, 'staff']) })).rejects.toBeInstanceOf(StaffRoomImmutableError);
    await s.classes.archive(ADMIN, ids['6А']!);
    await expect(s.studyChats.reserveOther(vk(300), { title: 't', audience: audience([ids['5А']!, ids['6А']!]) })).rejects.toBeInstanceOf(ClassArchivedError);
    await expect(s.studyChats.reserveOther(vk(300), { title: 't', audience: audience(['nope']) })).rejects.toBeInstanceOf(NotFoundError);
    expect(await s.studyChats.all()).toEqual([]);
  });

  it('F25: who belongs in an "other" chat follows its audience: its classes\' students (parents when asked), or its role; a transfer between its classes keeps the student in', async () => {
    const student = await join(s, 'student', ids['5А']!, { personId: vk(310) });
    const parent = await join(s, 'parent', ids['5А']!, { personId: vk(311) });
    const other = await join(s, 'student', ids['6А']!, { personId: vk(320) });
    const colleague = await verifiedTeacher(s, vk(331));
    const both = await otherChat({ kind: 'class', classIds: [ids['5А']!, ids['6А']!], parents: false }, 'Оба', 2_000_000_021);
    const withParents = await otherChat({ kind: 'class', classIds: [ids['5А']!], parents: true }, 'С родителями', 2_000_000_022);
    const students = await otherChat({ kind: 'role', role: 'student' }, 'Ученики', 2_000_000_023);
    const teachers = await otherChat({ kind: 'role', role: 'teacher' }, 'Учителя', 2_000_000_024);
    expect([both, withParents, students, teachers].map((chat) => belongsInStudyChat(chat, student))).toEqual([true, true, true, false]);
    expect([both, withParents, students, teachers].map((chat) => belongsInStudyChat(chat, parent))).toEqual([false, true, false, false]);
    expect([both, withParents, students, teachers].map((chat) => belongsInStudyChat(chat, other))).toEqual([true, false, true, false]);
    expect([both, withParents, students, teachers].map((chat) => belongsInStudyChat(chat, colleague))).toEqual([true, true, true, true]);
    const moved = await s.movement.transfer(ADMIN, { personId: vk(310), toClassId: ids['6А']! });
    expect(belongsInStudyChat(both, moved.member)).toBe(true);
    expect(belongsInStudyChat(withParents, moved.member)).toBe(false);
  });

  it('F25: a record kept before audiences (classId and subject only) reads as a subject chat of its one class', async () => {
    const keys = schoolKeys(school.prefix, school.schoolId);
    const old = { id: 'sc77', status: 'ready', title: '5А · Физика', classId: ids['5А']!, subject: 'Физика', teacher: 300, createdAt: 1, reservedAt: 1, peer: 2_000_000_077, link: 'https://vk.me/join/old' };
    await school.redis.set(keys.studyChatRecord('sc77'), JSON.stringify(old));
    const chat = await s.studyChats.get('sc77');
    expect(chat).toMatchObject({ ...old, teacher: vk(300), kind: 'subject', audience: { kind: 'class', classIds: [ids['5А']], parents: true } });
    const parent = await join(s, 'parent', ids['5А']!, { personId: vk(311) });
    expect(belongsInStudyChat(chat!, parent)).toBe(true);
    expect(belongsInStudyChat(chat!, await join(s, 'student', ids['6А']!, { personId: vk(320) }))).toBe(false);
  });
});
