import { checkPersonName } from '../src/domain/person-names.js';
import { replyKeyboard, type Button, cancelButton, sceneButton } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { answerConsent } from '../src/features/consent/answer-consent.js';
import { parentConsentText } from '../src/features/onboarding/parent-consent.js';
import { nameProblem } from '../src/features/onboarding/name-problem.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { PARENT_CONSENT, type ParentConsentStart } from '../src/features/consent/dialogs.js';
import { sceneChoice } from '../src/features/shared/answers.js';

interface ParentConsentState extends ParentConsentStart, Record<string, unknown> {
  /** «Имя Фамилия» from VK, offered as a button when it looks like a real name. */
  vkName?: string;
  name?: string;
}

type ParentConsentContext = DialogContext<ParentConsentState>;

const button = (label: string, value: string, color?: Button['color']): Button => sceneButton(PARENT_CONSENT, label, value, color);

function ask(context: ParentConsentContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  const { t } = context.turn;
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(t)]]));
}

/** Whose consent is asked (child, class, school), then the parent's own name, as in onboarding. */
async function nameStep(context: ParentConsentContext): Promise<unknown> {
  const { t, caller, app } = context.turn;
  const state = context.state;
  if (context.firstTime && state.vkName === undefined) {
    const profile = await app.messenger.profile(caller.personId);
    // Offered in the order the question asks for, «Фамилия Имя», as onboarding does.
    const check = profile ? checkPersonName(`${profile.lastName} ${profile.firstName}`) : undefined;
    state.vkName = check?.ok ? check.value : '';
  }
  const rows = state.vkName ? [[button(state.vkName, 'vk', 'primary')]] : [];
  const question = t(state.vkName ? 'cns-parent-ask-name-vk' : 'cns-parent-ask-name');
  if (context.firstTime) {
    const intro = t('cns-parent-intro', { child: state.childName, class: state.className, school: state.schoolName });
    return ask(context, `${intro}\n\n${question}`, rows);
  }
  if (sceneValue(context.payload, PARENT_CONSENT) === 'vk' && state.vkName) {
    state.name = state.vkName;
    return context.next();
  }
  const check = context.hasPayload ? undefined : checkPersonName(context.text);
  if (!check?.ok) return ask(context, question, rows, nameProblem(t, context, check));
  state.name = check.value;
  return context.next();
}

/** The consent text with «Даю согласие» and «Не даю согласия»; the answer goes to the use case. */
async function consentStep(context: ParentConsentContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const state = context.state;
  if (!state.name) return context.go(0);
  const text = parentConsentText(t, { parent: state.name, child: state.childName, className: state.className, school: state.schoolName });
  const rows = [[button(t('cns-btn-give'), 'give', 'positive'), button(t('cns-btn-decline'), 'decline', 'negative')]];
  if (context.firstTime) return ask(context, text, rows);
  const pressed = sceneChoice(context.payload, PARENT_CONSENT, ['give', 'decline']);
  if (!pressed) return ask(context, text, rows, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
  const report = await answerConsent(turn.app, turn, state.token, state.name, pressed);
  await context.leave();
  return turn.reply(report.text, replyKeyboard([]));
}

const steps: DialogStepHandler<ParentConsentState>[] = [nameStep, consentStep];

/** The parent's consent dialog: whose consent, the parent's name, the consent text and the answer. */
export const parentConsentDialog: DialogDefinition<ParentConsentState> = { slug: PARENT_CONSENT, steps };
