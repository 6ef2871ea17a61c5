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

/** One hour in ms. */
export const HOUR_MS = 3_600_000;

/**
 * Per-user sliding one-hour count of messages the community sent (VK: more than 1000 per hour to one user is
 * error 9 "Flood control: too much messages sent to user").
 */
export class UserFloodLimiter {
  private perHour: number;
  private readonly sent = new Map<number, number[]>();

  constructor(perHour: number) {
    this.perHour = perHour;
  }

  /** Changes the limit; 0 turns it off. */
  setLimit(perHour: number): void {
    this.perHour = perHour;
  }

  /** The current limit (0 = off). */
  get limit(): number {
    return this.perHour;
  }

  /** Counts one message to `userId`, or throws error 9 when the hour's limit is reached (a refused message is not counted). */
  hit(userId: number, now: number): void {
    if (this.perHour <= 0) return;
    const list = this.recent(userId, now);
    if (list.length >= this.perHour) throw new VkEmulatorError(9);
    list.push(now);
  }

  /** Messages counted for `userId` within the hour before `now`. */
  countFor(userId: number, now: number): number {
    return this.recent(userId, now).length;
  }

  /** Forgets all counted messages. */
  reset(): void {
    this.sent.clear();
  }

  private recent(userId: number, now: number): number[] {
    const list = (this.sent.get(userId) ?? []).filter((t) => now - t < HOUR_MS && t <= now);
    this.sent.set(userId, list);
    return list;
  }
}

/**
 * Methods that exist in VK but take only a user token (VK-NOTES §10 row 24); the emulator's tokens are community
 * tokens, so these answer 27 instead of 3 "Unknown method passed".
 */
export const USER_ONLY_METHODS: ReadonlySet<string> = new Set([
  'messages.addChatUser',
  'messages.getChat',
  'messages.allowMessagesFromGroup',
]);

/** Error 27 "Group authorization failed: method is unavailable with group auth." for user-only methods. */
export function assertGroupMethod(method: string): void {
  if (USER_ONLY_METHODS.has(method)) throw new VkEmulatorError(27);
}

/** The community-token scope a method needs (`undefined`: none). */
export function requiredScope(method: string): string | undefined {
  if (method.startsWith('messages.')) return 'messages';
  if (method.startsWith('photos.')) return 'photos';
  if (method.startsWith('docs.')) return 'docs';
  if (method === 'groups.getLongPollServer') return 'manage';
  return undefined;
}

/** Error 15 "Access denied: no access to call this method" when `scopes` (undefined = every scope) lacks the method's scope. */
export function assertScope(method: string, scopes: ReadonlySet<string> | undefined): void {
  const scope = requiredScope(method);
  if (scopes !== undefined && scope !== undefined && !scopes.has(scope)) throw new VkEmulatorError(15);
}

/** Error 3 "Unknown method passed" unless `method` is implemented (or a user-only method, which answers 27 later). */
export function assertKnownMethod(method: string, known: ReadonlySet<string>): void {
  if (!known.has(method) && !USER_ONLY_METHODS.has(method)) throw new VkEmulatorError(3);
}

/** Error 5 "User authorization failed: invalid access_token (4)." unless the token is one the emulator issued. */
export function assertToken(token: string | undefined, valid: ReadonlySet<string>): asserts token is string {
  if (token === undefined || token === '' || !valid.has(token)) throw new VkEmulatorError(5);
}

/** Error 8 when `v` is missing (VK requires it). */
export function assertVersion(version: string | undefined): asserts version is string {
  if (version === undefined || version === '') throw new VkEmulatorError(8, 'v (version) is required');
}
