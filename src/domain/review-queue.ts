/**
 * Where a reviewer gets the join requests meant for them (F08): as cards one by one, or, once they
 * have {@link CARDS_AT_ONCE} undecided cards out, counted in one summary message («Новых заявок: 7»,
 * «Показать») that is edited as the count changes.
 *
 * Exactly once: each step is one Lua script (placing a request, showing a page, remembering the
 * summary's message), run again for the same request it gives the same answer, and under an update's
 * or a job's operation key a repeat returns the kept reply. The summary of a generation is sent only
 * by the request that opened it (`owner`), with a random_id made of the reviewer and the generation,
 * so VK drops a repeat; the others edit it by its message id once it is remembered. The sender reads
 * the count again after remembering it and edits if it grew meanwhile, so no request is left out
 * of the count. Transport-free: a message is a chat number and the messenger's id as text.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { LuaScript, luaList } from './lua.js';
import type { NoticeRef } from './review-notices-store.js';
import { joinRequestSchema, readRecords } from './records.js';
import type { JoinRequest } from './types.js';
import type { PersonId } from './person.js';

/** Undecided cards a reviewer gets one by one; further requests are counted in a summary. */
export const CARDS_AT_ONCE = 3;
/** Cards one «Показать» shows. */
export const SHOW_PAGE_SIZE = 5;

const PLACE = new LuaScript(
  'review-queue-place',
  z.object({
    place: z.enum(['card', 'batch']),
    count: z.number().optional(),
    gen: z.number().optional(),
    msg: z.string().optional(),
    owner: z.boolean().optional(),
  }),
);
const SHOW = new LuaScript('review-queue-show', z.object({ ok: z.boolean(), shown: luaList(z.string()), remaining: z.number().optional(), msg: z.string().optional() }));
const REMEMBER = new LuaScript('review-queue-summary', z.object({ ok: z.boolean() }));

/** Where a new request goes for one reviewer. */
export type Placement =
  | { readonly place: 'card' }
  /** Counted in the summary of generation `gen`: `message` when it was sent already; `send` for the one request that sends it. */
  | { readonly place: 'summary'; readonly count: number; readonly gen: number; readonly message?: NoticeRef; readonly send: boolean };

/** What «Показать» gave: the requests now shown as cards and the summary's state, or a refusal (stale or forged). */
export type ShowResult = { readonly ok: true; readonly shown: JoinRequest[]; readonly remaining: number; readonly message: NoticeRef } | { readonly ok: false };

const parseRef = (raw: string | undefined): NoticeRef | undefined => {
  const at = raw ? raw.indexOf(':') : -1;
  if (!raw || at <= 0) return undefined;
  const chat = Number(raw.slice(0, at));
  return Number.isSafeInteger(chat) ? { chat, id: raw.slice(at + 1) } : undefined;
};

export class ReviewQueue {
  constructor(private readonly ctx: ServiceContext) {}

  /** Places a new request for a reviewer: a card, or the summary. */
  async place(reviewer: PersonId, requestId: string): Promise<Placement> {
    const reply = await PLACE.apply(this.ctx, [reviewer, requestId, CARDS_AT_ONCE]);
    if (reply.place === 'card') return { place: 'card' };
    const message = parseRef(reply.msg);
    return { place: 'summary', count: reply.count ?? 1, gen: reply.gen ?? 0, ...(message ? { message } : {}), send: reply.owner === true && !message };
  }

  /** Remembers the summary message of a generation; false when the generation was closed meanwhile. */
  async rememberSummary(reviewer: PersonId, gen: number, message: NoticeRef): Promise<boolean> {
    return (await REMEMBER.apply(this.ctx, [reviewer, gen, `${message.chat}:${message.id}`])).ok;
  }

  /** How many undecided requests the reviewer's summary counts now. */
  async summaryCount(reviewer: PersonId): Promise<number> {
    const { redis, keys } = this.ctx;
    const ids = await redis.smembers(`${keys.base}rq:${reviewer}:batch`);
    const requests = await readRecords(redis, joinRequestSchema, ids.map(keys.requestRecord));
    return requests.filter((r) => r.status === 'pending').length;
  }

  /**
   * The summaries that counted a request now decided: it is taken out of them, and each comes back
   * with its message and the count left, to be edited. Reviewers in `reviewers` only.
   */
  async dropDecided(requestId: string, reviewers: readonly PersonId[]): Promise<{ reviewer: PersonId; message: NoticeRef; count: number; gen: number }[]> {
    const { redis, keys } = this.ctx;
    const out: { reviewer: PersonId; message: NoticeRef; count: number; gen: number }[] = [];
    for (const reviewer of reviewers) {
      if ((await redis.srem(`${keys.base}rq:${reviewer}:batch`, requestId)) === 0) continue;
      const [gen, msg] = await redis.hmget(`${keys.base}rq:${reviewer}:summary`, 'gen', 'msg');
      const message = parseRef(msg ?? undefined);
      if (message) out.push({ reviewer, message, count: await this.summaryCount(reviewer), gen: Number(gen ?? 0) });
    }
    return out;
  }

  /** «Показать» under the summary of generation `gen` (`pressed`: the message it was under): the next page of its requests become cards. */
  async show(reviewer: PersonId, gen: number, pressed: NoticeRef): Promise<ShowResult> {
    const reply = await SHOW.apply(this.ctx, [reviewer, gen, SHOW_PAGE_SIZE, `${pressed.chat}:${pressed.id}`]);
    const message = parseRef(reply.msg);
    if (!reply.ok || !message) return { ok: false };
    const { redis, keys } = this.ctx;
    const byId = new Map((await readRecords(redis, joinRequestSchema, reply.shown.map(keys.requestRecord))).map((r) => [r.id, r]));
    const shown = reply.shown.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return { ok: true, shown, remaining: reply.remaining ?? 0, message };
  }
}
