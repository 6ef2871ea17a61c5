/**
 * Where the bot remembers the messages it sent about a pending decision (a join
 * request's notices to its reviewers, a new teacher's notice to the verifiers),
 * so that after the decision every copy can be edited to show the outcome
 * (taken at once: of two deciders, only one gets them). Transport-free: a chat is a number, a message id
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
}
