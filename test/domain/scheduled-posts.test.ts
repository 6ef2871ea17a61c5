import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError, ScheduledPostCancelledError, ScheduledPostSentError, type Services } from '../../src/domain/index.js';
import { ADMIN, classIds, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  await classIds(s, '5А');
  await verifiedTeacher(s, vk(300));
});
afterEach(async () => {
  await school.cleanup();
});

/** The services of one operation (an update or a job), its changes keyed `op:w1`, `op:w2`… like the bot's. */
const operation = (op: string): Services => {
  let n = 0;
  return s.keyedBy(() => `${op}:w${++n}`);
};

const input = { kind: 'school' as const, text: 'Линейка в 9:00.', pin: true, at: 5_000_000 };

describe('F12 scheduled posts in the domain', () => {
  it('F12: scheduling repeated after a crash (the same operation) keeps one post; it is pending, audited', async () => {
    const first = await operation('u1').scheduledPosts.create(ADMIN, input);
    const again = await operation('u1').scheduledPosts.create(ADMIN, input);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ id: 'sp1', status: 'scheduled', version: 1, ...input, author: ADMIN });
    expect((await s.scheduledPosts.pending()).map((p) => p.id)).toEqual(['sp1']);
    expect((await s.audit.recent(5)).filter((e) => e.action === 'post.scheduled')).toHaveLength(1);
  });

  it('F12: a teacher may neither schedule nor change one', async () => {
    await expect(s.scheduledPosts.create(vk(300), input)).rejects.toBeInstanceOf(PermissionDeniedError);
    const post = await s.scheduledPosts.create(ADMIN, input);
    await expect(s.scheduledPosts.cancel(vk(300), post.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.scheduledPosts.move(vk(300), post.id, 6_000_000)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await s.scheduledPosts.get(post.id)).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('F12: a move raises the version, so the job of the old time finds it stale; the new one claims it once (a retry gets the same claim), then it can no longer change', async () => {
    const post = await s.scheduledPosts.create(ADMIN, input);
    const moved = await operation('u2').scheduledPosts.move(ADMIN, post.id, 6_000_000);
    expect(await operation('u2').scheduledPosts.move(ADMIN, post.id, 6_000_000)).toEqual(moved);
    expect(moved).toMatchObject({ version: 2, at: 6_000_000 });
    expect(await operation('job-v1').scheduledPosts.claim(post.id, 1)).toEqual({ kind: 'stale' });
    const claimed = await operation('job-v2').scheduledPosts.claim(post.id, 2);
    expect(claimed).toMatchObject({ kind: 'send', post: { status: 'sending' } });
    expect(await operation('job-v2').scheduledPosts.claim(post.id, 2)).toEqual(claimed);
    await expect(s.scheduledPosts.cancel(ADMIN, post.id)).rejects.toBeInstanceOf(ScheduledPostSentError);
    await expect(s.scheduledPosts.edit(ADMIN, post.id, 'Другой текст')).rejects.toBeInstanceOf(ScheduledPostSentError);
    expect(await s.scheduledPosts.finish(post.id, 'p1')).toMatchObject({ status: 'sent', postId: 'p1' });
    expect(await s.scheduledPosts.pending()).toEqual([]);
  });

  it('F12: a cancelled post is not claimed and cannot be moved; an author who may no longer publish has it dropped; one that could not go is failed', async () => {
    const post = await s.scheduledPosts.create(ADMIN, input);
    await s.scheduledPosts.cancel(ADMIN, post.id);
    expect(await s.scheduledPosts.claim(post.id, 1)).toEqual({ kind: 'stale' });
    await expect(s.scheduledPosts.move(ADMIN, post.id, 7_000_000)).rejects.toBeInstanceOf(ScheduledPostCancelledError);
    // The second admin schedules, then loses the admin role before its time.
    await s.members.appointAdmin(ADMIN, vk(300));
    const theirs = await s.scheduledPosts.create(vk(300), input);
    await s.members.removeAdmin(ADMIN, vk(300));
    expect(await s.scheduledPosts.claim(theirs.id, 1)).toMatchObject({ kind: 'denied', post: { status: 'cancelled' } });
    // A post that could not go at its time (nothing sent) is `failed`, and can no longer change.
    const third = await s.scheduledPosts.create(ADMIN, input);
    await s.scheduledPosts.claim(third.id, 1);
    expect(await s.scheduledPosts.finish(third.id, '')).toMatchObject({ status: 'failed' });
    await expect(s.scheduledPosts.edit(ADMIN, third.id, 'Другой текст')).rejects.toBeInstanceOf(ScheduledPostSentError);
  });
});
