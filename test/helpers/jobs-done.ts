import type { JobSpec } from '../../src/features/shared/job-registry.js';
import type { Harness } from './harness.js';

/** Whom the sentinel job writes to: a test waits for it to know that every job due before it has run. */
const WATCHER = 999;

/** A job that only writes to the watcher; give it to the harness (`bot: { extraJobs: [sentinelJob] }`). */
export const sentinelJob: JobSpec = {
  kind: 'test.sentinel',
  async run(app, job) {
    await app.messenger.send(WATCHER, { text: `sentinel ${job.id}` });
  },
};

/** Waits until every job due by `at` has run: a sentinel job at `at` writes to the watcher, then the bot is idle. */
export async function jobsDoneBy(h: Harness, at: number): Promise<void> {
  const watcher = h.driver.user({ id: WATCHER, firstName: 'Наблюдатель', allowsMessages: true });
  const id = `sentinel-${at}`;
  await h.bot.app.scheduler.schedule(id, sentinelJob.kind, at, null);
  await watcher.expect(`sentinel ${id}`, { timeout: Math.max(0, at - Date.now()) + 5000 });
  await h.idle();
}
