import type { RedisClient } from '../domain/redis-client.js';
import { defineScript, type ScriptRunner } from '../runtime/redis-script.js';

// Reserves the next free send slot of the token for every process sharing it: returns how many
// ms the caller waits before its request. Slots are `ARGV[1]` ms apart on Redis's own clock.
const RESERVE = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(ms, free)
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', at - ms + 1000)
return at - ms`;

/**
 * The gap between two requests: `perSecond` of them span 1100 ms rather than 1000, so that a request
 * delayed on its way (a busy event loop, the network) does not put one too many into VK's sliding second.
 */
export function slotSpacingMs(perSecond: number): number {
  return Math.ceil(1100 / perSecond);
}

/**
 * The request rate of one community token, shared by every bot process through Redis: VK allows
 * about 20 requests a second per token, counted over a sliding second, so the slots are spaced
 * evenly rather than counted in fixed one-second windows (which would let twice the rate through
 * across a window's edge). While Redis is down each process spaces its own requests the same way.
 */
export class SharedRateLimiter {
  private readonly spacingMs: number;
  private localFree = 0;
  private readonly reserve: ScriptRunner;

  constructor(
    redis: RedisClient,
    private readonly key: string,
    perSecond: number,
  ) {
    this.spacingMs = slotSpacingMs(perSecond);
    this.reserve = defineScript(redis, 'partaRateReserve', RESERVE);
  }

  /** Waits for this process's next slot. */
  async take(): Promise<void> {
    let waitMs: number;
    try {
      waitMs = Number(await this.reserve([this.key], [this.spacingMs]));
    } catch {
      const now = Date.now();
      const at = Math.max(now, this.localFree);
      this.localFree = at + this.spacingMs;
      waitMs = at - now;
    }
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
