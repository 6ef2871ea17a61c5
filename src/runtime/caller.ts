import type { RedisClient } from '../domain/redis-client.js';
import { defineScript, type ScriptRunner } from './redis-script.js';
import type { UpdatePreload, VkUpdate } from './update-gate.js';
import type { RedisSessionStorage } from './session-storage.js';
import { sessionKey } from './session-storage.js';
import { effectiveRoles, memberSchema, parseRecord, schoolKeys } from '../domain/index.js';
import type { Caller } from '../turn.js';
import type { PersonId } from '../domain/person.js';
import type { UpdateSender } from './update-scope.js';

// One person as an update needs them, from the keys PK and arguments PA: their member record, the
// language kept with them (PA[2], a language learnt without asking, is kept if they have none), their
// dialog's session (its idle expiry renewed) and the ids of the join requests they filed. Run on its
// own (LOAD) or inside the update gate's call that records the update (see CallerLoader.preload).
const READ = `
local member = redis.call('GET', PK[1])
local language = redis.call('HGET', PK[2], PA[1])
if not language and PA[2] ~= '' then
  redis.call('HSET', PK[2], PA[1], PA[2])
  language = PA[2]
end
local session = redis.call('GETEX', PK[3], 'EX', PA[3])
return { member or false, language or false, session or false, redis.call('SMEMBERS', PK[4]) }`;
const LOAD = `local PK, PA = KEYS, ARGV\n${READ}`;

type Reply = [string | null, string | null, string | null, string[]];

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
 * the language, the session and the requests they filed; for most updates that call is the update
 * gate's own, which records the update (see {@link CallerLoader.preload}).
 */
export class CallerLoader {
  private readonly load: ScriptRunner;
  private readonly keys: ReturnType<typeof schoolKeys>;

  /** The read the update gate makes while recording an update whose peer it takes: no call of its own then. */
  readonly preload: UpdatePreload;

  constructor(
    redis: RedisClient,
    prefix: string,
    schoolId: string,
    private readonly sessions: RedisSessionStorage,
    private readonly sessionTtlSeconds: number,
    /** Who sent an update, as the messenger's adapter reads it (VK: vkSender); undefined for none. */
    senderOf: (update: VkUpdate) => UpdateSender | undefined,
  ) {
    this.load = defineScript(redis, 'partaLoadCaller', LOAD);
    this.keys = schoolKeys(prefix, schoolId);
    this.preload = {
      lua: READ,
      for: (update) => {
        const sender = senderOf(update);
        if (!sender) return undefined;
        const session = this.sessions.key(sessionKey(sender.peer, sender.person));
        return { id: session, keys: this.keysOf(sender.person, session), args: this.argsOf(sender.person, sender.learnt) };
      },
    };
  }

  /** Who `personId` is; `sessionKey` is the Redis key of the session of this update. */
  async caller(personId: PersonId, sessionKey: string, learnt: string | undefined): Promise<LoadedCaller> {
    return this.loaded(personId, (await this.load(this.keysOf(personId, sessionKey), this.argsOf(personId, learnt))) as Reply);
  }

  /** Who `personId` is by what the update gate read ahead for their session `sessionKey`; undefined when that read was not this one's. */
  preloaded(personId: PersonId, sessionKey: string, read: { id: string; reply: unknown } | undefined): LoadedCaller | undefined {
    if (!read || read.id !== sessionKey) return undefined;
    return this.loaded(personId, read.reply as Reply);
  }

  private keysOf(personId: PersonId, sessionKey: string): string[] {
    return [this.keys.memberRecord(personId), this.keys.languages, sessionKey, this.keys.requestsOf(personId)];
  }

  private argsOf(personId: PersonId, learnt: string | undefined): (string | number)[] {
    return [personId, learnt ?? '', this.sessionTtlSeconds];
  }

  private loaded(personId: PersonId, reply: Reply): LoadedCaller {
    const member = parseRecord(memberSchema, reply[0]) ?? null;
    return {
      caller: { personId, member, roles: new Set(effectiveRoles(member)), filedRequests: reply[3] },
      language: reply[1] ?? undefined,
      session: reply[2],
    };
  }
}
