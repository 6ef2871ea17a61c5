import type { RedisClient } from '../domain/redis-client.js';
import { z } from 'zod';
import { bindLua, LuaCommand, readLua, type BoundLuaCommand } from '../domain/lua.js';
import type { InboxUpdate, UpdatePreload } from './update-gate.js';
import type { RedisSessionStorage } from './session-storage.js';
import { sessionKey } from './session-storage.js';
import { effectiveRoles, memberSchema, parseRecord, schoolKeys } from '../domain/index.js';
import type { Caller } from '../turn.js';
import type { PersonId } from '../domain/person.js';
import type { UpdateSender } from './update-scope.js';

/** The read of one person (./lua/caller-read.lua: what it takes and replies, its first lines), also run by the update gate as its preload. */
const READ = readLua(import.meta.url, './lua/caller-read.lua');
/** Its reply: the member record, the language, the session (each null for none) and the ids of the requests filed. */
const replySchema = z.tuple([z.string().nullable(), z.string().nullable(), z.string().nullable(), z.array(z.string())]);
type Reply = z.infer<typeof replySchema>;
const LOAD = new LuaCommand('partaLoadCaller', `local PK, PA = KEYS, ARGV\n${READ}`, replySchema);

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
  private readonly load: BoundLuaCommand<Reply>;
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
    senderOf: (update: InboxUpdate) => UpdateSender | undefined,
  ) {
    this.load = bindLua(redis, LOAD);
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
    return this.loaded(personId, await this.load(this.keysOf(personId, sessionKey), this.argsOf(personId, learnt)));
  }

  /** Who `personId` is by what the update gate read ahead for their session `sessionKey`; undefined when that read was not this one's. */
  preloaded(personId: PersonId, sessionKey: string, read: { id: string; reply: unknown } | undefined): LoadedCaller | undefined {
    if (!read || read.id !== sessionKey) return undefined;
    // A read of the wrong shape is not trusted: the handler reads the caller itself, as for a read that failed.
    const reply = replySchema.safeParse(read.reply);
    return reply.success ? this.loaded(personId, reply.data) : undefined;
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
