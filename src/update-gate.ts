import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import type { PeerQueue } from './peer-queue.js';
import { runInUpdateScope } from './update-scope.js';

/** A VK update in the Callback API envelope (long poll delivers the same shape). */
export interface VkUpdate {
  type: string;
  object: Record<string, unknown>;
  group_id?: number;
  event_id?: string;
  v?: string;
}

/** An inbox entry: the update and the bot process that owns it until it is handled. */
interface InboxEntry {
  owner: string;
  update: VkUpdate;
}

// Marks the event as seen and keeps it in the inbox until handled; 0 for a repeated delivery.
const RECORD = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

// Takes over an inbox entry whose owner is gone; 0 if another process took it first or it is done.
const TAKE_OVER = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local entry = cjson.decode(raw)
if entry.owner ~= ARGV[2] then return 0 end
entry.owner = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(entry))
return 1`;

const HEARTBEAT_MS = 3_000;
const HEARTBEAT_TTL_MS = 10_000;

/** Thrown for an update that arrives while the bot stops; the Callback API answers 503 and VK delivers it again. */
export class GateClosedError extends Error {
  override readonly name = 'GateClosedError';
  constructor() {
    super('the bot is shutting down and takes no new updates; VK delivers this one again to the next process');
  }
}

/** The peer whose updates must run in order: the chat or dialog the update belongs to. */
export function peerOf(update: VkUpdate): string {
  const object = update.object ?? {};
  const message = (object.message ?? (update.type.startsWith('message_') ? object : undefined)) as Record<string, unknown> | undefined;
  const peer = message?.peer_id ?? object.peer_id ?? object.user_id;
  return peer === undefined ? 'group' : String(peer);
}

/**
 * Where every update enters: a delivery VK repeats (same event_id) is handled once, the event is
 * recorded in a Redis inbox before it is acknowledged, updates of one peer run one at a time in
 * arrival order, and an update whose process died before handling it is taken over by a live one.
 * Each process keeps a heartbeat key; an inbox entry whose owner has no heartbeat is orphaned.
 */
export class UpdateGate {
  private readonly seenTtlSeconds = 3 * 24 * 3600;
  /** This process's id in the inbox. */
  readonly instanceId = randomUUID();
  private closed = false;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: PeerQueue,
    private readonly handle: (update: VkUpdate) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  private get inboxKey(): string {
    return `${this.prefix}inbox`;
  }

  private aliveKey(instanceId: string): string {
    return `${this.prefix}instance:${instanceId}`;
  }

  /** Starts this process's heartbeat, then takes over the updates that dead processes left unhandled. */
  async open(): Promise<number> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), HEARTBEAT_MS);
    this.heartbeat.unref();
    return this.recover();
  }

  /**
   * Records the update (idempotently) and queues it for handling. Resolves once the update is
   * safely recorded — the moment a webhook may answer `ok` — with false for a repeated delivery.
   */
  async accept(update: VkUpdate): Promise<boolean> {
    if (this.closed) throw new GateClosedError();
    const eventId = update.event_id ?? `${update.type}:${randomUUID()}`;
    const entry: InboxEntry = { owner: this.instanceId, update };
    const fresh = (await this.redis.eval(RECORD, 2, `${this.prefix}seen:${eventId}`, this.inboxKey, this.seenTtlSeconds, eventId, JSON.stringify(entry))) === 1;
    if (!fresh) {
      this.logger.debug({ eventId }, 'repeated delivery skipped');
      return false;
    }
    void this.process(eventId, update);
    return true;
  }

  /** Takes over and handles inbox entries whose owner process is gone (crashed or stopped mid-way). */
  async recover(): Promise<number> {
    let taken = 0;
    for (const [eventId, raw] of Object.entries(await this.redis.hgetall(this.inboxKey))) {
      const entry = JSON.parse(raw) as InboxEntry;
      if (entry.owner === this.instanceId || (await this.redis.exists(this.aliveKey(entry.owner))) === 1) continue;
      if ((await this.redis.eval(TAKE_OVER, 1, this.inboxKey, eventId, entry.owner, this.instanceId)) !== 1) continue;
      taken++;
      void this.process(eventId, entry.update);
    }
    return taken;
  }

  /** Stops accepting updates; those already accepted still run (see PeerQueue.drain). */
  close(): void {
    this.closed = true;
  }

  /** Ends the heartbeat, so that other processes may take over what this one leaves unhandled. */
  async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.redis.del(this.aliveKey(this.instanceId)).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.redis.set(this.aliveKey(this.instanceId), '1', 'PX', HEARTBEAT_TTL_MS);
  }

  private async process(eventId: string, update: VkUpdate): Promise<void> {
    try {
      await this.queue.run(peerOf(update), () => runInUpdateScope({ eventId, sends: 0 }, () => this.handle(update)));
    } catch (error) {
      this.logger.error({ eventId, type: update.type, err: error instanceof Error ? error.name : String(error) }, 'update failed');
    } finally {
      await this.redis.hdel(this.inboxKey, eventId).catch(() => undefined);
    }
  }
}
