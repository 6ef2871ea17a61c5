import { StepScene, type IStepContext, type SceneContext } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { beginOnboarding } from '../src/features/onboarding/begin-onboarding.js';
import { lookupCode, typedCode } from '../src/features/onboarding/code-lookup.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import { looksLikeInviteCode } from '../src/domain/index.js';
import { turnOf } from '../src/turn.js';

/** Scene id of the invite code step (F27, F23): /join without a code, or the «Ввести код приглашения» button. */
export const JOIN_CODE = 'code';

type CodeContext = IStepContext<Record<string, unknown>> & MessageContext;

/** Opens the step that asks for an invite code. */
export function enterJoinCode(context: { scene: SceneContext<Record<string, unknown>> }): Promise<void> {
  return context.scene.enter(JOIN_CODE);
}

/**
 * Asks for the code until it is found (then onboarding begins) or too many wrong codes stop it. Text
 * that is not shaped like a code (a greeting, a sticker) is asked again without counting as a wrong code.
 */
export function joinCodeScene(): StepScene<MessageContext, Record<string, unknown>> {
  const step = async (context: CodeContext): Promise<unknown> => {
    const turn = turnOf(context);
    const { t } = turn;
    const ask = (problem?: string) => turn.reply([problem, t('onb-code-ask')].filter(Boolean).join('\n\n'), replyKeyboard([[cancelButton(t)]]));
    if (context.scene.step.firstTime) return ask();
    if (context.hasMessagePayload) return ask(t('button-stale'));
    const text = (context.text ?? '').trim();
    if (!text) return ask(t('invalid-empty'));
    const code = typedCode(turn.app, text);
    if (code === undefined) return ask(t('invalid-command'));
    if (!looksLikeInviteCode(code)) return ask(t('onb-code-malformed'));
    const found = await lookupCode(turn.app, turn, code);
    if (found.ok) {
      await context.scene.leave();
      return beginOnboarding(context, turn, turn.app, found.view);
    }
    if (found.final) {
      await context.scene.leave();
      return turn.reply(found.text, replyKeyboard([]));
    }
    return ask(found.text);
  };
  return new StepScene<MessageContext, Record<string, unknown>>(JOIN_CODE, { steps: [step] });
}
