/**
 * The scheduler: jobs that run at a time (reminders, planned sends), kept in Redis so they survive a
 * restart, each run once by one of the bot processes. Features see only {@link Scheduler} (through
 * the app) and register handlers per kind; BullMQ, which does the work underneath, stays in this file.
 *
 * A job's id deduplicates it: the same id scheduled twice (an update handled again after a crash) is
 * one job. A job that fails is retried with the same id, and its handler runs with an app keyed by
 * that id (see bot.ts), so a retry sends and changes nothing twice.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../domain/redis-client.js';
import type { Logger } from '../logger.js';
import { openRedis, type RedisNode } from './redis-connection.js';

/** What a job carries: plain JSON. */
export type JobData = null | boolean | number | string | readonly JobData[] | { readonly [key: string]: JobData };

/** A job as its handler gets it. */
export interface ScheduledJob {
  readonly id: string;
  readonly kind: string;
  /** When it was due (ms epoch). */
  readonly at: number;
  readonly data: JobData;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
}

/** What features ask of the scheduler (app.scheduler). */
export interface Scheduler {
  /** Runs the handler of `kind` with `data` at `at` (ms epoch; at once if past). A second call with the same id changes nothing. */
  schedule(jobId: string, kind: string, at: number, data: JobData): Promise<void>;
  /** Drops a job that has not run yet; false when there was none to drop (unknown, running or done). */
  cancel(jobId: string): Promise<boolean>;
  /** Moves a job that has not run yet to `at`; false when there was none to move. */
  reschedule(jobId: string, at: number): Promise<boolean>;
}

/** Job ids: letters, digits and `_ . -` (BullMQ keeps `:` for itself), at most 200. */
const JOB_ID = /^[A-Za-z0-9_.-]{1,200}$/u;

/** How long a job's record is kept after it ran, so that scheduling the same id again (a late repeat) stays a no-op. */
const KEEP_DONE_SECONDS = 3 * 24 * 3600;
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;
/**
 * Runs of a failing job, the first included, with exponential pauses from 1 s: ten runs span about
 * eight and a half minutes, so an outage of VK or of the network of a few minutes loses no delivery.
 */
export const JOB_ATTEMPTS = 10;
const ATTEMPTS = JOB_ATTEMPTS;

/**
 * A running job holds a lock for this long, renewed at half of it; a process that dies leaves the lock
 * to expire, and another process (or the same one restarted), looking every {@link STALLED_CHECK_MS},
 * takes the job over: within about 15 s of the crash. A job taken over keeps its id, so its handler
 * (an app keyed by the id) repeats the same keys and sends nothing twice.
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;
/** How many times a job may be taken over from a dead process before it counts as failed. */
const MAX_STALLED = 10;

/** What a job stores in BullMQ besides its id (the kind is the job's name). */
interface Stored {
  at: number;
  data: JobData;
}

export interface BullSchedulerOptions {
  /** The Redis the bot uses (REDIS_URL); BullMQ opens its own connections there. */
  url: string;
  /** The seed nodes of the Redis Cluster the bot uses (REDIS_CLUSTER_NODES), if any: BullMQ then opens its connections to the cluster. */
  clusterNodes?: readonly RedisNode[];
  /** Where the queue's keys go: `<prefix>bull:jobs:…` (the school's base, a Redis Cluster hash tag: BullMQ's scripts need one slot). */
  prefix: string;
  /** The prefix of an earlier version's queue: jobs still waiting there are moved to this one at start, looked for on `redis`. */
  legacyPrefix?: string;
  redis?: RedisClient;
  logger: Logger;
  /** Runs a due job; a throw retries it later (at most {@link ATTEMPTS} runs). */
  handle: (job: ScheduledJob) => Promise<void>;
  /** Clock (ms); BullMQ's delays are real time. */
  now?: () => number;
  /** Jobs run at once by one process. */
  concurrency?: number;
}

function checkId(jobId: string): void {
  if (!JOB_ID.test(jobId)) throw new Error(`job id "${jobId}" must be 1 to 200 of A-Z a-z 0-9 _ . -`);
}

/** The scheduler on BullMQ: a queue on the bot's Redis, and (once started) a worker that runs due jobs. */
export class BullScheduler implements Scheduler {
  private queueOf?: Queue;
  private worker?: Worker;
  private readonly now: () => number;
  private readonly queueName = 'jobs';
  private readonly keyPrefix: string;

  constructor(private readonly options: BullSchedulerOptions) {
    this.now = options.now ?? Date.now;
    // BullMQ's keys are `<prefix>:<queue>:…`, e.g. `parta:{s:main}:bull:jobs:…`.
    this.keyPrefix = `${options.prefix}bull`;
  }

  /** Cluster clients opened for BullMQ (it does not close a client it was handed): closed with the scheduler. */
  private readonly clusterClients: RedisClient[] = [];

  /**
   * BullMQ's connection options for a single Redis; on a cluster, a client of its own (the queue's
   * keys share the school's hash tag, so BullMQ's scripts each run in one slot).
   */
  private connection() {
    const options = { maxRetriesPerRequest: null, enableOfflineQueue: true };
    if (!this.options.clusterNodes?.length) return { url: this.options.url, ...options };
    const client = openRedis({ url: this.options.url, clusterNodes: this.options.clusterNodes }, options);
    this.clusterClients.push(client);
    return client;
  }

  /** The queue, opened on first use (a bot that schedules nothing opens no connection for it). */
  private get queue(): Queue {
    if (!this.queueOf) {
      this.queueOf = new Queue(this.queueName, { connection: this.connection(), prefix: this.keyPrefix });
      this.queueOf.on('error', (error: Error) => this.options.logger.warn({ err: error.name }, 'scheduler queue: redis problem'));
    }
    return this.queueOf;
  }

  /** Starts running due jobs (also those that fell due while no bot was running, and those an earlier version's queue holds). */
  async start(): Promise<void> {
    if (this.worker) return;
    await this.adoptLegacyJobs();
    this.worker = new Worker(this.queueName, (job: Job<Stored>) => this.run(job), {
      connection: this.connection(),
      prefix: this.keyPrefix,
      // Reminders wait for the deliveries they start, which are jobs too: enough room for both.
      concurrency: this.options.concurrency ?? 32,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_STALLED,
    });
    this.worker.on('error', (error: Error) => this.options.logger.warn({ err: error.name }, 'scheduler worker: redis problem'));
    this.worker.on('failed', (job: Job<Stored> | undefined, error: Error) =>
      this.options.logger.error({ jobId: job?.id, kind: job?.name, attempt: job?.attemptsMade, err: error.name }, 'scheduled job failed'),
    );
  }

  /**
   * Moves the jobs still waiting in the queue of a version that kept it outside the school's hash tag
   * (`<legacyPrefix>bull`) to this queue, with their ids and times. A crash half-way leaves a job in
   * both, and the next start moves it again: scheduling the same id twice is one job.
   */
  private async adoptLegacyJobs(): Promise<void> {
    const legacyPrefix = this.options.legacyPrefix === undefined ? undefined : `${this.options.legacyPrefix}bull`;
    const { redis } = this.options;
    if (legacyPrefix === undefined || legacyPrefix === this.keyPrefix || !redis) return;
    const lists = ['delayed', 'wait', 'prioritized'].map((list) => `${legacyPrefix}:${this.queueName}:${list}`);
    // One EXISTS a key: the old queue's keys had no hash tag, so on a cluster they are in different slots.
    if ((await Promise.all(lists.map((list) => redis.exists(list)))).every((found) => found === 0)) return;
    const legacy = new Queue(this.queueName, { connection: this.connection(), prefix: legacyPrefix });
    try {
      const jobs = (await legacy.getJobs(['delayed', 'waiting', 'prioritized'])) as (Job<Stored> | undefined)[];
      for (const job of jobs) {
        if (!job?.id) continue;
        try {
          await this.schedule(job.id, job.name, job.data.at, job.data.data);
          await legacy.remove(job.id);
        } catch (error) {
          // One unreadable job must not keep the bot from starting: it stays where it is, logged by id.
          this.options.logger.error({ jobId: job.id, kind: job.name, err: error instanceof Error ? error.name : 'unknown' }, "an earlier version's job could not be moved; it was left in the old queue");
        }
      }
      if (jobs.length > 0) this.options.logger.info({ jobs: jobs.length }, "an earlier version's scheduled jobs moved under the school's key");
    } finally {
      await legacy.close().catch(() => undefined);
    }
  }

  private async run(job: Job<Stored>): Promise<void> {
    const id = job.id ?? '';
    await this.options.handle({ id, kind: job.name, at: job.data.at, data: job.data.data, attempt: job.attemptsMade + 1 });
  }

  async schedule(jobId: string, kind: string, at: number, data: JobData): Promise<void> {
    checkId(jobId);
    const stored: Stored = { at, data };
    await this.queue.add(kind, stored, {
      jobId,
      delay: Math.max(0, at - this.now()),
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: KEEP_DONE_SECONDS },
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    });
  }

  async cancel(jobId: string): Promise<boolean> {
    checkId(jobId);
    const job = await this.pending(jobId);
    if (!job) return false;
    return (await this.queue.remove(jobId)) === 1;
  }

  async reschedule(jobId: string, at: number): Promise<boolean> {
    checkId(jobId);
    const job = await this.pending(jobId);
    if (!job) return false;
    const state = await job.getState();
    const delay = Math.max(0, at - this.now());
    if (state === 'delayed' && delay > 0) {
      await job.updateData({ ...job.data, at });
      await job.changeDelay(delay);
      return true;
    }
    // Due already (or to be due at once): taken out and put back with the new time.
    if ((await this.queue.remove(jobId)) !== 1) return false;
    await this.schedule(jobId, job.name, at, job.data.data);
    return true;
  }

  /** The job if it has not run yet (delayed or waiting). */
  private async pending(jobId: string): Promise<Job<Stored> | undefined> {
    const job = (await this.queue.getJob(jobId)) as Job<Stored> | undefined;
    if (!job) return undefined;
    const state = await job.getState();
    return state === 'delayed' || state === 'waiting' || state === 'prioritized' ? job : undefined;
  }

  /** Stops running jobs: those running finish first, or are left at `deadlineMs` (another process takes them over as stalled). */
  async stopWorker(deadlineMs = 3000): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([worker.close().catch(() => undefined), late]);
    clearTimeout(timer);
  }

  /** Stops the worker and closes the queue's connection (a later schedule would open it again). */
  async close(deadlineMs = 3000): Promise<void> {
    await this.stopWorker(deadlineMs);
    const queue = this.queueOf;
    this.queueOf = undefined;
    await queue?.close().catch(() => undefined);
    for (const client of this.clusterClients.splice(0)) await client.quit().catch(() => client.disconnect());
  }
}
