import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';
import { ANSWER_MAX } from '../../domain/index.js';
import { answerQuestion, answerRefusal, typedTextProblem } from './ask-admin.js';
import { cancelButton, replyKeyboard } from '../shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../../turn.js';

/** Scene id of an admin's answer to a question (F14). */
export const QUESTION_ANSWER = 'q-answer';

interface AnswerState extends Record<string, unknown> {
  questionId?: string;
}

/** Asks the admin's answer (typed, with «Отмена»), then relays it to the person. */
async function answerStep(context: DialogContext<AnswerState>): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.questionId;
  // Checked when the dialog opens; the answer itself is checked again by the domain, which also tells a
  // retried update (after a crash) that it was this answer, so the person still gets it once.
  const refusal = context.firstTime || !id ? await answerRefusal(app, turn, id) : undefined;
  if (!id || refusal) {
    await context.leave();
    return turn.reply(refusal ?? t('button-stale-short'), replyKeyboard([]));
  }
  const question = t('q-ask-answer', { max: ANSWER_MAX });
  const ask = (problem?: string) => turn.reply(problem ? `${problem}\n\n${question}` : question, replyKeyboard([[cancelButton(t)]]));
  if (context.firstTime) return ask();
  const problem = typedTextProblem(context, ANSWER_MAX);
  if (problem) return ask(problem);
  const told = await answerQuestion(app, turn, id, context.text);
  await context.leave();
  return turn.reply(told, replyKeyboard([]));
}

/** Opens the answer dialog for one question; false when another dialog is open. */
export function enterQuestionAnswer(dialogs: Dialogs, questionId: string): Promise<boolean> {
  return enterAbout(dialogs, QUESTION_ANSWER, { questionId });
}

const answerSteps: DialogStepHandler<AnswerState>[] = [answerStep];

/** The dialog of an admin's answer to a question (F14). */
export const questionAnswerDialog: DialogDefinition<AnswerState> = { slug: QUESTION_ANSWER, steps: answerSteps };
