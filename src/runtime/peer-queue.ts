import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../domain/redis-client.js';
import { z } from 'zod';
import { bindLua, LuaCommand, type BoundLuaCommand } from '../domain/lua.js';

/** Thrown when a peer stays locked by another process longer than the wait limit. */
export class PeerBusyError extends Error {
  override readonly name = 'PeerBusyError';
  constructor(readonly key: string) {
    super(`updates of ${key} are held by another bot process for too long; check that no process hangs`);
  }
}

/** The leases' scripts, one file each in ./lua/ (what each takes and replies, its first lines). */
const ACQUIRE = LuaCommand.fromFile(import.meta.url, './lua/lease-acquire.lua', 'partaLeaseAcquire', z.union([z.literal(0), z.literal(1)]));
const RELEASE = LuaCommand.fromFile(import.meta.url, './lua/lease-release.lua', 'partaLeaseRelease', z.union([z.literal(0), z.literal(1)]));
const EXTEND_ALL = LuaCommand.fromFile(import.meta.url, './lua/lease-extend-all.lua', 'partaLeaseExtendAll', z.literal(0));

/** A peer's lease handed to the caller to release: the Redis key, and the value it holds while ours. */
export interface HeldLease {
  key: string;
  owner: string;
}

/** Thrown for a queued update of a process that was taken for dead: another process has taken it over. */
export class TakenOverError extends Error {
  override readonly name = 'TakenOverError';
  constructor(readonly key: string) {
    super(`updates of ${key} queued here were taken over by another bot process (this one missed its heartbeat); they run there`);
  }
}

/** How a queued task ended, for the caller's bookkeeping after it (see PeerQueue.run). */
export type TaskOutcome = 'ran' | 'not-started';

export interface PeerQueueOptions {
  /** How long a lease lives without renewal (a crashed process frees the peer after this). */
  leaseMs?: number;
  /** How long to wait for another process before giving up. */
  maxWaitMs?: number;
  /** This process's name in the leases (the update gate's instance id). */
  owner?: string;
}

/** The Redis key of a peer's lease (the update gate frees a dead process's leases by the same name). */
function peerLockKey(prefix: string, peer: string): string {
  return `${prefix}lock:peer:${peer}`;
}

/**
 * Runs the updates of one peer one at a time, in arrival order.
 * Within a process a promise chain keeps order; across processes a Redis lease keeps two processes
 * from working on one peer at once. A process holds a peer's lease while it has updates of that
 * peer queued, so a run of updates costs one acquire and one release; one timer renews all leases.
 */
export class PeerQueue {
  private readonly tails = new Map<string, Promise<void>>();
  /** Peers whose lease this process holds. */
  private readonly held = new Set<string>();
  /** Bumped by `abandon`: tasks queued before it do not run. */
  private epoch = 0;
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  readonly owner: string;
  private renewTimer?: NodeJS.Timeout;
  private readonly scripts: { acquire: BoundLuaCommand<0 | 1>; release: BoundLuaCommand<0 | 1>; extendAll: BoundLuaCommand<0> };

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    options: PeerQueueOptions = {},
  ) {
    this.scripts = {
      acquire: bindLua(redis, ACQUIRE),
      release: bindLua(redis, RELEASE),
      extendAll: bindLua(redis, EXTEND_ALL),
    };
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.owner = options.owner ?? randomUUID();
  }

  /** Number of peers with work queued or running in this process. */
  get activePeers(): number {
    return this.tails.size;
  }

  /** Whether this process has an update of `key` queued or running. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  /**
   * Runs `task` after every earlier task of the same key has finished. `after`, if given, runs as
   * soon as the task settles, with whether it ran at all (not when the lease could not be had, or
   * the process was taken for dead), and is handed the peer's lease when this was the peer's last
   * queued task, to release it in the same Redis call as its own bookkeeping (as the update gate's gate-done.lua does);
   * without `after` the queue releases the lease itself.
   */
  run<T>(key: string, task: () => Promise<T>, after?: (lease: HeldLease | undefined, outcome: TaskOutcome) => Promise<unknown>): Promise<T> {
    const previous = this.tails.get(key);
    const epoch = this.epoch;
    const started = { value: false };
    // Not a named closure: tsx keeps function names, which would cost every update a name set on it.
    const result = previous ? previous.then(() => this.runHeld(key, epoch, started, task)) : this.runHeld(key, epoch, started, task);
    const tail: Promise<void> = result.then(
      () => this.settle(key, tail, started.value, after),
      () => this.settle(key, tail, started.value, after),
    );
    this.tails.set(key, tail);
    return result;
  }

  /** Resolves when every queued task has finished. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  /** Stops renewing leases (at stop; the leases then expire by themselves if not released). */
  close(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /**
   * The lease a caller may take for this process in a Redis call of its own (the update gate does,
   * while recording an update): only for a peer with nothing queued here, else undefined.
   */
  leaseToTake(key: string): (HeldLease & { ttlMs: number }) | undefined {
    if (this.tails.has(key) || this.held.has(key)) return undefined;
    return { key: peerLockKey(this.prefix, key), owner: this.owner, ttlMs: this.leaseMs };
  }

  /** Notes that the caller took the peer's lease for this process (see leaseToTake); the next `run` needs no acquire. */
  leaseTaken(key: string): void {
    this.held.add(key);
    this.startRenewing();
  }

  /**
   * Forgets every lease and every task not yet started: this process was taken for dead (it missed
   * its heartbeat) and another one has taken its updates over. Tasks already running finish.
   */
  abandon(): void {
    this.epoch++;
    this.held.clear();
  }

  private async runHeld<T>(key: string, epoch: number, started: { value: boolean }, task: () => Promise<T>): Promise<T> {
    if (epoch !== this.epoch) throw new TakenOverError(key);
    if (!this.held.has(key)) await this.acquire(key);
    if (epoch !== this.epoch) throw new TakenOverError(key);
    started.value = true;
    return task();
  }

  /**
   * After a task: when it was the peer's last, forget the peer and hand its lease back. The release
   * is sent at once, so it precedes on this connection any later acquire of the same peer.
   */
  private async settle(key: string, tail: Promise<void>, started: boolean, after?: (lease: HeldLease | undefined, outcome: TaskOutcome) => Promise<unknown>): Promise<void> {
    let lease: HeldLease | undefined;
    if (this.tails.get(key) === tail) {
      this.tails.delete(key);
      if (this.held.delete(key)) lease = { key: peerLockKey(this.prefix, key), owner: this.owner };
      if (this.held.size === 0) this.close();
    }
    const done = after ? after(lease, started ? 'ran' : 'not-started') : lease ? this.scripts.release([lease.key], [lease.owner]) : undefined;
    await done?.catch(() => undefined);
  }

  private async acquire(key: string): Promise<void> {
    const lockKey = peerLockKey(this.prefix, key);
    const started = Date.now();
    let delay = 5;
    // A Redis error is waited out like a busy peer, within the same limit.
    while ((await this.scripts.acquire([lockKey], [this.owner, this.leaseMs]).catch(() => 0)) !== 1) {
      if (Date.now() - started > this.maxWaitMs) throw new PeerBusyError(key);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 100);
    }
    this.held.add(key);
    this.startRenewing();
  }

  private startRenewing(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => this.renew(), Math.floor(this.leaseMs / 3));
    this.renewTimer.unref();
  }

  private renew(): void {
    if (this.held.size === 0) return;
    const keys = [...this.held].map((peer) => peerLockKey(this.prefix, peer));
    this.scripts.extendAll(keys, [this.owner, this.leaseMs]).catch(() => undefined);
  }
}
