import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../domain/redis-client.js';
import type { Logger } from '../logger.js';
import { PeerBusyError, TakenOverError, type HeldLease, type PeerQueue, type TaskOutcome } from './peer-queue.js';
import { z } from 'zod';
import { bindLua, LuaCommand, readLua, type BoundLuaCommand } from '../domain/lua.js';
import { isStoreOutage } from './store-outage.js';
import { updateScope, type UpdateScope } from './update-scope.js';

/**
 * An update as the messenger's adapter hands it to the gate: its type, its body, and its delivery
 * id (a repeated delivery has the same one). VK's Callback API and long poll deliver this shape as it
 * is (src/vk/update-envelope.ts); another messenger's adapter would wrap its updates in it.
 */
export interface InboxUpdate {
  type: string;
  object: Record<string, unknown>;
  event_id?: string;
}

/** The peer whose updates must run in order (a chat or a private dialog), as the adapter reads it from an update. */
export type PeerOf = (update: InboxUpdate) => string;

/** What the gate is told besides its Redis and queue. */
export interface UpdateGateOptions {
  /** The messenger's peer of an update (VK: vkPeerOf). */
  peerOf: PeerOf;
  /** The update types the bot handles; others (message_allow, typing…) are acknowledged and not recorded. All when omitted. */
  types?: ReadonlySet<string>;
  /** The read made in the call that records an update (the caller, see src/runtime/caller.ts). */
  preload?: UpdatePreload;
}

/*
 * The inbox is two hashes keyed by event id: `inbox` holds `<seq>:<update JSON>` (seq keeps the
 * arrival order for a takeover), `inbox:owner` holds `<instance id>|<peer>` (who handles it, and
 * whose lease to free when that process is gone). `instances` lists the processes that may own
 * entries; each keeps `instance:<id>` alive with a heartbeat.
 */

/** The gate's scripts, one file each in ./lua/ (what each takes and replies, its first lines). */
const RECORD_LUA = readLua(import.meta.url, './lua/gate-record.lua');
const recordReply = z.union([z.literal(0), z.literal(1), z.literal(2), z.tuple([z.literal(2), z.unknown()])]);
const DONE = LuaCommand.fromFile(import.meta.url, './lua/gate-done.lua', 'partaGateDone', z.literal(0));
const BEAT = LuaCommand.fromFile(import.meta.url, './lua/gate-beat.lua', 'partaGateBeat', z.union([z.literal(0), z.literal(1)]));
const TAKE_ORPHANS = LuaCommand.fromFile(import.meta.url, './lua/gate-take-orphans.lua', 'partaGateTakeOrphans', z.array(z.string()));
const RECORD = new LuaCommand('partaGateRecord', `local PRELOAD = false\n${RECORD_LUA}`, recordReply);

/** The record script with a preload's read in front of it, as gate-record.lua's PRELOAD. */
function recordPreloading(preload: UpdatePreload): LuaCommand<z.infer<typeof recordReply>> {
  return new LuaCommand('partaGateRecordPreloading', `local PRELOAD = function(PK, PA)\n${preload.lua}\nend\n${RECORD_LUA}`, recordReply);
}

/**
 * A read the gate makes in the same Redis call that records an update, when it takes the update's
 * peer then (nothing of that peer is queued): the handler starts with what it needs, with no call of
 * its own. Its Lua sees its keys as PK and its arguments as PA, and returns one value.
 */
export interface UpdatePreload {
  /** The read's Lua: the body of a function of (PK, PA) (src/runtime/lua/caller-read.lua). */
  readonly lua: string;
  /** What to read for this update (`id` names the read, for the handler to check it is its own); undefined for none. */
  for(update: InboxUpdate): { id: string; keys: string[]; args: (string | number)[] } | undefined;
}

/** How often a process renews its heartbeat, and how long the heartbeat lives without renewal. */
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TTL_MS = 7_000;
/** How often every process looks for updates a dead process left behind. */
const ORPHAN_SCAN_MS = 2_000;
/** How long a handled update's removal from the inbox is retried, and how soon an update whose peer could not be had runs again. */
const DONE_RETRIES = 5;
const RETRY_LATER_MS = 5_000;
/** Every this many sweeps, a full one also reads entries whose owner is not registered at all. */
const FULL_SWEEP_EVERY = 15;

/** Thrown for an update that arrives while the bot stops; the Callback API answers 503 and VK delivers it again. */
export class GateClosedError extends Error {
  override readonly name = 'GateClosedError';
  constructor() {
    super('the bot is shutting down and takes no new updates; VK delivers this one again to the next process');
  }
}

/** Leaves an update in the inbox as a process that accepted it and then died would (tests simulate a crash with it). */
export async function leaveInInbox(redis: RedisClient, prefix: string, update: InboxUpdate & { event_id: string }, owner: string, peer: string): Promise<void> {
  await redis.multi().hset(`${prefix}inbox`, update.event_id, `0:${JSON.stringify(update)}`).hset(`${prefix}inbox:owner`, update.event_id, `${owner}|${peer}`).exec();
}

/**
 * Where every update enters: a delivery VK repeats (same event_id) is handled once, the event is
 * recorded in a Redis inbox before it is acknowledged, updates of one peer run one at a time in
 * arrival order, and an update whose process died before handling it is taken over by a live one
 * within seconds: every process keeps a heartbeat and looks for orphans every two seconds.
 */
export class UpdateGate {
  private readonly seenTtlSeconds = 3 * 24 * 3600;
  /** This process's id in the inbox (also the owner of its peer leases). */
  readonly instanceId: string;
  private closed = false;
  private heartbeat?: NodeJS.Timeout;
  private sweeper?: NodeJS.Timeout;
  private sweeping = false;
  private readonly record: BoundLuaCommand<z.infer<typeof recordReply>>;
  private readonly finish: BoundLuaCommand<0>;
  private readonly takeOrphans: BoundLuaCommand<string[]>;
  private readonly pulse: BoundLuaCommand<0 | 1>;
  /** Since when every heartbeat has gone through (undefined after a failed one): sweeps wait until others had time to beat too. */
  private beatingSince?: number;
  private beats = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly queue: PeerQueue,
    private readonly handle: (update: InboxUpdate, scope: UpdateScope) => Promise<void>,
    private readonly logger: Logger,
    private readonly options: UpdateGateOptions,
  ) {
    const { preload } = options;
    this.instanceId = queue.owner;
    this.record = bindLua(redis, preload ? recordPreloading(preload) : RECORD);
    this.finish = bindLua(redis, DONE);
    this.takeOrphans = bindLua(redis, TAKE_ORPHANS);
    this.pulse = bindLua(redis, BEAT);
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Starts this process's heartbeat and orphan sweeps, then takes over what dead processes left unhandled. */
  async open(): Promise<number> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    let sweeps = 0;
    this.sweeper = setInterval(() => void this.sweep(++sweeps % FULL_SWEEP_EVERY === 0), ORPHAN_SCAN_MS);
    this.sweeper.unref();
    return this.recover(true);
  }

  /**
   * Records the update (idempotently) and queues it for handling. Resolves once the update is
   * safely recorded — the moment a webhook may answer `ok` — with false for a repeated delivery
   * or a type the bot does not handle.
   */
  async accept(update: InboxUpdate): Promise<boolean> {
    if (this.closed) throw new GateClosedError();
    if (this.options.types && !this.options.types.has(update.type)) return false;
    const eventId = update.event_id ?? `${update.type}:${randomUUID()}`;
    const peer = this.options.peerOf(update);
    const lease = this.queue.leaseToTake(peer);
    const keys = [this.key(`seen:${eventId}`), this.key('inbox'), this.key('inbox:owner'), this.key('inbox:seq')];
    const args: (string | number)[] = [this.seenTtlSeconds, eventId, JSON.stringify(update), `${this.instanceId}|${peer}`];
    const read = lease ? this.options.preload?.for(update) : undefined;
    if (lease) {
      keys.push(lease.key, ...(read?.keys ?? []));
      args.push(lease.owner, lease.ttlMs, read ? '1' : '0', ...(read?.args ?? []));
    }
    const recorded = await this.record(keys, args);
    if (recorded === 0) {
      this.logger.debug({ eventId }, 'repeated delivery skipped');
      return false;
    }
    // What was read ahead holds only if this update runs next for its peer: not when an update of the
    // same peer recorded a moment earlier (without the lease, which was freed in between) is queued first.
    const fresh = Array.isArray(recorded) && read && !this.queue.busy(peer);
    if (recorded !== 1) this.queue.leaseTaken(peer);
    void this.process(eventId, update, fresh ? { id: read.id, reply: recorded[1] } : undefined);
    return true;
  }

  /**
   * Takes over and handles inbox entries whose owner process is gone (crashed, or stopped mid-way),
   * in the order they first arrived. `full` also checks owners that never registered.
   */
  async recover(full = true): Promise<number> {
    const keys = [this.key('inbox'), this.key('inbox:owner'), this.key('instances')];
    const flat = await this.takeOrphans(keys, [this.prefix, this.instanceId, full ? '1' : '0']);
    const taken: { seq: number; eventId: string; update: InboxUpdate }[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const raw = flat[i + 1]!;
      const colon = raw.indexOf(':');
      try {
        taken.push({ seq: Number(raw.slice(0, colon)), eventId: flat[i]!, update: JSON.parse(raw.slice(colon + 1)) as InboxUpdate });
      } catch {
        this.logger.error({ eventId: flat[i] }, 'unreadable inbox entry dropped');
        await this.done(flat[i]!, '*');
      }
    }
    taken.sort((a, b) => a.seq - b.seq);
    for (const { eventId, update } of taken) void this.process(eventId, update);
    if (taken.length > 0) this.logger.info({ taken: taken.length }, 'took over updates left by a process that is gone');
    return taken.length;
  }

  /** Stops accepting updates; those already accepted still run (see PeerQueue.drain). */
  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
  }

  /** Ends the heartbeat, so that other processes may take over what this one leaves unhandled. */
  async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
    this.queue.close();
    await this.redis.del(this.key(`instance:${this.instanceId}`)).catch(() => undefined);
  }

  private async sweep(full: boolean): Promise<void> {
    // After this process's own heartbeats failed (Redis away), the others' did too: give them a
    // heartbeat's lifetime to beat again before taking anyone for dead.
    if (this.beatingSince === undefined || Date.now() - this.beatingSince < HEARTBEAT_TTL_MS) return;
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      await this.recover(full);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'orphan sweep failed; retrying');
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * Renews the heartbeat. A process that finds it was taken for dead (its heartbeat expired: a stalled
   * event loop, Redis away) drops the updates it had queued, which another process has taken over.
   */
  private async beat(): Promise<void> {
    try {
      const registered = await this.pulse([this.key(`instance:${this.instanceId}`), this.key('instances')], [this.instanceId, HEARTBEAT_TTL_MS]);
      this.beatingSince ??= Date.now();
      if (registered === 0 && this.beats > 0) {
        this.logger.warn({ instance: this.instanceId }, 'this process was taken for dead; its queued updates run in another process');
        this.queue.abandon();
      }
      this.beats++;
    } catch {
      this.beatingSince = undefined;
    }
  }

  /** Runs an update in its peer's turn; `preloaded` is what the gate read for it while recording it (first runs only: a later one reads afresh). */
  private async process(eventId: string, update: InboxUpdate, preloaded?: UpdateScope['preloaded']): Promise<void> {
    let peer: string;
    try {
      peer = this.options.peerOf(update);
    } catch {
      this.logger.error({ eventId }, 'unreadable inbox entry dropped');
      await this.done(eventId, '*').catch(() => undefined);
      return;
    }
    // The closures are passed as they are made: a named one would cost every update a name set on it (tsx keeps names).
    await this.queue
      .run(
        peer,
        () => this.handle(update, updateScope(eventId, preloaded)),
        (lease, outcome) => this.afterRun(eventId, peer, lease, outcome),
      )
      .catch((error: unknown) => {
        if (error instanceof TakenOverError) return;
        this.logger.error({ eventId, type: update.type, err: error instanceof Error ? error.name : String(error) }, 'update failed');
        if (error instanceof PeerBusyError || isStoreOutage(error, this.redis)) this.retryLater(eventId, update);
      });
  }

  /** After an update's run: out of the inbox when it ran, with the peer's lease when it was the peer's last. */
  private afterRun(eventId: string, peer: string, lease: HeldLease | undefined, outcome: TaskOutcome): Promise<unknown> {
    if (outcome === 'ran') return this.done(eventId, peer, lease);
    // Not run: the peer could not be had (another process kept it, Redis away) or this process was
    // taken for dead. The entry stays in the inbox; in the first case it runs here again later.
    return lease ? this.done(eventId, peer, lease, false) : Promise.resolve(undefined);
  }

  private retryLater(eventId: string, update: InboxUpdate): void {
    if (this.closed) return;
    setTimeout(() => void this.process(eventId, update), RETRY_LATER_MS).unref();
  }

  /**
   * Takes a handled update out of the inbox (if it is still this process's; any owner's for `peer`
   * '*', an unreadable entry), releasing the peer's lease with it when given; retried, since an
   * entry left behind would run again after a takeover.
   */
  private async done(eventId: string, peer: string, lease?: HeldLease, remove = true): Promise<unknown> {
    const keys = [this.key('inbox'), this.key('inbox:owner'), ...(lease ? [lease.key] : [])];
    const owner = peer === '*' ? '*' : `${this.instanceId}|${peer}`;
    const args = [eventId, lease?.owner ?? '', remove ? owner : ''];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.finish(keys, args);
      } catch (error) {
        if (attempt >= DONE_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
