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

// Marks the event as seen and keeps it in the inbox until handled; 0 for a repeated delivery.
const RECORD = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0`;

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
 * arrival order, and an update left unhandled by a crash is handled on the next start.
 */
export class UpdateGate {
  private readonly seenTtlSeconds = 3 * 24 * 3600;
  private closed = false;

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

  /**
   * Records the update (idempotently) and queues it for handling. Resolves once the update is
   * safely recorded — the moment a webhook may answer `ok` — with false for a repeated delivery.
   */
  async accept(update: VkUpdate): Promise<boolean> {
    if (this.closed) throw new Error('the bot is shutting down; VK will deliver this update again');
    const eventId = update.event_id ?? `${update.type}:${JSON.stringify(update.object).length}:${Date.now()}`;
    const fresh = (await this.redis.eval(RECORD, 2, `${this.prefix}seen:${eventId}`, this.inboxKey, this.seenTtlSeconds, eventId, JSON.stringify(update))) === 1;
    if (!fresh) {
      this.logger.debug({ eventId }, 'repeated delivery skipped');
      return false;
    }
    void this.process(eventId, update);
    return true;
  }

  /** Handles updates that were recorded but not finished before the last stop. */
  async recover(): Promise<number> {
    const pending = await this.redis.hgetall(this.inboxKey);
    for (const [eventId, raw] of Object.entries(pending)) void this.process(eventId, JSON.parse(raw) as VkUpdate);
    return Object.keys(pending).length;
  }

  /** Stops accepting updates; those already accepted still run (see PeerQueue.drain). */
  close(): void {
    this.closed = true;
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
