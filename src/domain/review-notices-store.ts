/**
 * Where the bot remembers the messages it sent about a pending decision (a join
 * request's notices to its reviewers, a new teacher's notice to the verifiers),
 * so that after the decision every copy can be edited to show the outcome.
 * Also a first-wins marker, so of two people confirming the same thing at once
 * only one runs the follow-up. Transport-free: a chat is a number, a message id
 * the messenger's id written as text.
 */
import type { ServiceContext } from './context.js';

/** How long notices and markers are kept (a decision after that cannot edit them any more). */
export const NOTICE_TTL_SECONDS = 180 * 24 * 3600;

/** One message the bot sent: its chat (a person's id for a private dialog) and its id there (the messenger's, as text). */
export interface NoticeRef {
  chat: number;
  id: string;
}

export class ReviewNoticeStore {
  constructor(private readonly ctx: ServiceContext) {}

  private key(subject: string): string {
    return `${this.ctx.keys.base}notices:${subject}`;
  }

  private markerKey(subject: string): string {
    return `${this.ctx.keys.base}notices:first:${subject}`;
  }

  /** Remembers one message about `subject` (e.g. `req:12`). */
  async remember(subject: string, notice: NoticeRef): Promise<void> {
    const key = this.key(subject);
    await this.ctx.redis.multi().sadd(key, `${notice.chat}:${notice.id}`).expire(key, NOTICE_TTL_SECONDS).exec();
  }

  /** The remembered messages about `subject`, forgotten at once: of two callers only one gets them. */
  async takeAll(subject: string): Promise<NoticeRef[]> {
    const key = this.key(subject);
    const reply = await this.ctx.redis.multi().smembers(key).del(key).exec();
    const members = (reply?.[0]?.[1] ?? []) as string[];
    return members.flatMap((raw) => {
      const at = raw.indexOf(':');
      const chat = Number(raw.slice(0, at));
      const id = raw.slice(at + 1);
      return at > 0 && Number.isSafeInteger(chat) && id ? [{ chat, id }] : [];
    });
  }

  /**
   * Records `actor` as the first to finish `subject` unless someone already did;
   * returns whoever is recorded (the caller when it won).
   */
  async claimFirst(subject: string, actor: number): Promise<number> {
    const key = this.markerKey(subject);
    const set = await this.ctx.redis.set(key, String(actor), 'EX', NOTICE_TTL_SECONDS, 'NX');
    if (set === 'OK') return actor;
    return Number(await this.ctx.redis.get(key)) || actor;
  }

  /** Gives the claim back when the claimed action did not happen (only if `actor` holds it), or clears it for a new round. */
  async release(subject: string, actor?: number): Promise<void> {
    if (actor === undefined) {
      await this.ctx.redis.del(this.markerKey(subject));
      return;
    }
    await this.ctx.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.markerKey(subject), String(actor));
  }

  /** Who was recorded first for `subject`, if anyone. */
  async firstOf(subject: string): Promise<number | undefined> {
    const raw = await this.ctx.redis.get(this.markerKey(subject));
    return raw ? Number(raw) : undefined;
  }
}
