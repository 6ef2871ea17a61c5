import type { Dialogs } from '../../messenger/dialogs.js';
import type { InviteRole } from '../../domain/index.js';

// The dialogs of joining, as /join, /start with an invite and the «Ввести код» button open them; scenes/ runs them.

/** Slug of the invite code step (F27, F23): /join without a code, or the «Ввести код приглашения» button (scenes/join-code.ts). */
export const JOIN_CODE = 'code';
/** Slug of onboarding (F23, F27, F19): confirm the invite, name, child or subjects, consent, then a join request (scenes/onboarding.ts). */
export const ONBOARDING = 'onb';

/** What onboarding starts from: the invite and how to show it. */
export interface OnboardingStart {
  inviteId: string;
  role: InviteRole;
  className: string;
  schoolName: string;
}

/** Opens the code step: the person types the invite's code. */
export function enterJoinCode(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(JOIN_CODE);
}

/** Opens onboarding for a working invite (the checks are done by the caller, see begin-onboarding.ts). */
export function enterOnboarding(dialogs: Dialogs, start: OnboardingStart): Promise<unknown> {
  return dialogs.enter(ONBOARDING, { state: { ...start } });
}
