import { ANSWER_MAX } from '../src/domain/index.js';
import { answerQuestion, answerRefusal, typedTextProblem } from '../src/features/help/ask-admin.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { QUESTION_ANSWER, type QuestionAnswerStart } from '../src/features/help/dialogs.js';

interface AnswerState extends Partial<QuestionAnswerStart>, Record<string, unknown> {}

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

const answerSteps: DialogStepHandler<AnswerState>[] = [answerStep];

/** The dialog of an admin's answer to a question (F14). */
export const questionAnswerDialog: DialogDefinition<AnswerState> = { slug: QUESTION_ANSWER, steps: answerSteps };
