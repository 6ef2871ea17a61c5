import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Thrown when a peer stays locked by another process longer than the wait limit. */
export class PeerBusyError extends Error {
  override readonly name = 'PeerBusyError';
  constructor(readonly key: string) {
    super(`updates of ${key} are held by another bot process for too long; check that no process hangs`);
  }
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface PeerQueueOptions {
  /** How long a lock lives without renewal (a crashed process frees the peer after this). */
  leaseMs?: number;
  /** How long to wait for another process before giving up. */
  maxWaitMs?: number;
}

/**
 * Runs the updates of one peer one at a time, in arrival order.
 * Within a process a promise chain keeps order; across processes a short Redis lease
 * (SET NX PX, renewed while the handler runs) keeps two processes from working on one peer at once.
 */
export class PeerQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: PeerQueueOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Number of peers with work queued or running in this process. */
  get activePeers(): number {
    return this.tails.size;
  }

  /** Runs `task` after every earlier task of the same key has finished. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => this.withLease(key, task));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  private async withLease<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lockKey = `${this.prefix}lock:peer:${key}`;
    const token = randomUUID();
    const started = Date.now();
    let delay = 5;
    while ((await this.redis.set(lockKey, token, 'PX', this.leaseMs, 'NX')) !== 'OK') {
      if (Date.now() - started > this.maxWaitMs) throw new PeerBusyError(key);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 100);
    }
    const renew = setInterval(() => {
      this.redis.eval(EXTEND, 1, lockKey, token, this.leaseMs).catch(() => undefined);
    }, Math.floor(this.leaseMs / 3));
    try {
      return await task();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }
}
