import { beginOnboarding } from '../src/features/onboarding/begin-onboarding.js';
import { inviteCodeAnswer, lookupCode } from '../src/features/onboarding/code-lookup.js';
import { readTyped } from '../src/features/shared/answers.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { JOIN_CODE } from '../src/features/onboarding/dialogs.js';

type CodeContext = DialogContext<Record<string, unknown>>;

/**
 * Asks for the code until it is found (then onboarding begins) or too many wrong codes stop it. Text
 * that is not shaped like a code (a greeting, a sticker) is asked again without counting as a wrong code.
 */
function joinCodeSteps(): DialogStepHandler<Record<string, unknown>>[] {
  const step = async (context: CodeContext): Promise<unknown> => {
    const turn = context.turn;
    const { t } = turn;
    const ask = (problem?: string) => turn.reply([problem, t('onb-code-ask')].filter(Boolean).join('\n\n'), replyKeyboard([[cancelButton(t)]]));
    if (context.firstTime) return ask();
    const read = readTyped(context, inviteCodeAnswer(turn.app), t('onb-code-malformed'));
    if (!read.ok) return ask(read.problem);
    const code = read.value;
    const found = await lookupCode(turn.app, turn, code);
    if (found.ok) {
      await context.leave();
      return beginOnboarding(context.message, turn, turn.app, found.view);
    }
    if (found.final) {
      await context.leave();
      return turn.reply(found.text, replyKeyboard([]));
    }
    return ask(found.text);
  };
  return [step];
}

export const joinCodeDialog: DialogDefinition<Record<string, unknown>> = { slug: JOIN_CODE, steps: joinCodeSteps() };
