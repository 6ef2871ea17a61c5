import http from 'node:http';
import https from 'node:https';
import { WebhookConfirmationError } from './errors.js';
import type { Faults } from './faults.js';
import { randomHex } from './state.js';
import type { EventEnvelope } from './types.js';

/** Settings of the Callback API server (one per emulator). */
export interface WebhookConfig {
  url: string;
  secret?: string;
  /** The string the bot must answer to `confirmation`; a random one if omitted (read it from `confirmationCode`). */
  confirmationCode?: string;
}

/** One POST to the bot and what came back. */
export interface DeliveryAttempt {
  eventId: string;
  type: string;
  /** 0 for the first try, n for the n-th retry (sent as `X-Retry-Counter: n`). */
  retry: number;
  status: number | undefined;
  body: string;
  ok: boolean;
  error: string | undefined;
  at: number;
}

/** Options of {@link CallbackDelivery}. */
export interface CallbackOptions {
  groupId: number;
  retryDelayMs: number;
  maxRetries: number;
  timeoutMs: number;
  faults: Faults;
}

interface HttpAnswer {
  status: number;
  body: string;
}

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          connection: 'close',
          ...headers,
        },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Callback API push delivery: confirmation first, then each event as JSON (with `secret`), expecting HTTP 200 and the
 * body exactly `ok`; a failed delivery is retried with the same event_id and `X-Retry-Counter`. Events are delivered
 * one at a time in order; `duplicateNext`/`reorderNext` faults alter that.
 */
export class CallbackDelivery {
  private readonly options: CallbackOptions;
  private config: (WebhookConfig & { confirmationCode: string }) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private held: EventEnvelope[] = [];
  private holdCount = 0;
  private stopped = false;
  private scheduled = 0;
  /** Every POST made to the bot (confirmation included, type `confirmation`). */
  readonly attempts: DeliveryAttempt[] = [];
  /** event_ids that were never acknowledged with `ok` after all retries. */
  readonly failedEvents: string[] = [];

  constructor(options: CallbackOptions) {
    this.options = options;
  }

  /** True once a server was confirmed. */
  get active(): boolean {
    return this.config !== undefined;
  }

  /** The confirmation code in use. */
  get confirmationCode(): string | undefined {
    return this.config?.confirmationCode;
  }

  /** Confirms the server (POST `{type:'confirmation', group_id, secret}`, body must equal the code), then activates it. */
  async setWebhook(config: WebhookConfig): Promise<void> {
    const confirmationCode = config.confirmationCode ?? randomHex(4);
    const body: Record<string, unknown> = { type: 'confirmation', group_id: this.options.groupId };
    if (config.secret !== undefined) body.secret = config.secret;
    const answer = await this.send(config.url, JSON.stringify(body), {}, 'confirmation', 'confirmation', 0);
    if (!answer || answer.status !== 200 || answer.body !== confirmationCode) {
      throw new WebhookConfirmationError(confirmationCode, answer?.body ?? '', answer?.status ?? 0);
    }
    this.config = { ...config, confirmationCode };
  }

  /** Stops delivering (events stay available through long poll). */
  removeWebhook(): void {
    this.config = undefined;
  }

  /** Queues an event for delivery (no-op while no server is confirmed). */
  enqueue(envelope: EventEnvelope): void {
    if (!this.config || this.stopped) return;
    if (this.holdCount === 0) {
      const n = this.options.faults.takeReorder();
      if (n > 1) this.holdCount = n;
    }
    if (this.holdCount > 0) {
      this.held.push(envelope);
      if (this.held.length < this.holdCount) return;
      const batch = this.held.reverse();
      this.held = [];
      this.holdCount = 0;
      for (const e of batch) this.schedule(e);
      return;
    }
    this.schedule(envelope);
  }

  private schedule(envelope: EventEnvelope): void {
    const duplicate = this.options.faults.takeDuplicate();
    this.scheduled += 1;
    this.queue = this.queue.then(async () => {
      try {
        await this.deliver(envelope);
        if (duplicate) await this.deliver(envelope);
      } finally {
        this.scheduled -= 1;
      }
    });
  }

  /** Events not yet answered `ok` (or given up): queued, being delivered or retried, or held by a reorder fault. */
  get pending(): number {
    return this.scheduled + this.held.length;
  }

  /** Resolves when every queued event was delivered or gave up. */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  /** Stops delivering and waits for in-flight deliveries. */
  async close(): Promise<void> {
    this.stopped = true;
    this.held = [];
    await this.idle();
  }

  private async deliver(envelope: EventEnvelope): Promise<void> {
    const config = this.config;
    if (!config) return;
    const payload: Record<string, unknown> = { ...envelope };
    if (config.secret !== undefined) payload.secret = config.secret;
    const body = JSON.stringify(payload);
    for (let retry = 0; retry <= this.options.maxRetries; retry += 1) {
      if (this.stopped && retry > 0) break;
      if (retry > 0) await sleep(this.options.retryDelayMs * retry);
      if (this.stopped && retry > 0) break;
      const headers: Record<string, string> = retry > 0 ? { 'X-Retry-Counter': String(retry) } : {};
      const answer = await this.send(config.url, body, headers, envelope.event_id, envelope.type, retry);
      if (answer && answer.status === 200 && answer.body === 'ok') return;
    }
    this.failedEvents.push(envelope.event_id);
  }

  private async send(
    url: string,
    body: string,
    headers: Record<string, string>,
    eventId: string,
    type: string,
    retry: number,
  ): Promise<HttpAnswer | undefined> {
    try {
      const answer = await post(url, body, headers, this.options.timeoutMs);
      this.attempts.push({
        eventId,
        type,
        retry,
        status: answer.status,
        body: answer.body,
        ok: answer.status === 200 && answer.body === 'ok',
        error: undefined,
        at: Date.now(),
      });
      return answer;
    } catch (error) {
      this.attempts.push({
        eventId,
        type,
        retry,
        status: undefined,
        body: '',
        ok: false,
        error: error instanceof Error ? error.message : String(error),
        at: Date.now(),
      });
      return undefined;
    }
  }
}
