import { VkEmulatorError } from './errors.js';

/** Per-token sliding one-second request limit (VK: 20 req/s for a community token); error 6 above it. */
export class RateLimiter {
  private perSecond: number;
  private readonly hits = new Map<string, number[]>();

  constructor(perSecond: number) {
    this.perSecond = perSecond;
  }

  /** Changes the limit; 0 turns it off. */
  setLimit(perSecond: number): void {
    this.perSecond = perSecond;
  }

  /** The current limit (0 = off). */
  get limit(): number {
    return this.perSecond;
  }

  /** Counts one request for `token`, or throws error 6 "Too many requests per second" (a refused request is not counted). */
  hit(token: string, now: number = Date.now()): void {
    if (this.perSecond <= 0) return;
    const list = (this.hits.get(token) ?? []).filter((t) => now - t < 1000);
    if (list.length >= this.perSecond) {
      this.hits.set(token, list);
      throw new VkEmulatorError(6);
    }
    list.push(now);
    this.hits.set(token, list);
  }

  /** Forgets all counted requests. */
  reset(): void {
    this.hits.clear();
  }
}

/** Error 3 "Unknown method passed" unless `method` is implemented. */
export function assertKnownMethod(method: string, known: ReadonlySet<string>): void {
  if (!known.has(method)) throw new VkEmulatorError(3);
}

/** Error 5 "User authorization failed: invalid access_token (4)." unless the token is one the emulator issued. */
export function assertToken(token: string | undefined, valid: ReadonlySet<string>): asserts token is string {
  if (token === undefined || token === '' || !valid.has(token)) throw new VkEmulatorError(5);
}

/** Error 8 when `v` is missing (VK requires it). */
export function assertVersion(version: string | undefined): asserts version is string {
  if (version === undefined || version === '') throw new VkEmulatorError(8, 'v (version) is required');
}
