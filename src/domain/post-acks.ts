/**
 * Acknowledgements and read marks of posts (F12): a post may ask whom it was for to press
 * «Прочитано»; each press is kept once in a set of the post, the author sees how many confirmed
 * and who has not, and reminds them once. The private copies' message ids are kept with the post,
 * so that the read marks the messenger gives can be counted against them.
 */
import { z } from 'zod';
import { POST_ID } from './channels.js';
import type { ServiceContext } from './context.js';
import { LuaScript } from './lua.js';
import { comparePersonIds, type PersonId, storedPersonId } from './person.js';

/** What a press of «Прочитано» did. */
export type AckOutcome = 'confirmed' | 'already' | 'unknown' | 'not_asked' | 'not_recipient';

const ackReply = z.object({ status: z.enum(['confirmed', 'already', 'unknown', 'not_asked', 'not_recipient']) });

/** Records a confirmation. ARGV[2] = the person, [3] the post id. */
const ACK = new LuaScript('posts-ack', ackReply);

/** How a post asking for an acknowledgement stands. */
export interface AckCounts {
  /** How many it was for. */
  readonly audience: number;
  /** How many of them confirmed. */
  readonly confirmed: number;
}

/** A post's private copy: to whom, and the message id of that copy. */
export interface PostCopy {
  readonly person: PersonId;
  readonly message: string;
}

export class PostAckService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Records that `person` confirmed the post `postId` (once; a second press is `already`). */
  async confirm(person: PersonId, postId: string): Promise<AckOutcome> {
    if (!POST_ID.test(postId)) return 'unknown';
    return (await ACK.apply(this.ctx, [person, postId])).status;
  }

  /** How many a post was for and how many confirmed. */
  async counts(postId: string): Promise<AckCounts> {
    const { redis, keys } = this.ctx;
    const [audience, confirmed] = await Promise.all([redis.scard(keys.postAudience(postId)), redis.scard(keys.postAcks(postId))]);
    return { audience, confirmed };
  }

  /** Those the post was for who have not confirmed it, by id. */
  async pending(postId: string): Promise<PersonId[]> {
    const { redis, keys } = this.ctx;
    return (await redis.sdiff(keys.postAudience(postId), keys.postAcks(postId))).map(storedPersonId).sort(comparePersonIds);
  }

  /** The post's private copies that were delivered. */
  async copies(postId: string): Promise<PostCopy[]> {
    const raw = await this.ctx.redis.hgetall(this.ctx.keys.postCopies(postId));
    return Object.entries(raw).map(([person, message]) => ({ person: storedPersonId(person), message }));
  }

  /** Adds those now seen to have read the post's message in its chat; returns how many have been seen in all. */
  async noteChatReaders(postId: string, readers: readonly PersonId[]): Promise<number> {
    const { redis, keys } = this.ctx;
    if (readers.length > 0) await redis.sadd(keys.postChatReaders(postId), ...readers);
    return redis.scard(keys.postChatReaders(postId));
  }

  /** Whether the author reminded those who had not confirmed the post. */
  async wasReminded(postId: string): Promise<boolean> {
    return (await this.ctx.redis.exists(this.ctx.keys.postReminded(postId))) === 1;
  }

  /** Marks the post as reminded; true the first time, false when it was already. */
  async markReminded(postId: string): Promise<boolean> {
    return (await this.ctx.redis.set(this.ctx.keys.postReminded(postId), String(this.ctx.now()), 'NX')) === 'OK';
  }
}
