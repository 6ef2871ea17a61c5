import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.js';
import type { JobSpec } from '../../src/features/shared/job-registry.js';
import { createLogger } from '../../src/logger.js';
import type { PersonId } from '../../src/domain/person.js';
import { Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { TEST_CLUSTER_ENV } from '../helpers/redis.js';
import { DIALOGS } from '../../scenes/index.js';

/** Runs of the test job, by job id, across every bot of a test. */
let runs: string[] = [];

/** A job that writes its text to a person and records that it ran. */
const ping: JobSpec = {
  kind: 'test.ping',
  async run(app, job) {
    const { to, text } = job.data as { to: PersonId; text: string };
    runs.push(job.id);
    await app.messenger.send(to, { text });
  },
};

describe('the scheduler (BullMQ behind src/runtime/scheduler.ts)', () => {
  let h: Harness;
  const PERSON = 500;
  beforeEach(async () => {
    runs = [];
    h = await Harness.start({ bot: { extraJobs: [ping] } });
    h.driver.user({ id: PERSON, firstName: 'Лена', allowsMessages: true });
  });
  afterEach(() => h.close());

  const person = () => h.driver.user({ id: PERSON, firstName: 'Лена', allowsMessages: true });
  const schedule = (id: string, inMs: number, text = id) => h.bot.app.scheduler.schedule(id, 'test.ping', Date.now() + inMs, { to: vk(PERSON), text });

  it('a job runs once at its time, with its data', async () => {
    const lena = person();
    const at = Date.now() + 700;
    await h.bot.app.scheduler.schedule('job-1', 'test.ping', at, { to: vk(PERSON), text: 'Напоминание' });
    const got = await lena.expect('Напоминание', { timeout: 5000 });
    expect(got.date * 1000).toBeGreaterThanOrEqual(Math.floor(at / 1000) * 1000);
    await schedule('sentinel', 300);
    await lena.expect('sentinel');
    expect(runs.filter((id) => id === 'job-1')).toHaveLength(1);
    expect(lena.received.filter((m) => m.text === 'Напоминание')).toHaveLength(1);
  });

  it('the same id scheduled twice (a repeated update) is one job', async () => {
    const lena = person();
    await schedule('twice', 500, 'Один раз');
    await schedule('twice', 600, 'Один раз');
    await lena.expect('Один раз');
    await schedule('sentinel', 300);
    await lena.expect('sentinel');
    expect(runs.filter((id) => id === 'twice')).toHaveLength(1);
    // Scheduled again after it ran (a late repeat): still nothing new.
    await schedule('twice', 100, 'Один раз');
    await schedule('sentinel-2', 500);
    await lena.expect('sentinel-2');
    expect(runs.filter((id) => id === 'twice')).toHaveLength(1);
  });

  it('a cancelled job does not run; a moved one runs at its new time; neither works on a job that ran', async () => {
    const lena = person();
    const scheduler = h.bot.app.scheduler;
    await schedule('cancelled', 500, 'Отменённое');
    expect(await scheduler.cancel('cancelled')).toBe(true);
    expect(await scheduler.cancel('cancelled')).toBe(false);
    expect(await scheduler.cancel('never-scheduled')).toBe(false);
    await schedule('moved', 60 * 60_000, 'Перенесённое');
    expect(await scheduler.reschedule('moved', Date.now() + 400)).toBe(true);
    await lena.expect('Перенесённое', { timeout: 5000 });
    expect(await scheduler.reschedule('moved', Date.now() + 400)).toBe(false);
    expect(await scheduler.cancel('moved')).toBe(false);
    await schedule('sentinel', 700);
    await lena.expect('sentinel');
    expect(runs).toEqual(['moved', 'sentinel']);
  });

  it('a job scheduled by one bot runs after that bot stops and another starts', async () => {
    const lena = person();
    await schedule('after-restart', 1500, 'После перезапуска');
    expect(await h.stopBot()).toBe(true);
    await h.startBot();
    await lena.expect('После перезапуска', { timeout: 6000 });
    await schedule('sentinel', 300);
    await lena.expect('sentinel');
    expect(runs.filter((id) => id === 'after-restart')).toHaveLength(1);
  });

  it('with two bot processes on one Redis each job runs once', async () => {
    const lena = person();
    const second = new Bot({ config: h.config, dialogs: DIALOGS, redis: h.db.redis, logger: createLogger('silent'), extraJobs: [ping], vkTimeouts: { apiTimeout: 3000, apiWait: 50, pollingWait: 50 } });
    await second.start();
    try {
      const ids = Array.from({ length: 6 }, (_, i) => `both-${i}`);
      for (const [i, id] of ids.entries()) await (i % 2 ? second.app : h.bot.app).scheduler.schedule(id, 'test.ping', Date.now() + 500, { to: vk(PERSON), text: id });
      // They may arrive in any order: each is waited for among those not seen yet.
      const left = new Set(ids);
      while (left.size > 0) left.delete((await lena.expect((m) => left.has(m.text), { timeout: 5000 })).text);
      await schedule('sentinel', 400);
      await lena.expect('sentinel');
      expect([...runs].sort()).toEqual([...ids, 'sentinel'].sort());
    } finally {
      await second.stop(1000);
    }
  });

  // Not on the tests' Redis Cluster (test/cluster/): that queue's keys have no hash tag, so BullMQ cannot run it on a
  // cluster, and an earlier version never ran there. The bot's own check for it is one EXISTS a key, so it passes there.
  it.skipIf(Boolean(process.env[TEST_CLUSTER_ENV]))("a job waiting in an earlier version's queue (outside the school's hash tag) is moved at start and runs once", async () => {
    const lena = person();
    expect(await h.stopBot()).toBe(true);
    // What a version before the hash tag left: its queue at `<prefix>bull`.
    const legacy = new Queue('jobs', { connection: { url: h.config.REDIS_URL }, prefix: `${h.config.REDIS_PREFIX}bull` });
    await legacy.add('test.ping', { at: Date.now() + 800, data: { to: vk(PERSON), text: 'Из прежней очереди' } }, { jobId: 'legacy-1', delay: 800 });
    await legacy.close();
    await h.startBot();
    await lena.expect('Из прежней очереди', { timeout: 6000 });
    await schedule('sentinel', 300);
    await lena.expect('sentinel');
    expect(runs.filter((id) => id === 'legacy-1')).toHaveLength(1);
    for (const list of ['delayed', 'wait']) expect(await h.db.redis.exists(`${h.config.REDIS_PREFIX}bull:jobs:${list}`)).toBe(0);
  });

  it('a bot stops quickly with its worker running', async () => {
    const started = Date.now();
    expect(await h.stopBot()).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    await h.startBot();
  });
});
