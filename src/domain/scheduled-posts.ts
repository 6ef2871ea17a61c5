/**
 * Scheduled posts (F12): a post an admin wrote to go to a system channel at a time. It is kept as
 * `scheduled` until its job takes it (`sending`) and sends it (`sent`), or an admin cancels it
 * (`cancelled`; `failed` when at its time it could not go: the channel unbound, the author's right gone); while scheduled it can be moved (its version raised: the job of the old time is
 * stale) or its text changed. Every change runs in a Lua script keyed by the operation, so a run
 * repeated after a crash keeps one post and changes it once.
 */
import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from './channels.js';
import type { ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { readRecords } from './records.js';
import type { ActorId } from './types.js';
import { type PersonId, personIdSchema } from './person.js';

export const SCHEDULED_POST_STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type ScheduledPostStatus = (typeof SCHEDULED_POST_STATUSES)[number];

/** A post that goes to a channel at `at`. */
export interface ScheduledPost {
  id: string;
  status: ScheduledPostStatus;
  /** Raised by every move: the job of an older version sends nothing. */
  version: number;
  kind: ChannelKind;
  text: string;
  pin: boolean;
  /** Sent to students and parents at once even when its time falls in the quiet hours. */
  urgent?: boolean | undefined;
  /** When it goes (ms epoch). */
  at: number;
  /** Its photos and documents, already the community's own. */
  attachment?: string | undefined;
  /** Its copies ask for an acknowledgement («Прочитано»). */
  ack?: boolean | undefined;
  author: PersonId;
  createdAt: number;
  /** The sent post's id (the posts of /posts), once sent. */
  postId?: string | undefined;
  sentAt?: number | undefined;
  cancelledAt?: number | undefined;
  cancelledBy?: PersonId | undefined;
}

export const scheduledPostSchema: z.ZodType<ScheduledPost> = z.object({
  id: z.string(),
  status: z.enum(SCHEDULED_POST_STATUSES),
  version: z.number().int().positive(),
  kind: z.enum(CHANNEL_KINDS),
  text: z.string(),
  pin: z.boolean(),
  urgent: z.boolean().optional(),
  at: z.number(),
  attachment: z.string().optional(),
  ack: z.boolean().optional(),
  author: personIdSchema,
  createdAt: z.number(),
  postId: z.string().optional(),
  sentAt: z.number().optional(),
  cancelledAt: z.number().optional(),
  cancelledBy: personIdSchema.optional(),
});

const reply = z.object({ error: z.string().optional(), post: z.unknown().optional() });

/** Keeps a new scheduled post. ARGV[2] = actor, [3] JSON { kind, text, pin, at }. */
const CREATE = new LuaScript('scheduled-posts-create', reply);
/** Moves, edits or cancels one. ARGV[2] = actor, [3] id, [4] op, [5] time or text. */
const CHANGE = new LuaScript('scheduled-posts-change', reply);
/** The job takes one to send. ARGV[2] = id, [3] version. */
const CLAIM = new LuaScript('scheduled-posts-claim', reply);
/** Marks one sent. ARGV[2] = id, [3] the sent post's id. */
const FINISH = new LuaScript('scheduled-posts-finish', reply);

/** Thrown when a scheduled post to change has gone out already (or is going out now). */
export class ScheduledPostSentError extends Error {
  override readonly name = 'ScheduledPostSentError';
  constructor(readonly postId: string) {
    super(`scheduled post ${postId} has been sent already; it can no longer be changed`);
  }
}

/** Thrown when a scheduled post to change was cancelled. */
export class ScheduledPostCancelledError extends Error {
  override readonly name = 'ScheduledPostCancelledError';
  constructor(readonly postId: string) {
    super(`scheduled post ${postId} was cancelled; schedule a new one with /post`);
  }
}

/** What the job's claim came to: the post to send now, or why nothing is sent. */
export type ClaimOutcome = { kind: 'send'; post: ScheduledPost } | { kind: 'stale' } | { kind: 'denied'; post: ScheduledPost };

/** The input of a scheduled post. */
export interface ScheduledPostInput {
  kind: ChannelKind;
  text: string;
  pin: boolean;
  urgent?: boolean;
  at: number;
  attachment?: string | undefined;
  ack?: boolean;
}

export class ScheduledPostService {
  constructor(private readonly ctx: ServiceContext) {}

  /** One scheduled post by id, whatever its status. */
  async get(id: string): Promise<ScheduledPost | undefined> {
    const raw = await this.ctx.redis.get(this.ctx.keys.scheduledPostRecord(id));
    if (!raw) return undefined;
    const parsed = scheduledPostSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /** The posts still scheduled, soonest first. */
  async pending(): Promise<ScheduledPost[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.scheduledPosts, 0, '-1');
    const posts = await readRecords(redis, scheduledPostSchema, ids.map(keys.scheduledPostRecord));
    return posts.filter((p) => p.status === 'scheduled').sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  /** Keeps a post to go at `input.at` (admins). Throws PermissionDeniedError. */
  async create(actor: ActorId, input: ScheduledPostInput): Promise<ScheduledPost> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const done = await CREATE.apply(this.ctx, [String(actor), JSON.stringify(input)]);
    if (done.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (done.error) throw new Error(`scheduled-posts-create failed: ${done.error}`);
    return scheduledPostSchema.parse(done.post);
  }

  /** Moves a scheduled post to `at` (its version raised). Throws PermissionDeniedError, NotFoundError, ScheduledPostSentError, ScheduledPostCancelledError. */
  move(actor: ActorId, id: string, at: number): Promise<ScheduledPost> {
    return this.change(actor, id, 'move', String(at));
  }

  /** Replaces a scheduled post's text. Throws like {@link move}. */
  edit(actor: ActorId, id: string, text: string): Promise<ScheduledPost> {
    return this.change(actor, id, 'edit', text);
  }

  /** Cancels a scheduled post. Throws like {@link move}. */
  cancel(actor: ActorId, id: string): Promise<ScheduledPost> {
    return this.change(actor, id, 'cancel', '');
  }

  /** The job's step: takes the post of this version to send, or says why not (moved, cancelled, sent; the author may no longer publish: cancelled). */
  async claim(id: string, version: number): Promise<ClaimOutcome> {
    const done = await CLAIM.apply(this.ctx, [id, version]);
    if (done.error === 'not_found' || done.error === 'stale') return { kind: 'stale' };
    if (done.error === 'denied') return { kind: 'denied', post: scheduledPostSchema.parse(done.post) };
    if (done.error) throw new Error(`scheduled-posts-claim failed: ${done.error}`);
    return { kind: 'send', post: scheduledPostSchema.parse(done.post) };
  }

  /** Marks a claimed post sent, with the id of the post kept for /posts; '' when nothing was sent (it is `failed`). */
  async finish(id: string, sentPostId: string): Promise<ScheduledPost> {
    const done = await FINISH.apply(this.ctx, [id, sentPostId]);
    if (done.error === 'not_found') throw new NotFoundError('scheduledPost', id);
    if (done.error) throw new Error(`scheduled-posts-finish failed: ${done.error}`);
    return scheduledPostSchema.parse(done.post);
  }

  private async change(actor: ActorId, id: string, op: 'move' | 'edit' | 'cancel', value: string): Promise<ScheduledPost> {
    if (actor === 'system') throw new PermissionDeniedError('channel.publish', actor);
    const done = await CHANGE.apply(this.ctx, [String(actor), id, op, value]);
    if (done.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (done.error === 'not_found') throw new NotFoundError('scheduledPost', id);
    if (done.error === 'sent') throw new ScheduledPostSentError(id);
    if (done.error === 'cancelled') throw new ScheduledPostCancelledError(id);
    if (done.error) throw new Error(`scheduled-posts-change failed: ${done.error}`);
    return scheduledPostSchema.parse(done.post);
  }
}
