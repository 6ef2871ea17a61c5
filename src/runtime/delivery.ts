/**
 * The delivery engine: the one sender of a message to many people (a post's private copies, meeting
 * invitations, chat links). A delivery is started with a deterministic id (from the update or job that
 * starts it), its recipients frozen in Redis in batches of the messenger's size (src/runtime/delivery-store.ts),
 * and run as a scheduled job (kind {@link DELIVERY_JOB}): the job sends the batches not yet recorded, each
 * keyed by the delivery and its index, so that a job resumed after a crash (BullMQ takes a stalled job
 * over) sends nothing twice, and the messenger drops a repeat of a batch whose outcome was lost.
 *
 * Recipients marked `quiet` (students, parents) are held while the quiet hours last, unless the send is
 * urgent: their batches are a second part, run by a job at the end of the quiet time. A send to more than
 * 100 people shows its author one progress message, edited in place. The engine speaks only the
 * messenger port; VK's retries and rate are the adapter's.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../domain/redis-client.js';
import type { Logger } from '../logger.js';
import type { MessageRef } from '../messenger/events.js';
import type { Recipient } from '../messenger/ids.js';
import type { Delivery, Messenger, OutgoingMessage } from '../messenger/messenger.js';
import { DeliveryStore, type StoredRecipientReader, type DeliveryAuthor, type DeliveryMeta, type DeliveryPart, type StoredDelivery } from './delivery-store.js';
import { quietUntil, type QuietHours } from './quiet-hours.js';
import type { Scheduler } from './scheduler.js';

export type { DeliveryAuthor, DeliveryPart } from './delivery-store.js';

/** The job kind that runs a delivery's part (registered by src/features/shared/delivery-job.ts). */
export const DELIVERY_JOB = 'delivery';

/** A send to more than this many people shows its author a progress message. */
export const PROGRESS_FROM = 100;

/** Batches sent at once: as many as one `execute` carries, so that 25 batches cost one request. */
const WAVE = 25;

/** How often a waiting caller looks whether a delivery run by another process has finished. */
const POLL_MS = 100;
/** How long a held part waits for the held parts made before it (see `afterEarlierHeld`). */
const HELD_ORDER_WAIT_MS = 60_000;

/** One person a delivery is for. */
export interface DeliveryRecipient {
  readonly chat: Recipient;
  /** Held during the quiet hours (students and parents); staff are not. */
  readonly quiet?: boolean;
}

/** What a feature asks to deliver. */
export interface DeliveryRequest {
  readonly message: OutgoingMessage;
  readonly recipients: readonly DeliveryRecipient[];
  /** Sent to everyone at once, quiet hours or not. */
  readonly urgent?: boolean;
  /** Gets the progress message of a send to more than {@link PROGRESS_FROM} people. */
  readonly author?: DeliveryAuthor;
}

/** How a delivery went, as far as it has gone. */
export interface DeliveryResult {
  readonly id: string;
  readonly total: number;
  /** How each recipient sent so far fared (not the held ones until they go). */
  readonly outcomes: ReadonlyMap<Recipient, Delivery>;
  readonly delivered: number;
  /** Those the messenger will not deliver to now (they must write to the community first, or allow its messages). */
  readonly refused: readonly Delivery[];
  /** Those not reached for another reason (the messenger failed). */
  readonly failed: number;
  /** Those waiting for the end of the quiet hours, and when that is. */
  readonly held: readonly Recipient[];
  readonly heldUntil?: number | undefined;
}

/** The author's progress texts, in their language. */
export interface DeliveryTexts {
  progress(locale: string, sent: number, total: number): string;
  finished(locale: string, result: DeliveryResult): string;
  /** The author's word when the copies held for the quiet hours have gone: `result` is of those copies alone. */
  heldSent(locale: string, result: DeliveryResult): string;
}

export interface DeliveryEngineOptions {
  redis: RedisClient;
  prefix: string;
  messenger: Messenger;
  scheduler: Scheduler;
  logger: Logger;
  texts: DeliveryTexts;
  quietHours: QuietHours | null;
  timeZone: string;
  /** The clock (ms); tests move it. */
  now?: () => number;
  /** How the messenger's adapter reads a recipient an earlier version stored (VK: vkStoredRecipient); as stored by default. */
  storedRecipient?: StoredRecipientReader;
}

/** The delivery's id for a key: the same key (a repeat of the same update or job) is the same delivery. */
export function deliveryId(key: string): string {
  return createHash('sha256').update(`delivery:${key}`).digest('hex').slice(0, 24);
}

/** The job id of a delivery's part. */
const jobIdOf = (id: string, part: DeliveryPart): string => `dl-${id}${part === 'held' ? '-held' : ''}`;

/** Splits a list into runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What features ask of the engine (app.deliveries). */
export interface Deliveries {
  /** The same engine for one update or job: a delivery started without a key is keyed by the next of `nextKey`. */
  keyedBy(nextKey: () => string): Deliveries;
  /** When the quiet hours under way at `at` (now by default) end (students and parents would get a send then); undefined outside them. */
  quietUntil(at?: number): number | undefined;
  /** Starts a delivery (once per key) and resolves when its part that goes now is sent, with how it went. */
  deliver(request: DeliveryRequest, key?: string): Promise<DeliveryResult>;
  /** How a delivery went so far, undefined when it is not known (never started, or no longer kept: a week after it started). */
  result(id: string): Promise<DeliveryResult | undefined>;
  /** Sends the batches of a part not sent yet (the job's work); `final`: the job's last try, a failing batch is recorded as failed. */
  run(id: string, part: DeliveryPart, final: boolean): Promise<void>;
}

/** The engine on Redis, the messenger port and the scheduler. */
export class DeliveryEngine implements Deliveries {
  private readonly store: DeliveryStore;
  private readonly now: () => number;
  /** Callers of this process waiting for a delivery's part that goes now. */
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    private readonly options: DeliveryEngineOptions,
    private readonly nextKey?: () => string,
    shared?: { store: DeliveryStore; waiting: Map<string, Set<() => void>> },
  ) {
    this.store = shared?.store ?? new DeliveryStore(options.redis, options.prefix, options.storedRecipient);
    if (shared) this.waiting = shared.waiting;
    this.now = options.now ?? Date.now;
  }

  keyedBy(nextKey: () => string): Deliveries {
    return new DeliveryEngine(this.options, nextKey, { store: this.store, waiting: this.waiting });
  }

  quietUntil(at?: number): number | undefined {
    return quietUntil(this.options.quietHours, this.options.timeZone, at ?? this.now());
  }

  async deliver(request: DeliveryRequest, key?: string): Promise<DeliveryResult> {
    const id = deliveryId(key ?? this.nextKey?.() ?? randomBytes(12).toString('hex'));
    const stored = await this.start(id, request);
    if (!stored.done.has('now')) await this.waitFor(id, stored.batches.length);
    const final = await this.store.load(id);
    return resultOf(final ?? stored);
  }

  /** Freezes the delivery (unless a first run did) and schedules its parts; returns it as stored. */
  private async start(id: string, request: DeliveryRequest): Promise<StoredDelivery> {
    const existing = await this.store.load(id);
    if (existing) {
      // A repeat after a crash: the first run's batches stand; its jobs are scheduled again in case they were not.
      await this.schedule(existing);
      return existing;
    }
    const seen = new Set<Recipient>();
    const recipients = request.recipients.filter((r) => !seen.has(r.chat) && seen.add(r.chat));
    const heldUntil = request.urgent ? undefined : quietUntil(this.options.quietHours, this.options.timeZone, this.now());
    const holds = (r: DeliveryRecipient) => heldUntil !== undefined && r.quiet === true;
    const size = this.options.messenger.batchSize;
    const nowBatches = chunks(recipients.filter((r) => !holds(r)).map((r) => r.chat), size);
    const heldBatches = chunks(recipients.filter(holds).map((r) => r.chat), size);
    const meta: DeliveryMeta = {
      message: request.message,
      total: recipients.length,
      now: nowBatches.length,
      held: heldBatches.length,
      heldUntil: heldBatches.length > 0 ? heldUntil : undefined,
      author: request.author,
      startedAt: this.now(),
    };
    await this.store.createOnce(id, meta, [...nowBatches, ...heldBatches]);
    const stored = (await this.store.load(id))!;
    this.options.logger.info({ delivery: id, total: meta.total, batches: meta.now, heldBatches: meta.held, heldUntil: meta.heldUntil }, 'delivery started');
    await this.schedule(stored);
    return stored;
  }

  private async schedule(stored: StoredDelivery): Promise<void> {
    const { meta, id } = stored;
    if (!stored.done.has('now')) await this.options.scheduler.schedule(jobIdOf(id, 'now'), DELIVERY_JOB, meta.startedAt, { id, part: 'now' });
    if (!stored.done.has('held') && meta.heldUntil !== undefined) {
      await this.store.queueHeld(id, meta.heldUntil, meta.startedAt);
      await this.options.scheduler.schedule(jobIdOf(id, 'held'), DELIVERY_JOB, meta.heldUntil, { id, part: 'held' });
    }
  }

  /**
   * Held parts that go at the same morning go in the order their sends were made (an announcement before
   * the notice that it moved): this one waits for those before it, at most {@link HELD_ORDER_WAIT_MS}, so a
   * stuck one delays the others but never holds them back for good.
   */
  private async afterEarlierHeld(id: string, until: number): Promise<void> {
    const deadline = Date.now() + HELD_ORDER_WAIT_MS;
    for (;;) {
      const earlier = await this.store.heldBefore(id, until);
      if (earlier.length === 0) return;
      if (Date.now() > deadline) {
        this.options.logger.warn({ delivery: id, waitingFor: earlier.length }, 'held part goes before earlier ones that are still sending');
        return;
      }
      await sleep(POLL_MS);
    }
  }

  /** Waits until the part that goes now is sent: told at once when this process ran it, else found by looking. */
  private async waitFor(id: string, batches: number): Promise<void> {
    const deadline = Date.now() + 60_000 + batches * 2000;
    let wake: () => void = () => undefined;
    const listeners = this.waiting.get(id) ?? new Set<() => void>();
    this.waiting.set(id, listeners);
    try {
      while (!(await this.store.isDone(id, 'now'))) {
        if (Date.now() > deadline) {
          this.options.logger.warn({ delivery: id }, 'delivery still running; reporting what is sent so far');
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          listeners.add(resolve);
          void sleep(POLL_MS).then(() => resolve());
        });
        listeners.delete(wake);
      }
    } finally {
      if (listeners.size === 0) this.waiting.delete(id);
    }
  }

  async result(id: string): Promise<DeliveryResult | undefined> {
    const stored = await this.store.load(id);
    return stored && resultOf(stored);
  }

  async run(id: string, part: DeliveryPart, final: boolean): Promise<void> {
    const stored = await this.store.load(id);
    if (!stored || stored.done.has(part)) return;
    const { meta } = stored;
    const indexes = part === 'now' ? range(0, meta.now) : range(meta.now, meta.now + meta.held);
    if (part === 'held' && meta.heldUntil !== undefined) await this.afterEarlierHeld(id, meta.heldUntil);
    const outcomes = new Map(stored.outcomes);
    const progress = part === 'now' ? await this.progressMessage(stored) : undefined;
    for (const wave of chunks(indexes.filter((index) => !outcomes.has(index)), WAVE)) {
      await Promise.all(
        wave.map(async (index) => {
          const batch = stored.batches[index] ?? [];
          let sent: Delivery[];
          try {
            sent = await this.options.messenger.sendBatch(batch, meta.message, `dl:${id}:${index}`);
          } catch (error) {
            // Retried by the job (its next try resends this batch with the same key); on its last try, recorded as failed.
            if (!final) throw error;
            this.options.logger.error({ delivery: id, batch: index, err: error instanceof Error ? error.name : 'unknown' }, 'delivery batch failed for good');
            sent = batch.map((chat) => ({ chat, ok: false, unreachable: false }));
          }
          outcomes.set(index, sent);
          await this.store.saveBatch(id, index, sent);
        }),
      );
      if (progress && meta.author) await this.edit(progress, this.options.texts.progress(meta.author.locale, sentCount(outcomes, indexes), countOf(stored.batches, indexes)));
    }
    const result = resultOf({ ...stored, outcomes, done: new Set([...stored.done, part]) });
    // The author's last words go before the part is marked done: a crash in between sends them again
    // on the job's next try, with the same keys (one message), instead of never.
    if (progress && meta.author) await this.edit(progress, this.options.texts.finished(meta.author.locale, result));
    if (part === 'held' && meta.author) await this.reportHeld(stored, outcomes, indexes);
    await this.store.markDone(id, part);
    this.options.logger.info({ delivery: id, part, delivered: result.delivered, refused: result.refused.length, failed: result.failed }, 'delivery part sent');
    for (const wake of this.waiting.get(id) ?? []) wake();
  }

  /** Tells the author, once, how the copies held for the quiet hours fared when they went. */
  private async reportHeld(stored: StoredDelivery, outcomes: ReadonlyMap<number, readonly Delivery[]>, indexes: readonly number[]): Promise<void> {
    const { meta, id } = stored;
    if (!meta.author) return;
    const heldOutcomes = new Map([...outcomes].filter(([index]) => indexes.includes(index)));
    const result = { ...resultOf({ ...stored, outcomes: heldOutcomes, done: new Set<DeliveryPart>(['now', 'held']) }), total: countOf(stored.batches, indexes) };
    await this.options.messenger.send(meta.author.chat, { text: this.options.texts.heldSent(meta.author.locale, result) }, `dl:${id}:held-report`).catch((error: unknown) => {
      this.options.logger.warn({ delivery: id, err: error instanceof Error ? error.name : 'unknown' }, 'delivery morning report not sent');
    });
  }

  /** The author's progress message of a send to more than {@link PROGRESS_FROM} people: sent once, then edited. */
  private async progressMessage(stored: StoredDelivery): Promise<MessageRef | undefined> {
    const { meta, id } = stored;
    if (!meta.author || meta.total <= PROGRESS_FROM || meta.now === 0) return undefined;
    if (stored.progress) return stored.progress;
    const indexes = range(0, meta.now);
    const text = this.options.texts.progress(meta.author.locale, sentCount(stored.outcomes, indexes), countOf(stored.batches, indexes));
    try {
      const ref = await this.options.messenger.send(meta.author.chat, { text }, `dl:${id}:progress`);
      await this.store.saveProgress(id, ref);
      return ref;
    } catch (error) {
      this.options.logger.warn({ delivery: id, err: error instanceof Error ? error.name : 'unknown' }, 'delivery progress message not sent');
      return undefined;
    }
  }

  private async edit(ref: MessageRef, text: string): Promise<void> {
    await this.options.messenger.edit(ref, { text }).catch((error: unknown) => {
      this.options.logger.warn({ chat: ref.chat, err: error instanceof Error ? error.name : 'unknown' }, 'delivery progress not updated');
    });
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** How many recipients of these batches have an outcome. */
const sentCount = (outcomes: ReadonlyMap<number, readonly Delivery[]>, indexes: readonly number[]): number => indexes.reduce((sum, index) => sum + (outcomes.get(index)?.length ?? 0), 0);

/** How many recipients these batches have. */
const countOf = (batches: readonly (readonly Recipient[])[], indexes: readonly number[]): number => indexes.reduce((sum, index) => sum + (batches[index]?.length ?? 0), 0);

/** A stored delivery as its result. */
function resultOf(stored: StoredDelivery): DeliveryResult {
  const { meta } = stored;
  const outcomes = new Map<Recipient, Delivery>();
  for (const sent of stored.outcomes.values()) for (const delivery of sent) outcomes.set(delivery.chat, delivery);
  const all = [...outcomes.values()];
  const held = stored.done.has('held') ? [] : range(meta.now, meta.now + meta.held).flatMap((index) => (stored.outcomes.has(index) ? [] : (stored.batches[index] ?? [])));
  return {
    id: stored.id,
    total: meta.total,
    outcomes,
    delivered: all.filter((d) => d.ok).length,
    refused: all.filter((d) => !d.ok && d.unreachable),
    failed: all.filter((d) => !d.ok && !d.unreachable).length,
    held,
    heldUntil: held.length > 0 ? meta.heldUntil : undefined,
  };
}
