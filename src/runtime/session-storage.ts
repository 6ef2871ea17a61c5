import type { ISessionStorage } from '@vk-io/session';
import type { RedisClient } from '../domain/redis-client.js';

/** The session key of one person in one peer: their private dialog is `<id>:<id>`. */
export function sessionKey(peerId: number, userId: number): string {
  return `${peerId}:${userId}`;
}

/**
 * @vk-io/session storage on Redis: one JSON value per session key, expiring after
 * `ttlSeconds` of idleness (every read renews it).
 */
export class RedisSessionStorage implements ISessionStorage {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  /** Sessions read ahead with the caller (see CallerLoader), taken by the next `get` of their key. */
  private readonly readAhead = new Map<string, string | null>();

  /** The Redis key of a session key. */
  key(key: string): string {
    return `${this.prefix}session:${key}`;
  }

  /** Hands over a session already read (and its expiry renewed), so the next `get` of it needs no Redis call. */
  offer(key: string, raw: string | null): void {
    this.readAhead.set(key, raw);
  }

  /** Drops a session read ahead that nobody took. */
  forget(key: string): void {
    this.readAhead.delete(key);
  }

  async get(key: string): Promise<object | undefined> {
    const ahead = this.readAhead.get(key);
    const raw = ahead !== undefined ? ahead : await this.redis.getex(this.key(key), 'EX', this.ttlSeconds);
    this.readAhead.delete(key);
    return raw ? (JSON.parse(raw) as object) : undefined;
  }

  async set(key: string, value: object): Promise<boolean> {
    const { $forceUpdate: _ignored, ...data } = value as Record<string, unknown>;
    await this.redis.set(this.key(key), JSON.stringify(data), 'EX', this.ttlSeconds);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.key(key))) > 0;
  }

  /** Nothing to do: reading a session (GETEX) already renewed its idle expiry. */
  async touch(_key: string): Promise<void> {}
}
