import type { RedisClient } from '../domain/redis-client.js';
import { z } from 'zod';
import { bindLua, LuaCommand, type BoundLuaCommand } from '../domain/lua.js';

/** Reserves the token's next free slot (./lua/rate-reserve.lua): how many ms the caller waits. */
const RESERVE = LuaCommand.fromFile(import.meta.url, './lua/rate-reserve.lua', 'partaRateReserve', z.number().int());

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
  private readonly reserve: BoundLuaCommand<number>;

  constructor(
    redis: RedisClient,
    private readonly key: string,
    perSecond: number,
  ) {
    this.spacingMs = slotSpacingMs(perSecond);
    this.reserve = bindLua(redis, RESERVE);
  }

  /** Waits for this process's next slot. */
  async take(): Promise<void> {
    let waitMs: number;
    try {
      waitMs = await this.reserve([this.key], [this.spacingMs]);
    } catch {
      const now = Date.now();
      const at = Math.max(now, this.localFree);
      this.localFree = at + this.spacingMs;
      waitMs = at - now;
    }
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
