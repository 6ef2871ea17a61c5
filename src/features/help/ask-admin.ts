/**
 * «Вопрос администратору» (F14), the use cases: a member's question goes to every admin as a card with
 * «Ответить»; the first admin to answer answers it: the person gets the answer, every admin's copy of
 * the card shows who answered (the buttons gone), and a later «Ответить» is told who answered before.
 */
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import { NotFoundError, PermissionDeniedError, type Question } from '../../domain/index.js';
import type { DialogContext, Turn } from '../../turn.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import type { Reader } from '../shared/recipients.js';
import { refusalText } from '../shared/refusals.js';
import { personMention, personRef } from '../shared/person-words.js';
import { readTyped, typedText } from '../shared/answers.js';

/** Callback action name of «Ответить» under a question's card. */
export const Q_ANSWER = 'q.ans';

/** The key under which the copies of a question's card are remembered (to edit them once it is answered). */
const questionSubject = (id: string): string => `q:${id}`;

/** A question's card as an admin reads it: who asked, when, and the question. */
async function cardText(app: App, reader: Reader, question: Question): Promise<string> {
  const { t, locale } = reader;
  const who = await personMention(app, t, question.from);
  return `${t('q-card', { who, when: formatWhen(question.at, app.config.SCHOOL_TZ, locale) })}\n\n${question.text}`;
}

/** Sends a member's question to every other active admin; returns what the person is told. */
export async function askAdmins(app: App, turn: Turn, text: string): Promise<string> {
  const { t, caller } = turn;
  let question: Question;
  try {
    question = await app.services.questions.ask(caller.personId, text);
  } catch (error) {
    if (error instanceof PermissionDeniedError) return t('q-stranger');
    throw error;
  }
  app.logger.info({ question: question.id, by: caller.personId }, 'question to the admins');
  const admins = (await app.services.members.listAdmins()).filter((m) => m.status === 'active' && m.personId !== caller.personId);
  const notices: Notice[] = admins.map((admin) => ({
    kind: 'send',
    to: admin.personId,
    key: `q-card:${question.id}:${admin.personId}`,
    build: async (reader) => ({ text: await cardText(app, reader, question), keyboard: inlineKeyboard([[{ label: reader.t('q-btn-answer'), payload: { k: 'cb', a: Q_ANSWER, id: question.id }, color: 'positive' }]]) }),
    remember: questionSubject(question.id),
  }));
  const { unreachable } = await deliverNotices(app, notices);
  const reached = admins.length - unreachable.length;
  return reached > 0 ? t('q-sent', { count: reached }) : t('q-no-admins');
}

/** Why an admin cannot answer a question now, or undefined when they may (checked again when the answer is saved). */
export async function answerRefusal(app: App, turn: Turn, id: string | undefined): Promise<string | undefined> {
  const { t } = turn;
  if (!id) return t('button-stale-short');
  if (!turn.caller.roles.has('admin')) return t('q-denied');
  const question = await app.services.questions.get(id);
  if (!question) return t('button-stale-short');
  if (question.status === 'answered') return t('q-already', { by: await personRef(app, t, question.answeredBy) });
  return undefined;
}

/** An admin's answer: the person gets it, every admin's card shows who answered; returns what the admin is told. */
export async function answerQuestion(app: App, turn: Turn, id: string, answer: string): Promise<string> {
  const { t } = turn;
  let outcome;
  try {
    outcome = await app.services.questions.answer(turn.caller.personId, id, answer);
  } catch (error) {
    const refusal = error instanceof NotFoundError ? t('button-stale-short') : error instanceof PermissionDeniedError ? t('q-denied') : refusalText(t, error);
    if (refusal === undefined) throw error;
    return refusal;
  }
  if (!outcome.ok) {
    const by = outcome.question.status === 'answered' ? await personRef(app, t, outcome.question.answeredBy) : '';
    return t('q-already', { by });
  }
  const { question } = outcome;
  const by = question.answeredBy;
  const edits: Notice[] = (await app.services.reviewNotices.takeAll(questionSubject(id))).map((message) => ({
    kind: 'edit',
    message,
    build: async (reader) => ({
      text: `${await cardText(app, reader, question)}\n\n${reader.t('q-card-answered', { by: await personRef(app, reader.t, by), when: formatWhen(question.answeredAt, app.config.SCHOOL_TZ, reader.locale), answer: question.answer })}`,
    }),
  }));
  const toAsker: Notice = {
    kind: 'send',
    to: question.from,
    key: `q-answer:${id}`,
    build: async ({ t: tr }) => ({ text: tr('q-answer-to-asker', { who: await personMention(app, tr, by), question: question.text, answer: question.answer }) }),
  };
  const { unreachable } = await deliverNotices(app, [toAsker, ...edits]);
  app.logger.info({ question: id, by }, 'question answered');
  return unreachable.includes(question.from) ? t('q-answered-unreachable') : t('q-answered');
}

/** The shortest question or answer worth sending. */
const MIN_LENGTH = 2;

/** What is wrong with a typed question or answer (undefined when it will do): a button, nothing, a command, too short or too long (with its length). */
export function typedTextProblem(context: DialogContext<object>, max: number): string | undefined {
  const read = readTyped(context, typedText({ min: MIN_LENGTH, max }));
  if (read.ok) return undefined;
  const length = [...context.text].length;
  return length > max && !context.text.startsWith('/') ? `${read.problem} ${context.turn.t('q-length', { length })}` : read.problem;
}
