import type { Dialogs } from '../../messenger/dialogs.js';
import { QUESTION_MAX } from '../../domain/index.js';
import { askAdmins, typedTextProblem } from './ask-admin.js';
import { cancelButton, replyKeyboard } from '../shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../../turn.js';

/** Scene id of «Вопрос администратору» (F14): the person types a question, it goes to the admins. */
export const ADMIN_QUESTION = 'admin-question';

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

/** Opens «Вопрос администратору» at its question. */
export function enterAdminQuestion(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(ADMIN_QUESTION, { state: {} });
}

const askSteps: DialogStepHandler<AskState>[] = [questionStep];

/** The «Вопрос администратору» dialog (F14). */
export const adminQuestionDialog: DialogDefinition<AskState> = { slug: ADMIN_QUESTION, steps: askSteps };
