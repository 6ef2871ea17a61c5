/**
 * The «which class?» question of a dialog step: the classes as buttons, paged when they do not fit
 * one keyboard, or a class's name typed. The invite builder, the study chat and the meeting dialogs ask it.
 */
import type { DialogContext } from '../../turn.js';
import { cancelButton, replyKeyboard, sceneButton } from './keyboards.js';
import { pageToken, parsePageToken, pickerPage, withPageNote } from './paging.js';
import { sceneValue } from './payload.js';

/**
 * Asks the dialog `slug`'s class question, or reads its answer: the class chosen (the caller moves
 * on), or undefined when the question was asked (first, on another page, or again with `problem()`).
 */
export async function askClass<C extends { id: string; name: string }>(
  context: DialogContext<{ classPage?: number }>,
  slug: string,
  classes: readonly C[],
  questionText: string,
  problem: () => string,
): Promise<C | undefined> {
  const { t, app } = context.turn;
  const pressed = context.firstTime ? undefined : sceneValue(context.payload, slug);
  const turnTo = parsePageToken(pressed);
  if (turnTo !== undefined) context.state.classPage = turnTo;
  const picked = pickerPage(t, classes.map((c) => sceneButton(slug, c.name, c.id)), {
    perRow: 5,
    page: context.state.classPage ?? 1,
    goTo: (label, n) => sceneButton(slug, label, pageToken(n), 'primary'),
    tail: [[cancelButton(t)]],
  });
  const question = withPageNote(questionText, picked);
  const ask = async (lead?: string): Promise<undefined> => {
    await context.turn.reply(lead ? `${lead}\n\n${question}` : question, replyKeyboard(picked.rows));
    return undefined;
  };
  if (context.firstTime || turnTo !== undefined) return ask();
  let chosen = pressed !== undefined ? classes.find((c) => c.id === pressed) : undefined;
  if (!chosen && !context.hasPayload && context.text) {
    const found = await app.services.classes.findByName(context.text);
    chosen = found && classes.find((c) => c.id === found.id);
  }
  return chosen ?? ask(problem());
}
