import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError, type Services } from '../../src/domain/index.js';
import { ADMIN, classIds, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { comparePersonIds } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  const ids = await classIds(s, '5А');
  await verifiedTeacher(s, vk(300));
  await join(s, 'student', ids['5А']!, { personId: vk(310) });
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string): Services => {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
};

const CHAT = 2_000_000_001;
const base = { kind: 'school' as const, peer: CHAT, text: 'Собрание в четверг', pin: false, chat: 'sent' as const, reached: 2, total: 2, unreachable: 0 };

describe('F12 acknowledgements of posts in the domain', () => {
  it('F12: a reserved id is the same on a repeat of the operation; the post is kept under it with whom it asks and its copies', async () => {
    const id = await operation('e1').channels.reserve(ADMIN);
    expect(await operation('e1').channels.reserve(ADMIN)).toBe(id);
    expect(await operation('e2').channels.reserve(ADMIN)).not.toBe(id);
    await expect(s.channels.reserve(vk(310))).rejects.toBeInstanceOf(PermissionDeniedError);
    const post = await s.channels.record(ADMIN, { ...base, id, ack: true, audience: [vk(300), vk(310)], copies: [[vk(300), '7'], [vk(310), '9']] });
    expect(post).toMatchObject({ id, ack: true });
    expect(await s.channels.post(id)).toMatchObject({ id, ack: true, text: 'Собрание в четверг' });
    expect(await s.channels.post('p;DEL')).toBeUndefined();
    expect(await s.postAcks.counts(id)).toEqual({ audience: 2, confirmed: 0 });
    expect((await s.postAcks.copies(id)).sort((a, b) => comparePersonIds(a.person, b.person))).toEqual([{ person: vk(300), message: '7' }, { person: vk(310), message: '9' }]);
  });

  it('F12: a confirmation is kept once; a stranger, a forged id and a post asking none are refused and change nothing', async () => {
    const asking = await s.channels.record(ADMIN, { ...base, ack: true, audience: [vk(300), vk(310)] });
    const plain = await s.channels.record(ADMIN, { ...base, audience: [vk(300), vk(310)] });
    expect(await s.postAcks.confirm(vk(300), asking.id)).toBe('confirmed');
    expect(await s.postAcks.confirm(vk(300), asking.id)).toBe('already');
    expect(await s.postAcks.confirm(vk(999), asking.id)).toBe('not_recipient');
    expect(await s.postAcks.confirm(vk(300), 'p999')).toBe('unknown');
    expect(await s.postAcks.confirm(vk(300), '../x')).toBe('unknown');
    expect(await s.postAcks.confirm(vk(300), plain.id)).toBe('not_asked');
    expect(await s.postAcks.counts(asking.id)).toEqual({ audience: 2, confirmed: 1 });
    expect(await s.postAcks.pending(asking.id)).toEqual([vk(310)]);
    expect(await s.postAcks.counts(plain.id)).toEqual({ audience: 0, confirmed: 0 });
  });

  it('F12: a post is marked reminded once', async () => {
    const post = await s.channels.record(ADMIN, { ...base, ack: true, audience: [vk(300)] });
    expect(await s.postAcks.wasReminded(post.id)).toBe(false);
    expect(await s.postAcks.markReminded(post.id)).toBe(true);
    expect(await s.postAcks.markReminded(post.id)).toBe(false);
    expect(await s.postAcks.wasReminded(post.id)).toBe(true);
  });
});
