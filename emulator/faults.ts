/** How a dropped request ends: the socket is destroyed after `afterMs`, or the request is never answered. */
export type DropMode = 'destroy' | 'hang';

interface Pending<T> {
  value: T;
  times: number;
}

/** Counted one-shot faults keyed by method name. */
class FaultQueue<T> {
  private readonly byMethod = new Map<string, Pending<T>[]>();

  add(method: string, value: T, times: number): void {
    const list = this.byMethod.get(method) ?? [];
    list.push({ value, times: Math.max(1, Math.floor(times)) });
    this.byMethod.set(method, list);
  }

  take(method: string): T | undefined {
    const list = this.byMethod.get(method);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) list.shift();
    return head.value;
  }

  clear(): void {
    this.byMethod.clear();
  }

  /** How many times the faults of a method are still to fire. */
  count(method: string): number {
    return (this.byMethod.get(method) ?? []).reduce((sum, pending) => sum + pending.times, 0);
  }
}

/** Fault injection for API calls, long poll and Callback delivery. Every fault is consumed when it fires. */
export class Faults {
  private readonly fails = new FaultQueue<{ code: number; detail: string | undefined }>();
  private readonly delays = new FaultQueue<number>();
  private readonly drops = new FaultQueue<{ mode: DropMode; afterMs: number }>();
  private readonly longPollFails: (1 | 2 | 3)[] = [];
  private duplicates = 0;
  private reorder = 0;

  /** The next `times` calls of `method` (direct or inside execute) fail with `errorCode`. */
  failNext(method: string, errorCode: number, times = 1, detail?: string): void {
    this.fails.add(method, { code: errorCode, detail }, times);
  }

  /** The next `times` HTTP requests for `method` are answered `ms` later. */
  delayNext(method: string, ms: number, times = 1): void {
    this.delays.add(method, ms, times);
  }

  /**
   * The next `times` HTTP requests for `method` get no response: by default the socket is destroyed after 20 ms
   * (vk-io sees a network error and retries); with `mode: 'hang'` the request is held until the emulator closes
   * (vk-io aborts after `apiTimeout`).
   */
  dropNext(method: string, times = 1, options: { mode?: DropMode; afterMs?: number } = {}): void {
    this.drops.add(method, { mode: options.mode ?? 'destroy', afterMs: options.afterMs ?? 20 }, times);
  }

  /** The next a_check answers `{failed: code}` (1 also carries the current ts; 2 and 3 rotate the key). */
  longPollFail(code: 1 | 2 | 3): void {
    this.longPollFails.push(code);
  }

  /** The next Callback delivery is sent twice with the same event_id. */
  duplicateNext(times = 1): void {
    this.duplicates += times;
  }

  /** The next `n` Callback events are held and then delivered in reverse order. */
  reorderNext(n: number): void {
    this.reorder = Math.max(0, Math.floor(n));
  }

  /** Delays of `method` not yet served (0 once a delayed request is being held). */
  pendingDelays(method: string): number {
    return this.delays.count(method);
  }

  /** Long poll failures not yet served. */
  get pendingLongPollFails(): number {
    return this.longPollFails.length;
  }

  /** Removes every pending fault. */
  clear(): void {
    this.fails.clear();
    this.delays.clear();
    this.drops.clear();
    this.longPollFails.length = 0;
    this.duplicates = 0;
    this.reorder = 0;
  }

  /** @internal consumed by the API dispatcher. */
  takeFail(method: string): { code: number; detail: string | undefined } | undefined {
    return this.fails.take(method);
  }

  /** @internal */
  takeDelay(method: string): number | undefined {
    return this.delays.take(method);
  }

  /** @internal */
  takeDrop(method: string): { mode: DropMode; afterMs: number } | undefined {
    return this.drops.take(method);
  }

  /** @internal consumed by the long poll endpoint. */
  takeLongPollFail(): 1 | 2 | 3 | undefined {
    return this.longPollFails.shift();
  }

  /** @internal consumed by Callback delivery. */
  takeDuplicate(): boolean {
    if (this.duplicates <= 0) return false;
    this.duplicates -= 1;
    return true;
  }

  /** @internal how many events to hold for reversing (resets the request). */
  takeReorder(): number {
    const n = this.reorder;
    this.reorder = 0;
    return n;
  }
}
