import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENT_LINK_TTL_MS, type Services } from '../../src/domain/index.js';
import { parseGrades } from '../../src/domain/class-names.js';
import { ADMIN, openSchool, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

/** The services keyed by one operation, as one update's handlers get them. */
function once(s: Services, op: string): Services {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
}

describe('parents\' consents (152-ФЗ)', () => {
  let school: School;
  let s: Services;
  let classId: string;
  beforeEach(async () => {
    school = await openSchool();
    s = school.services;
    classId = (await s.classes.create(ADMIN, '3В')).id;
  });
  afterEach(() => school.cleanup());

  async function waitingRequest(personId = vk(5001)): Promise<string> {
    const invite = await s.invites.create(ADMIN, { classId, role: 'student' });
    const used = await s.invites.use(invite.id, { personId, name: 'Лебедев Максим', consent: true, awaitingParentConsent: true });
    if (!used.ok) throw new Error('not filed');
    expect(used.request.awaitingConsent).toBe(true);
    return used.request.id;
  }

  it('reads grade ranges and refuses bad ones', () => {
    expect([...parseGrades('1-3, 5')]).toEqual([1, 2, 3, 5]);
    expect(() => parseGrades('8-5')).toThrow('bad grade range');
    expect(() => parseGrades('12')).toThrow('bad grade range');
  });

  it('a link issued again in the same operation (a retry after a crash) is the same link; a new operation replaces it', async () => {
    const rid = await waitingRequest();
    const first = await once(s, 'ev1').consent.issueLink(rid);
    const retry = await once(s, 'ev1').consent.issueLink(rid);
    expect(retry).toEqual(first);
    expect(first!.expiresAt).toBe(school.clock.t + CONSENT_LINK_TTL_MS);
    const next = await once(s, 'ev2').consent.issueLink(rid);
    expect(next!.token).not.toBe(first!.token);
    expect(await s.consent.requestOfToken(first!.token)).toBeUndefined();
    expect((await s.consent.requestOfToken(next!.token))?.id).toBe(rid);
  });

  it('a consent given twice in one operation is applied once; the token is single-purpose', async () => {
    const rid = await waitingRequest();
    const link = (await s.consent.issueLink(rid))!;
    const a = await once(s, 'ev3').consent.answer(link.token, { personId: vk(6001), name: 'Лебедева Ирина' }, 'give');
    const b = await once(s, 'ev3').consent.answer(link.token, { personId: vk(6001), name: 'Лебедева Ирина' }, 'give');
    expect(b).toEqual(a);
    expect(a.ok && a.parentRequest?.applicant).toMatchObject({ role: 'parent', personId: vk(6001), childName: 'Лебедев Максим' });
    expect((await s.requests.listPending('system')).total).toBe(2);
    expect(await s.consent.answer(link.token, { personId: vk(6002), name: 'Лебедев Олег' }, 'give')).toEqual({ ok: false, reason: 'invalid' });
    expect((await s.audit.recent(10)).filter((e) => e.action === 'consent.given')).toHaveLength(1);
  });

  it('the student cannot answer their own link, and a paper consent needs an admin', async () => {
    const rid = await waitingRequest(vk(5002));
    const link = (await s.consent.issueLink(rid))!;
    expect(await s.consent.answer(link.token, { personId: vk(5002), name: 'Лебедев Максим' }, 'give')).toEqual({ ok: false, reason: 'self' });
    await expect(s.consent.recordPaper(vk(5002), rid)).rejects.toThrow('not an admin');
    expect((await s.consent.recordPaper(ADMIN, rid)).ok).toBe(true);
    expect(await s.consent.requestOfToken(link.token)).toBeUndefined();
    expect(await s.consent.recordPaper(ADMIN, rid)).toEqual({ ok: false, reason: 'not_waiting' });
  });

  it('withdrawn before anyone decided: the child\'s requests are deleted and the parent\'s request for the child is closed', async () => {
    const rid = await waitingRequest(vk(5003));
    const link = (await s.consent.issueLink(rid))!;
    const given = await s.consent.answer(link.token, { personId: vk(6003), name: 'Лебедева Ирина' }, 'give');
    if (!given.ok || !given.parentRequest) throw new Error('no parent request');
    expect(await s.consent.askWithdraw(vk(6004), vk(5003))).toEqual({ ok: false });
    expect(await s.consent.askWithdraw(vk(6003), vk(5003))).toEqual({ ok: true, already: false });
    expect(await s.consent.askWithdraw(vk(6003), vk(5003))).toEqual({ ok: true, already: true });
    expect(await s.consent.confirmWithdraw(ADMIN, vk(5003))).toEqual({ ok: true, parentId: vk(6003), classId });
    expect(await s.requests.get(rid)).toBeUndefined();
    expect(await s.requests.get(given.parentRequest.id)).toMatchObject({ status: 'rejected', reasonCode: 'no_consent' });
    expect((await s.requests.listPending('system')).total).toBe(0);
    expect(await s.consent.givenBy(vk(6003))).toEqual([]);
    expect(await s.consent.confirmWithdraw(ADMIN, vk(5003))).toEqual({ ok: false });
  });
});
