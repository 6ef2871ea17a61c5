/**
 * The whole bot on a real Redis Cluster (three masters, test/helpers/redis-cluster.ts), through the
 * VK emulator: the bot's connection, BullMQ's and every script of the update gate, the peer leases,
 * sessions, the caller and the domain run there. A stranger writes, an invite is used, the request
 * is approved with its button, and the scheduler runs a job.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { jobsDoneBy, sentinelJob } from '../helpers/jobs-done.js';
import { keySlot } from '../helpers/key-slot.js';
import { vk } from '../helpers/people.js';
import { crossSlotScriptRuns, keysMatching } from '../helpers/redis.js';
import { useTestCluster } from '../helpers/redis-cluster.js';
import { PROFILE } from '../helpers/school-profile.js';

await useTestCluster();

/** The deep link on an invite card. */
function linkOf(card: ReceivedMessage): string {
  const link = /https:\/\/vk\.me\/club\d+\?ref=[\w-]+(?:&ref_source=\w+)?/.exec(card.text)?.[0];
  if (!link) throw new Error(`no link on the invite card:\n${card.text}`);
  return link;
}

/** Waits for the request notice about `name` and presses its button. */
async function approve(reviewer: DriverUser, name: string): Promise<void> {
  await reviewer.expect((m) => m.text.includes('Новая заявка') && m.text.includes(name));
  await reviewer.press('Принять');
}

describe('the bot on a Redis Cluster', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: '1-4' }, bot: { extraJobs: [sentinelJob] } });
    await h.bot.app.school.save(PROFILE, ADMIN);
  });
  afterEach(() => h.close());

  it('a stranger writes, joins by an invite, is approved with the button; a scheduled job runs; every key is in the school slot', async () => {
    expect(h.config.REDIS_CLUSTER_NODES).toHaveLength(3);
    expect(h.db.redis.isCluster).toBe(true);

    const student = h.driver.user({ id: 601, firstName: 'Иван', lastName: 'Петров' });
    await student.say('Здравствуйте');
    await student.expect('Чтобы вступить в класс или в Учительскую');

    const admin = h.admin();
    await admin.say('/classes 5а');
    await admin.expect('5А');
    await admin.say('/invite 5А ученик 30 7');
    const card = await admin.expect('vk.me/club');
    await student.openLink(linkOf(card));
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.press('Петров Иван');
    await student.expect('Согласие на обработку');
    await student.press('Даю согласие');
    await student.expect('Заявка отправлена');
    await approve(admin, 'Петров Иван');
    const welcome = await student.expect('Ваша заявка принята');
    expect(welcome.text).toContain('Класс: 5А');
    expect((await h.bot.app.services.members.get(vk(601)))?.roles).toContain('student');

    // A job a second ahead, run by BullMQ's worker on the cluster.
    await jobsDoneBy(h, Date.now() + 1000);

    // Every key the bot wrote is in the school's slot, but for the invite index, the long poll's position and the shared rate.
    const base = runtimeBase(h.config.REDIS_PREFIX, h.config.SCHOOL_ID);
    const keys = await keysMatching(h.db.redis, `${h.config.REDIS_PREFIX}*`);
    const outside = keys.filter((key) => keySlot(key) !== keySlot(base)).sort();
    expect(outside.every((key) => key.startsWith(`${h.config.REDIS_PREFIX}{invite-index}:`) || key.includes('longpoll:') || key.includes('vk:rate:'))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${base}bull:jobs:`))).toBe(true);
    expect(crossSlotScriptRuns).toEqual([]);
  }, 60_000);
});
