/**
 * Where a delivery (one message to many, src/runtime/delivery.ts) keeps itself in Redis, one hash a
 * delivery under `<prefix>dl:<id>` (the school's base): what is sent and to whom, frozen in batches when it starts (so a
 * resumed delivery sends the same batches with the same keys), and how each batch fared once sent.
 */
import type { RedisClient } from '../domain/redis-client.js';
import type { Recipient } from '../messenger/ids.js';
import type { MessageRef } from '../messenger/events.js';
import type { Delivery, OutgoingMessage } from '../messenger/messenger.js';
import { z } from 'zod';
import { bindLua, LuaCommand, type BoundLuaCommand } from '../domain/lua.js';

/** A delivery is kept this long after it started: long enough to resume it and to answer a late repeat. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/** Creates the delivery unless it exists (./lua/delivery-create.lua): 1 if created, 0 when it was there. */
const CREATE = LuaCommand.fromFile(import.meta.url, './lua/delivery-create.lua', 'partaDeliveryCreate', z.union([z.literal(0), z.literal(1)]));

/**
 * Reads a stored recipient as this version names it. A delivery an earlier version started (and this
 * one resumes) may name them as the messenger did then (VK: a person by their user id, a number): the
 * messenger's adapter knows how to read those (VK: vkStoredRecipient). By default, as stored.
 */
export type StoredRecipientReader = (stored: Recipient) => Recipient;

const asStored: StoredRecipientReader = (stored) => stored;

/** The two parts of a delivery: what goes at once, and what waits for the end of the quiet hours. */
export type DeliveryPart = 'now' | 'held';

/** Whom a delivery's author is: they get its progress message. */
export interface DeliveryAuthor {
  readonly chat: Recipient;
  readonly locale: string;
}

/** What a delivery is, as it was frozen when it started. */
export interface DeliveryMeta {
  readonly message: OutgoingMessage;
  readonly total: number;
  /** Batches `0 … now-1` go at once, `now … now+held-1` when the quiet hours end. */
  readonly now: number;
  readonly held: number;
  readonly heldUntil?: number | undefined;
  readonly author?: DeliveryAuthor | undefined;
  readonly startedAt: number;
}

/** A delivery as loaded: its batches and what is known of each. */
export interface StoredDelivery {
  readonly id: string;
  readonly meta: DeliveryMeta;
  readonly batches: readonly (readonly Recipient[])[];
  /** How each recipient of a sent batch fared, by batch index. */
  readonly outcomes: ReadonlyMap<number, readonly Delivery[]>;
  readonly progress?: MessageRef | undefined;
  readonly done: ReadonlySet<DeliveryPart>;
}

/** The Redis side of deliveries: create once, load, record a batch, the progress message, a part done. */
export class DeliveryStore {
  private readonly create: BoundLuaCommand<0 | 1>;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly recipientOf: StoredRecipientReader = asStored,
  ) {
    this.create = bindLua(redis, CREATE);
  }

  private key(id: string): string {
    return `${this.prefix}dl:${id}`;
  }

  /** ZSET of the deliveries whose held part goes at `until`, by when each was started. */
  private heldKey(until: number): string {
    return `${this.prefix}dl-held:${until}`;
  }

  /** Puts a delivery's held part in the line of those that go at `until`, in the order they were started (once). */
  async queueHeld(id: string, until: number, startedAt: number): Promise<void> {
    const key = this.heldKey(until);
    await this.redis.multi().zadd(key, 'NX', startedAt, id).pexpire(key, KEEP_MS).exec();
  }

  /** The deliveries in the line of `until` before this one whose held part has not gone yet (kept ones only). */
  async heldBefore(id: string, until: number): Promise<string[]> {
    const key = this.heldKey(until);
    const rank = await this.redis.zrank(key, id);
    if (rank === null || rank === 0) return [];
    const earlier = await this.redis.zrange(key, '0', String(rank - 1));
    const pending = await Promise.all(earlier.map(async (other) => ((await this.redis.hmget(this.key(other), 'meta', 'done:held')) as (string | null)[])));
    return earlier.filter((_, i) => pending[i]?.[0] !== null && pending[i]?.[1] !== '1');
  }

  /** Freezes a delivery's batches; false when it existed already (then the first one's stand). */
  async createOnce(id: string, meta: DeliveryMeta, batches: readonly (readonly Recipient[])[]): Promise<boolean> {
    const fields: string[] = ['meta', JSON.stringify(meta)];
    batches.forEach((batch, index) => fields.push(`b:${index}`, JSON.stringify(batch)));
    if (meta.now === 0) fields.push('done:now', '1');
    if (meta.held === 0) fields.push('done:held', '1');
    return (await this.create([this.key(id)], [KEEP_MS, ...fields])) === 1;
  }

  /** The delivery, or undefined when there is none (never started, or expired). */
  async load(id: string): Promise<StoredDelivery | undefined> {
    const hash = await this.redis.hgetall(this.key(id));
    if (!hash.meta) return undefined;
    const stored = JSON.parse(hash.meta) as DeliveryMeta;
    const meta = stored.author ? { ...stored, author: { ...stored.author, chat: this.recipientOf(stored.author.chat) } } : stored;
    const batches: Recipient[][] = [];
    const outcomes = new Map<number, Delivery[]>();
    for (let index = 0; index < meta.now + meta.held; index++) {
      batches.push((JSON.parse(hash[`b:${index}`] ?? '[]') as Recipient[]).map(this.recipientOf));
      const done = hash[`o:${index}`];
      if (done) outcomes.set(index, (JSON.parse(done) as Delivery[]).map((delivery) => ({ ...delivery, chat: this.recipientOf(delivery.chat) })));
    }
    const done = new Set<DeliveryPart>((['now', 'held'] as const).filter((part) => hash[`done:${part}`] === '1'));
    return { id, meta, batches, outcomes, progress: hash.progress ? (JSON.parse(hash.progress) as MessageRef) : undefined, done };
  }

  /** Records how a batch fared. */
  async saveBatch(id: string, index: number, outcomes: readonly Delivery[]): Promise<void> {
    await this.redis.hset(this.key(id), `o:${index}`, JSON.stringify(outcomes));
  }

  /** Keeps the author's progress message (the first one kept stands). */
  async saveProgress(id: string, ref: MessageRef): Promise<void> {
    await this.redis.hsetnx(this.key(id), 'progress', JSON.stringify(ref));
  }

  /** Marks a part as sent to the end. */
  async markDone(id: string, part: DeliveryPart): Promise<void> {
    await this.redis.hset(this.key(id), `done:${part}`, '1');
  }

  /** Whether a part is sent to the end (false for an unknown delivery). */
  async isDone(id: string, part: DeliveryPart): Promise<boolean> {
    return (await this.redis.hget(this.key(id), `done:${part}`)) === '1';
  }
}
