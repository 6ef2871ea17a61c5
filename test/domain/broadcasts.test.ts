import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BroadcastCancelledError, BroadcastTimePastError, NotFoundError, PermissionDeniedError, type BroadcastInput, type Services } from '../../src/domain/index.js';
import { ADMIN, auditOf, classIds, join, openSchool, T0, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
let ids: Record<string, string>;
let studyChatId: string;
const HOUR = 3_600_000;
const CHAT = 2_000_000_005;

beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  ids = await classIds(s, '5А');
  await verifiedTeacher(s, vk(300));
  await verifiedTeacher(s, vk(301));
  await join(s, 'teacher', 'staff', { personId: vk(302) });
  await join(s, 'student', ids['5А']!, { personId: vk(310) });
  const reserved = await s.studyChats.reserve(vk(300), { classId: ids['5А']!, subject: 'Математика', title: '5А · Математика' });
  if (reserved.kind !== 'create') throw new Error('no reservation');
  studyChatId = (await s.studyChats.finish(vk(300), reserved.chat.id, CHAT, 'https://vk.me/join/x')).id;
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string): Services => {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
};

const broadcast = (extra: Partial<BroadcastInput> = {}): BroadcastInput => ({
  kind: 'broadcast',
  title: 'Линейка',
  at: T0 + HOUR,
  link: 'https://vk.com/video-1_2',
  audience: { kind: 'school' },
  chat: 2_000_000_001,
  recipients: [vk(300), vk(310)],
  missed: 1,
  ...extra,
});
const lesson = (extra: Partial<BroadcastInput> = {}): BroadcastInput => ({
  kind: 'lesson',
  title: 'Математика',
  at: T0 + HOUR,
  link: 'https://vk.com/call/join/x',
  audience: { kind: 'chat', studyChatId },
  chat: CHAT,
  recipients: [],
  missed: 0,
  ...extra,
});

describe('F13 F26 F31 broadcasts in the domain', () => {
  it('F13: an admin keeps a broadcast (audited), a repeat of the operation keeps the same one; it is listed until cancelled', async () => {
    const first = await auditOf(school, () => operation('u1').broadcasts.create(ADMIN, broadcast()));
    expect(first).toEqual([{ actor: ADMIN, action: 'broadcast.announced', target: {}, details: { broadcast: 'b1', audience: 'school', recipients: 2 } }]);
    const again = await operation('u1').broadcasts.create(ADMIN, broadcast());
    expect(again).toMatchObject({ id: 'b1', version: 1, status: 'planned', chat: 2_000_000_001, recipients: [vk(300), vk(310)], missed: 1, organiser: ADMIN });
    expect((await s.broadcasts.upcoming(ADMIN, T0)).map((b) => b.id)).toEqual(['b1']);
    expect(await s.broadcasts.upcoming(ADMIN, T0, ['lesson'])).toEqual([]);
    await s.broadcasts.cancel(ADMIN, 'b1');
    expect(await s.broadcasts.upcoming(ADMIN, T0)).toEqual([]);
    await expect(s.broadcasts.cancel(ADMIN, 'b1')).rejects.toBeInstanceOf(BroadcastCancelledError);
    await expect(s.broadcasts.move(ADMIN, 'b1', T0 + 2 * HOUR)).rejects.toBeInstanceOf(BroadcastCancelledError);
  });

  it('F13 F31: a teacher or a student may not plan a broadcast or a webinar; a time already past is refused; nothing is kept', async () => {
    await expect(s.broadcasts.create(vk(300), broadcast())).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.create(vk(310), broadcast({ kind: 'webinar', audience: { kind: 'staff' } }))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.create(ADMIN, broadcast({ at: T0 - 1 }))).rejects.toBeInstanceOf(BroadcastTimePastError);
    await expect(s.broadcasts.create(ADMIN, broadcast({ audience: { kind: 'class', classId: 'nope' } }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await school.redis.exists(`${school.prefix}{s:sch1}:broadcast:b1`)).toBe(0);
  });

  it('F26: a lesson only by the verified teacher of its subject chat; another teacher, an unverified one and an admin are refused', async () => {
    await expect(s.broadcasts.create(vk(301), lesson())).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.create(vk(302), lesson())).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.create(ADMIN, lesson())).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.create(vk(300), lesson({ audience: { kind: 'chat', studyChatId: 'nope' } }))).rejects.toBeInstanceOf(NotFoundError);
    const kept = await s.broadcasts.create(vk(300), lesson());
    expect(kept).toMatchObject({ kind: 'lesson', organiser: vk(300), chat: CHAT, recipients: [] });
  });

  it('F13: only the organiser moves an event, to a time ahead; a move raises the version once per operation', async () => {
    const kept = await s.broadcasts.create(ADMIN, broadcast());
    await expect(s.broadcasts.move(vk(300), kept.id, T0 + 2 * HOUR)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.broadcasts.move(ADMIN, kept.id, T0 - 1)).rejects.toBeInstanceOf(BroadcastTimePastError);
    await expect(s.broadcasts.move(ADMIN, 'b99', T0 + 2 * HOUR)).rejects.toBeInstanceOf(NotFoundError);
    const moved = await operation('m1').broadcasts.move(ADMIN, kept.id, T0 + 2 * HOUR);
    const repeated = await operation('m1').broadcasts.move(ADMIN, kept.id, T0 + 2 * HOUR);
    expect(moved).toMatchObject({ version: 2, at: T0 + 2 * HOUR });
    expect(repeated).toEqual(moved);
    expect((await s.broadcasts.get(kept.id))?.version).toBe(2);
  });
});
