import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The help's dialogs, as «Вопрос администратору» and «Ответить» open them; scenes/ runs them.

/** Slug of «Вопрос администратору» (F14): the person types a question, it goes to the admins (scenes/admin-question.ts). */
export const ADMIN_QUESTION = 'admin-question';
/** Slug of an admin's answer to a question (F14) (scenes/question-answer.ts). */
export const QUESTION_ANSWER = 'q-answer';

/** What the answer starts from: the question. */
export interface QuestionAnswerStart {
  questionId: string;
}

/** Opens «Вопрос администратору». */
export function enterAdminQuestion(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(ADMIN_QUESTION, { state: {} });
}

/** Opens the answer to one question; false when another dialog is open (the person finishes or cancels it first). */
export function enterQuestionAnswer(dialogs: Dialogs, questionId: string): Promise<boolean> {
  const start: QuestionAnswerStart = { questionId };
  return enterAbout(dialogs, QUESTION_ANSWER, { ...start });
}
