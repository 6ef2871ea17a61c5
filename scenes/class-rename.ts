import { renameClass } from '../src/features/classes/rename-class.js';
import { replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { CLASS_RENAME, type ClassRenameStart } from '../src/features/classes/dialogs.js';
import { readTyped, typedText } from '../src/features/shared/answers.js';

interface RenameState extends Partial<ClassRenameStart>, Record<string, unknown> {}

type RenameContext = DialogContext<RenameState>;

/** The new name, typed: the domain checks it is a class's name (and not taken). */
const NEW_NAME = typedText({ max: 20 });

/** Asks the new name; a bad or taken name is asked again with the reason, other refusals end the dialog. */
function classRenameSteps(): DialogStepHandler<RenameState>[] {
  const step = async (context: RenameContext): Promise<unknown> => {
    const turn = context.turn;
    const { t } = turn;
    const { classId = '', className = '' } = context.state;
    const askAgain = (problem?: string) =>
      turn.reply([problem, t('cls-rename-ask', { name: className })].filter(Boolean).join('\n\n'), replyKeyboard([[{ label: t('btn-cancel'), payload: { k: 'cmd', c: 'cancel' }, color: 'negative' }]]));
    if (context.firstTime) return askAgain();
    const typed = readTyped(context, NEW_NAME);
    if (!typed.ok) return askAgain(typed.problem);
    const { outcome } = await renameClass(turn.app, turn, classId, typed.value);
    if (outcome.kind === 'bad-name') return askAgain(outcome.text);
    await turn.reply(outcome.kind === 'renamed' ? t('cls-renamed', { from: className, to: outcome.classGroup.name }) : outcome.text, replyKeyboard([]));
    return context.leave();
  };
  return [step];
}

export const classRenameDialog: DialogDefinition<RenameState> = { slug: CLASS_RENAME, steps: classRenameSteps() };
