/**
 * The system channels (F12): the school-wide channel and the staff channel, each a chat (where the
 * bot is) bound by an admin, and the posts sent to them. Every change runs in a Lua script keyed by
 * the operation, so a run repeated after a crash binds, unbinds or records a post once.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { memberSchema, parseRecord, readRecords } from './records.js';
import { ROLES, STAFF_ROLES, type ActorId, type Member } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

export const CHANNEL_KINDS = ['school', 'staff'] as const;
/** `school`: the school-wide channel (everyone); `staff`: the staff channel (teachers and the administration). */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A chat bound as a system channel. */
export interface Channel {
  kind: ChannelKind;
  /** The messenger's chat id. */
  peer: number;
  boundBy: PersonId;
  boundAt: number;
}

export const channelSchema: z.ZodType<Channel> = z.object({
  kind: z.enum(CHANNEL_KINDS),
  peer: z.number().int(),
  boundBy: personIdSchema,
  boundAt: z.number(),
});

/** How the post fared in the channel's chat. */
export type PostChatOutcome = 'pinned' | 'sent' | 'pin_failed' | 'failed';

/** A post sent to a channel, with its counts. */
export interface Post {
  id: string;
  kind: ChannelKind;
  peer: number;
  text: string;
  author: PersonId;
  at: number;
  /** Whether the author asked to pin it. */
  pin: boolean;
  chat: PostChatOutcome;
  /** Private copies delivered, of `total` sent to the audience not in the chat. */
  reached: number;
  total: number;
  /** Of those not reached, how many the messenger refused because they never wrote to the community. */
  unreachable: number;
  /** Whether its copies carry «Прочитано» and the author sees who confirmed (absent on posts kept before). */
  ack?: boolean | undefined;
  /** The delivery of its private copies (to read how the copies held by the quiet hours fared later). */
  delivery?: string | undefined;
  /** Its message in the channel's chat (to ask who has read it), and how many people (the author aside) were in the chat then. */
  chatMessage?: string | undefined;
  chatMembers?: number | undefined;
}

export const postSchema: z.ZodType<Post> = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  peer: z.number().int(),
  text: z.string(),
  author: personIdSchema,
  at: z.number(),
  pin: z.boolean(),
  chat: z.enum(['pinned', 'sent', 'pin_failed', 'failed']),
  reached: z.number().int(),
  total: z.number().int(),
  unreachable: z.number().int(),
  ack: z.boolean().optional(),
  delivery: z.string().optional(),
  chatMessage: z.string().optional(),
  chatMembers: z.number().int().optional(),
});

/** What a post id looks like (`p12`); anything else (a forged button) is no post. */
export const POST_ID = /^p[0-9]{1,12}$/u;

/** VK's practical limit of one message; a post is one message, never split or cut. */
export const POST_TEXT_MAX = 4096;

/** The roles a channel's posts are for. */
export const CHANNEL_AUDIENCE: Readonly<Record<ChannelKind, readonly string[]>> = {
  school: ROLES,
  staff: STAFF_ROLES,
};

/** Thrown by {@link ChannelService.bind} when the chat is already the other channel. */
export class ChannelTakenError extends Error {
  override readonly name = 'ChannelTakenError';
  constructor(readonly kind: ChannelKind) {
    super(`the chat is already the ${kind} channel`);
  }
}

/** What binding did: a new channel, the channel moved from another chat, or nothing (bound here already). */
export type BindOutcome = { kind: 'bound'; channel: Channel } | { kind: 'moved'; channel: Channel; previousPeer: number } | { kind: 'same'; channel: Channel };

const bindReply = z.object({
  error: z.string().optional(),
  kind: z.enum(CHANNEL_KINDS).optional(),
  status: z.enum(['bound', 'moved', 'same']).optional(),
  channel: z.unknown().optional(),
  previousPeer: z.number().optional(),
});
const unbindReply = z.object({ error: z.string().optional(), channel: z.unknown().optional() });
const postReply = z.object({ error: z.string().optional(), post: z.unknown().optional() });
const reserveReply = z.object({ error: z.string().optional(), id: z.string().optional() });

/** Binds a kind to a chat. ARGV[2] = actor, [3] kind, [4] chat id. */
const BIND = new LuaScript('channels-bind', bindReply);
/** Unbinds the chat. ARGV[2] = actor, [3] chat id. */
const UNBIND = new LuaScript('channels-unbind', unbindReply);
/** Keeps a sent post. ARGV[2] = actor, [3] the post's JSON. */
const RECORD = new LuaScript('posts-record', postReply);
/** Gives the id of a post about to be sent. ARGV[2] = actor. */
const RESERVE = new LuaScript('posts-reserve', reserveReply);

/** What is kept of a post sent: its record's fields, and for its acknowledgements and read marks whom it was for. */
export type PostInput = Omit<Post, 'id' | 'author' | 'at'> & {
  /** The id {@link ChannelService.reserve} gave (a new one when absent). */
  id?: string | undefined;
  /** For a post asking for an acknowledgement: the personIds it was for (in the chat and privately). */
  audience?: readonly PersonId[] | undefined;
  /** The private copies delivered: each person's personId and the message id of their copy. */
  copies?: readonly (readonly [PersonId, string])[] | undefined;
};

export class ChannelService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The bound channels, school first. */
  async all(): Promise<Channel[]> {
    const raw = await this.ctx.redis.hgetall(this.ctx.keys.channels);
    return CHANNEL_KINDS.map((kind) => parseRecord(channelSchema, raw[kind] ?? null)).filter((c): c is Channel => c !== undefined);
  }

  /** The channel of a kind, if bound. */
  async get(kind: ChannelKind): Promise<Channel | undefined> {
    return parseRecord(channelSchema, await this.ctx.redis.hget(this.ctx.keys.channels, kind));
  }

  /** The channel a chat is, if any. */
  async ofChat(peer: number): Promise<Channel | undefined> {
    return (await this.all()).find((c) => c.peer === peer);
  }

  /** Makes the chat the channel of `kind` (admins); throws PermissionDeniedError, ChannelTakenError. */
  async bind(actor: ActorId, kind: ChannelKind, peer: number): Promise<BindOutcome> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const reply = await BIND.apply(this.ctx, [String(actor), kind, peer]);
    if (reply.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (reply.error === 'other_kind' && reply.kind) throw new ChannelTakenError(reply.kind);
    if (reply.error) throw new Error(`channels-bind failed: ${reply.error}`);
    const channel = channelSchema.parse(reply.channel);
    if (reply.status === 'moved') return { kind: 'moved', channel, previousPeer: reply.previousPeer ?? 0 };
    return { kind: reply.status === 'same' ? 'same' : 'bound', channel };
  }

  /** The chat stops being a channel; returns the channel it was, undefined if it was none. Throws PermissionDeniedError. */
  async unbind(actor: ActorId, peer: number): Promise<Channel | undefined> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const reply = await UNBIND.apply(this.ctx, [String(actor), peer]);
    if (reply.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (reply.error === 'not_bound') return undefined;
    if (reply.error) throw new Error(`channels-unbind failed: ${reply.error}`);
    return channelSchema.parse(reply.channel);
  }

  /** The active members a channel's posts are for (each once, by id). */
  async audience(kind: ChannelKind): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const ids = new Set<string>();
    for (const role of CHANNEL_AUDIENCE[kind]) for (const id of await redis.smembers(keys.role(role))) ids.add(id);
    const members = await readRecords(redis, memberSchema, [...ids].map((id) => keys.memberRecord(storedPersonId(id))));
    return members.filter((m) => m.status === 'active').sort((a, b) => comparePersonIds(a.personId, b.personId));
  }

  /** Keeps a post that was sent, with its counts (the author must still be allowed to post). Throws PermissionDeniedError. */
  async record(actor: ActorId, input: PostInput): Promise<Post> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const reply = await RECORD.apply(this.ctx, [String(actor), JSON.stringify(input)]);
    if (reply.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (reply.error) throw new Error(`posts-record failed: ${reply.error}`);
    return postSchema.parse(reply.post);
  }

  /** The id the next post of this author will be kept under (its buttons name it before it is sent). Throws PermissionDeniedError. */
  async reserve(actor: ActorId): Promise<string> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const reply = await RESERVE.apply(this.ctx, [String(actor)]);
    if (reply.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (reply.error || !reply.id) throw new Error(`posts-reserve failed: ${reply.error ?? 'no id'}`);
    return reply.id;
  }

  /** One post by its id, undefined for none. */
  async post(id: string): Promise<Post | undefined> {
    if (!POST_ID.test(id)) return undefined;
    return parseRecord(postSchema, await this.ctx.redis.get(this.ctx.keys.postRecord(id)));
  }

  /** The most recent posts, newest first. */
  async recentPosts(limit = 10): Promise<Post[]> {
    const { redis, keys } = this.ctx;
    if (limit <= 0) return [];
    const ids = await redis.zrevrange(keys.posts, 0, limit - 1);
    const posts = await readRecords(redis, postSchema, ids.map(keys.postRecord));
    return posts.sort((a, b) => b.at - a.at || b.id.localeCompare(a.id));
  }
}
