import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults.js';
import { randomHex } from './state.js';
import type { EventEnvelope } from './types.js';

/** Events kept for a_check; older ones answer `failed:1`. */
const HISTORY_LIMIT = 10_000;
/** Maximum updates per a_check answer. */
const BATCH_LIMIT = 100;

interface Waiter {
  ts: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** Options of {@link LongPoll}. */
export interface LongPollOptions {
  /** Cap on holding an a_check (ms). */
  waitCapMs: number;
  /** `http://127.0.0.1:PORT/lp`, resolved lazily (the port is known after listen). */
  serverUrl: () => string;
  faults: Faults;
}

function sendJson(res: ServerResponse, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Bots Long Poll: a sequenced event log, `a_check` that holds until an event or `wait`, and failed 1/2/3 answers. */
export class LongPoll {
  private readonly options: LongPollOptions;
  private readonly events: { seq: number; envelope: EventEnvelope }[] = [];
  private nextSeq = 1;
  private key = randomHex(20);
  private waiters: Waiter[] = [];
  private closed = false;
  /** Highest seq handed out in an answer, or skipped by a poll asking for a later ts. */
  private takenThrough = 0;
  /** `ts` of each answer with updates whose poller has not asked again yet (the bot may still be reading it). */
  private unread: number[] = [];
  /** Number of a_check requests served, for tests. */
  requests = 0;

  constructor(options: LongPollOptions) {
    this.options = options;
  }

  /** What groups.getLongPollServer returns. */
  serverInfo(): { key: string; server: string; ts: string } {
    return { key: this.key, server: this.options.serverUrl(), ts: String(this.nextSeq) };
  }

  /** Appends an event and wakes the waiting polls. */
  push(envelope: EventEnvelope): void {
    this.events.push({ seq: this.nextSeq++, envelope });
    if (this.events.length > HISTORY_LIMIT) this.events.splice(0, this.events.length - HISTORY_LIMIT);
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      clearTimeout(waiter.timer);
      this.answer(waiter.res, waiter.ts);
    }
  }

  /** Number of a_check requests currently held open. */
  get pendingPolls(): number {
    return this.waiters.length;
  }

  /**
   * Events the poller has not surely taken yet: never handed out (nor skipped), plus answers with updates after which
   * no poll has asked again. vk-io hands a batch to the bot before it polls again, so 0 means the bot has every event.
   * A poll asking for `ts` counts every answer up to `ts` as read, so a poll left held by a stopped bot (and answered
   * later) does not count for ever; with several bots polling at once, the latest poll speaks for all of them.
   */
  get backlog(): number {
    return this.nextSeq - 1 - this.takenThrough + this.unread.length;
  }

  private answer(res: ServerResponse, ts: number): void {
    const updates = this.events.filter((e) => e.seq >= ts).slice(0, BATCH_LIMIT);
    const last = updates[updates.length - 1];
    const nextTs = last ? last.seq + 1 : Math.max(ts, this.nextSeq);
    if (last && !res.writableEnded && !res.destroyed) {
      this.takenThrough = Math.max(this.takenThrough, last.seq);
      this.unread.push(nextTs);
    }
    sendJson(res, { ts: String(nextTs), updates: updates.map((e) => e.envelope) });
  }

  /** A poll asking for `ts` shows that the answers up to `ts` were read, and skips what lies before. */
  private noteAsked(ts: number): void {
    if (Number.isNaN(ts)) return;
    this.takenThrough = Math.max(this.takenThrough, Math.min(ts, this.nextSeq) - 1);
    this.unread = this.unread.filter((nextTs) => nextTs > ts);
  }

  /** Handles `GET /lp?act=a_check&key=K&ts=T&wait=N`. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
    this.requests += 1;
    const q = url.searchParams;
    const tsRaw = q.get('ts') ?? '';
    const ts = /^\d+$/.test(tsRaw) ? Number(tsRaw) : Number.NaN;
    this.noteAsked(ts);
    const fault = this.options.faults.takeLongPollFail();
    if (fault === 1) {
      sendJson(res, { failed: 1, ts: String(this.nextSeq) });
      return;
    }
    if (fault === 2 || fault === 3) {
      this.key = randomHex(20);
      sendJson(res, { failed: fault });
      return;
    }
    if (q.get('key') !== this.key) {
      sendJson(res, { failed: 2 });
      return;
    }
    const oldest = this.events[0]?.seq ?? this.nextSeq;
    if (Number.isNaN(ts) || ts > this.nextSeq || ts < oldest) {
      sendJson(res, { failed: 1, ts: String(this.nextSeq) });
      return;
    }
    if (ts < this.nextSeq || this.closed) {
      this.answer(res, ts);
      return;
    }
    const waitSeconds = Math.min(90, Math.max(0, Number(q.get('wait') ?? '25') || 0));
    const holdMs = Math.min(waitSeconds * 1000, this.options.waitCapMs);
    const waiter: Waiter = {
      ts,
      res,
      timer: setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        this.answer(res, ts);
      }, holdMs),
    };
    this.waiters.push(waiter);
    req.on('close', () => {
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
  }

  /** Answers every held poll with empty updates and stops holding new ones. */
  close(): void {
    this.closed = true;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      clearTimeout(waiter.timer);
      sendJson(waiter.res, { ts: String(this.nextSeq), updates: [] });
    }
  }
}
