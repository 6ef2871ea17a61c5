/**
 * Questions to the school's admins (F14): a member asks, every admin gets the question, the first
 * admin to answer answers it. Asking and answering run in Lua scripts keyed by the operation, so a
 * retried update changes nothing twice; of two admins answering at once the first wins.
 */
import { z } from 'zod';
import type { ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { parseRecord } from './records.js';
import type { ActorId } from './types.js';
import { type PersonId, personIdSchema } from './person.js';

/** The longest question a person may send. */
export const QUESTION_MAX = 1000;
/** The longest answer an admin may send. */
export const ANSWER_MAX = 2000;

/** A question: open until the first admin answers it. */
export type Question =
  | { id: string; from: PersonId; text: string; at: number; status: 'open' }
  | { id: string; from: PersonId; text: string; at: number; status: 'answered'; answeredBy: PersonId; answeredAt: number; answer: string };

export const questionSchema: z.ZodType<Question> = z.union([
  z.object({ id: z.string(), from: personIdSchema, text: z.string(), at: z.number(), status: z.literal('open') }),
  z.object({
    id: z.string(),
    from: personIdSchema,
    text: z.string(),
    at: z.number(),
    status: z.literal('answered'),
    answeredBy: personIdSchema,
    answeredAt: z.number(),
    answer: z.string(),
  }),
]);

const reply = z.object({ error: z.string().optional(), question: z.unknown().optional() });
/** Records a question. ARGV[2] = actor, [3] text. */
const ASK = new LuaScript('questions-ask', reply);
/** Answers it. ARGV[2] = actor (an admin), [3] id, [4] answer. */
const ANSWER = new LuaScript('questions-answer', reply);

/** How an answer went: given now, or the question was answered before (by whom it says). */
export type QuestionAnswer = { ok: true; question: Extract<Question, { status: 'answered' }> } | { ok: false; question: Question };

export class QuestionService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Records a question of an active member; throws PermissionDeniedError for anyone else. */
  async ask(actor: ActorId, text: string): Promise<Question> {
    const out = await ASK.apply(this.ctx, [String(actor), text.slice(0, QUESTION_MAX)]);
    if (out.error === 'denied') throw new PermissionDeniedError('question.ask', actor);
    if (out.error) throw new Error(`questions-ask failed: ${out.error}`);
    return questionSchema.parse(out.question);
  }

  /** Answers an open question (admins only); throws PermissionDeniedError, NotFoundError. */
  async answer(actor: ActorId, id: string, answer: string): Promise<QuestionAnswer> {
    const out = await ANSWER.apply(this.ctx, [String(actor), id, answer.slice(0, ANSWER_MAX)]);
    if (out.error === 'denied') throw new PermissionDeniedError('question.answer', actor);
    if (out.error === 'not_found') throw new NotFoundError('question', id);
    const question = questionSchema.parse(out.question);
    if (out.error === 'answered') return { ok: false, question };
    if (out.error) throw new Error(`questions-answer failed: ${out.error}`);
    if (question.status !== 'answered') throw new Error('questions-answer replied with an open question');
    return { ok: true, question };
  }

  /** One question, if it exists. */
  async get(id: string): Promise<Question | undefined> {
    return parseRecord(questionSchema, await this.ctx.redis.get(this.ctx.keys.questionRecord(id)));
  }
}
