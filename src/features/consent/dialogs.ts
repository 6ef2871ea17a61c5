import type { Dialogs } from '../../messenger/dialogs.js';

// The consent's dialog, as a consent link opens it; scenes/parent-consent.ts runs it.

/** Slug of a parent's consent for a child (152-ФЗ), opened by a consent link. */
export const PARENT_CONSENT = 'pcons';

/** What the dialog starts from: the link's token and whose consent it asks. */
export interface ParentConsentStart {
  token: string;
  childName: string;
  className: string;
  schoolName: string;
}

/** Opens the parent's consent dialog for one link. */
export function enterParentConsent(dialogs: Dialogs, start: ParentConsentStart): Promise<unknown> {
  return dialogs.enter(PARENT_CONSENT, { state: { ...start } });
}
