import type https from 'node:https';
import type { RedisClient } from '../domain/redis-client.js';
import { PollingTransport, type API } from 'vk-io';
import type { Logger } from '../logger.js';
import type { VkUpdate } from './update-envelope.js';

/** Where the long poll stopped: the `ts` up to which every event is recorded in the inbox. */
export class PollPosition {
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
  ) {}

  /** The saved `ts`, or undefined on the very first start. */
  async load(): Promise<number | undefined> {
    const raw = await this.redis.get(this.key);
    return raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  }

  async save(ts: number): Promise<void> {
    await this.redis.set(this.key, String(ts));
  }
}

export interface ResumingPollingOptions {
  api: API;
  groupId: number;
  agent?: https.Agent;
  /** Pause between failed restarts of the long-poll server (vk-io's `pollingWait`). */
  pollingWait?: number;
  position: PollPosition;
  logger: Logger;
  /** Records one update; resolves once it is safe in the inbox (rejects if it could not be). */
  accept: (update: VkUpdate) => Promise<unknown>;
}

/**
 * vk-io's Bots Long Poll that resumes where it stopped: after each answer of VK, once every event
 * in it is recorded in the inbox, its `ts` is saved in Redis; a start (also a restart after VK's
 * `failed: 2/3`) polls from the saved `ts`, so what people wrote while the bot was down is
 * answered when it is back. VK's `failed: 1` (history lost) is logged with how much was lost.
 */
export class ResumingPolling extends PollingTransport {
  private batch: Promise<unknown>[] = [];
  private saving: Promise<void> = Promise.resolve();
  /** The last `ts` whose events are all recorded (0 before the first). */
  private recorded = 0;
  /** Set when an update could not be recorded: the position must not move past it. */
  private stuck = false;

  constructor(private readonly resume: ResumingPollingOptions) {
    super({ api: resume.api, agent: resume.agent, pollingGroupId: resume.groupId, pollingWait: resume.pollingWait ?? 3000, pollingRetryLimit: 3 } as ConstructorParameters<typeof PollingTransport>[0]);
    this.subscribe((update) => {
      this.batch.push(resume.accept(update as unknown as VkUpdate));
    });
  }

  /** Starts polling from the recorded position (VK's current one only on the very first start). */
  override async start(): Promise<void> {
    if (Number(this.ts) === 0) {
      // A position that cannot be read (Redis away) fails the start, rather than skipping what is waiting at VK.
      if (this.recorded === 0) this.recorded = (await this.resume.position.load()) ?? 0;
      if (this.recorded > 0) this.ts = this.recorded;
    }
    await super.start();
  }

  override async fetchUpdates(): Promise<void> {
    const from = Number(this.ts);
    this.batch = [];
    await super.fetchUpdates();
    const to = Number(this.ts);
    const batch = this.batch;
    this.batch = [];
    if (to === from && batch.length === 0) return;
    if (batch.length === 0) this.resume.logger.warn({ from, to, lost: Math.max(0, to - from) }, 'VK long poll history lost: events between these ts were not delivered');
    const previous = this.saving;
    this.saving = (async () => {
      const results = await Promise.allSettled(batch);
      await previous;
      if (this.stuck || results.some((result) => result.status === 'rejected')) {
        this.stuck = true;
        return;
      }
      this.recorded = to;
      await this.resume.position.save(to).catch(() => undefined);
    })();
  }

  /** Waits until the position of everything recorded so far is saved. */
  async flush(): Promise<void> {
    await this.saving;
  }
}
