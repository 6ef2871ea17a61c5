import { QUESTION_MAX } from '../src/domain/index.js';
import { askAdmins, typedTextProblem } from '../src/features/help/ask-admin.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { ADMIN_QUESTION } from '../src/features/help/dialogs.js';

type AskState = Record<string, unknown>;

/** Asks the question (typed, with «Отмена»), then sends it to the admins. */
async function questionStep(context: DialogContext<AskState>): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const question = t('q-ask', { max: QUESTION_MAX });
  const ask = (problem?: string) => turn.reply(problem ? `${problem}\n\n${question}` : question, replyKeyboard([[cancelButton(t)]]));
  if (context.firstTime) return ask();
  const problem = typedTextProblem(context, QUESTION_MAX);
  if (problem) return ask(problem);
  const told = await askAdmins(turn.app, turn, context.text);
  await context.leave();
  return turn.reply(told, replyKeyboard([]));
}

const askSteps: DialogStepHandler<AskState>[] = [questionStep];

/** The «Вопрос администратору» dialog (F14). */
export const adminQuestionDialog: DialogDefinition<AskState> = { slug: ADMIN_QUESTION, steps: askSteps };
