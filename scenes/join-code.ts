import { beginOnboarding } from '../src/features/onboarding/begin-onboarding.js';
import { lookupCode, typedCode } from '../src/features/onboarding/code-lookup.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import { looksLikeInviteCode } from '../src/domain/index.js';
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
    if (context.hasPayload) return ask(t('button-stale'));
    const text = context.text;
    if (!text) return ask(t('invalid-empty'));
    const code = typedCode(turn.app, text);
    if (code === undefined) return ask(t('invalid-command'));
    if (!looksLikeInviteCode(code)) return ask(t('onb-code-malformed'));
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
