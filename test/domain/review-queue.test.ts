import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARDS_AT_ONCE } from '../../src/domain/review-queue.js';
import type { Services } from '../../src/domain/index.js';
import type { PersonId } from '../../src/domain/person.js';
import { vkUserId } from '../../src/vk/person-refs.js';
import { vk } from '../helpers/people.js';
import { ADMIN, classIds, fixtureName, openSchool, type School } from './fixture.js';

let school: School;
let s: Services;
let classId: string;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  classId = (await classIds(s, '5А'))['5А']!;
});
afterEach(() => school.cleanup());

/** Files a student's request for 5А; returns its id. */
async function file(personId: PersonId): Promise<string> {
  const invite = await s.invites.create(ADMIN, { classId, role: 'student' });
  const used = await s.invites.use(invite.id, { personId, name: fixtureName(personId), consent: true });
  if (!used.ok) throw new Error(`invite not used: ${used.reason}`);
  return used.request.id;
}

describe('F08 the review queue of a reviewer', () => {
  it(`F08: the first ${CARDS_AT_ONCE} requests are cards, the next are counted in one summary, «Показать» turns them into cards`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CARDS_AT_ONCE + 2; i += 1) ids.push(await file(vk(3001 + i)));
    for (const id of ids.slice(0, CARDS_AT_ONCE)) expect(await s.reviewQueue.place(ADMIN, id)).toEqual({ place: 'card' });
    const first = await s.reviewQueue.place(ADMIN, ids[CARDS_AT_ONCE]!);
    expect(first).toEqual({ place: 'summary', count: 1, gen: 0, send: true });
    // The same request placed again (an update handled twice) gets the same place.
    expect(await s.reviewQueue.place(ADMIN, ids[0]!)).toEqual({ place: 'card' });
    const message = { chat: vkUserId(ADMIN), id: '77' };
    expect(await s.reviewQueue.rememberSummary(ADMIN, 0, message)).toBe(true);
    expect(await s.reviewQueue.place(ADMIN, ids[CARDS_AT_ONCE + 1]!)).toEqual({ place: 'summary', count: 2, gen: 0, message, send: false });
    expect(await s.reviewQueue.summaryCount(ADMIN)).toBe(2);
    expect(await s.reviewQueue.show(ADMIN, 0, { chat: vkUserId(ADMIN), id: '78' })).toEqual({ ok: false });
    const shown = await s.reviewQueue.show(ADMIN, 0, message);
    expect(shown).toMatchObject({ ok: true, remaining: 0, message });
    expect(shown.ok && shown.shown.map((r) => r.id)).toEqual(ids.slice(CARDS_AT_ONCE));
    // The summary closed: a press on it again is refused, and its generation cannot take a message any more.
    expect(await s.reviewQueue.show(ADMIN, 0, message)).toEqual({ ok: false });
    expect(await s.reviewQueue.rememberSummary(ADMIN, 0, message)).toBe(false);
  });
});
