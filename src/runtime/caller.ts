import type { Redis } from 'ioredis';
import { defineScript, type ScriptRunner } from './redis-script.js';
import { effectiveRoles, globalKeys, memberSchema, parseRecord, schoolKeys } from '../domain/index.js';
import type { Caller } from '../turn.js';

// One person as an update needs them: their member record, the language kept with them (ARGV[2], a
// language learnt without asking, is kept if they have none), their dialog's session (its idle
// expiry renewed) and the ids of the join requests they filed.
const LOAD = `
local member = redis.call('GET', KEYS[1])
local language = redis.call('HGET', KEYS[2], ARGV[1])
if not language and ARGV[2] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  language = ARGV[2]
end
local session = redis.call('GETEX', KEYS[3], 'EX', ARGV[3])
return { member or false, language or false, session or false, redis.call('SMEMBERS', KEYS[4]) }`;

/** What one Redis call tells about the sender of an update. */
export interface LoadedCaller {
  caller: Caller;
  /** The language kept with them, if any. */
  language: string | undefined;
  /** Their session's stored JSON (for the session storage to take instead of reading it again). */
  session: string | null;
}

/**
 * Loads the sender of every update in one Redis call, instead of one read each for the member,
 * the language, the session and the requests they filed.
 */
export class CallerLoader {
  private readonly load: ScriptRunner;
  private readonly keys: ReturnType<typeof schoolKeys>;
  private readonly languagesKey: string;

  constructor(
    redis: Redis,
    prefix: string,
    schoolId: string,
    private readonly sessionTtlSeconds: number,
  ) {
    this.load = defineScript(redis, 'partaLoadCaller', LOAD);
    this.keys = schoolKeys(prefix, schoolId);
    this.languagesKey = globalKeys(prefix).languages;
  }

  /** Who `vkId` is; `sessionKey` is the Redis key of the session of this update. */
  async caller(vkId: number, sessionKey: string, learnt: string | undefined): Promise<LoadedCaller> {
    const { keys } = this;
    const reply = (await this.load([keys.memberRecord(vkId), this.languagesKey, sessionKey, keys.requestsOf(vkId)], [vkId, learnt ?? '', this.sessionTtlSeconds])) as [string | null, string | null, string | null, string[]];
    const member = parseRecord(memberSchema, reply[0]) ?? null;
    return {
      caller: { vkId, member, roles: new Set(effectiveRoles(member)), filedRequests: reply[3] },
      language: reply[1] ?? undefined,
      session: reply[2],
    };
  }
}
