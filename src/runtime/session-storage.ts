import type { RedisClient } from '../domain/redis-client.js';
import type { PersonId } from '../domain/person.js';
import type { ChatId } from '../messenger/ids.js';

/** The session key of one person in one peer: a VK person's private dialog is `<id>:<id>`. */
export function sessionKey(peer: ChatId, person: PersonId): string {
  return `${peer}:${person}`;
}

/** A stored session's JSON as the object handlers and dialogs change (an empty one for none, or for anything that is not an object). */
export function parseSession(raw: string | null): Record<string, unknown> {
  const value: unknown = raw ? JSON.parse(raw) : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Sessions (dialog state per person and peer) on Redis: one JSON value per session key, expiring
 * after `ttlSeconds` of idleness (every read renews it). The bot reads a session with its caller
 * (src/runtime/caller.ts) and saves it here once the update is handled, only when it changed.
 */
export class RedisSessionStorage {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** The Redis key of a session key. */
  key(key: string): string {
    return `${this.prefix}session:${key}`;
  }

  /** A session as an object (undefined when there is none), renewing its idle expiry. */
  async get(key: string): Promise<object | undefined> {
    const raw = await this.redis.getex(this.key(key), 'EX', this.ttlSeconds);
    return raw ? parseSession(raw) : undefined;
  }

  /**
   * Saves a session after an update if it changed, however deep (compared as JSON with `before`, the
   * JSON it was read as; null for none): an emptied one is deleted, an unchanged one is not written
   * (undefined then: no promise to wait for).
   */
  saveIfChanged(key: string, before: string | null, session: object): Promise<unknown> | undefined {
    const after = JSON.stringify(session);
    // Unchanged (most updates): nothing to wait for.
    if (after === (before ?? '{}')) return undefined;
    return after === '{}' ? this.delete(key) : this.redis.set(this.key(key), after, 'EX', this.ttlSeconds);
  }

  async set(key: string, value: object): Promise<boolean> {
    await this.redis.set(this.key(key), JSON.stringify(value), 'EX', this.ttlSeconds);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.key(key))) > 0;
  }
}
