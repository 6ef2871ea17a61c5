import type { Dialogs } from '../../messenger/dialogs.js';
import { SCHOOL_FIELDS, type SchoolField, type SchoolProfile } from '../../domain/school.js';

// The school's dialog, as /school and /setup open it; scenes/school-setup.ts runs it.

/** Slug of the school setup dialog (F01, F02, F03): six questions, a summary, then the profile and the application. */
export const SCHOOL_SETUP = 'school-setup';
/** The setup's summary step: it follows the six questions, one a field. */
export const SCHOOL_SUMMARY_STEP = SCHOOL_FIELDS.length;

/** What the setup starts from: nothing (the first question), or an existing profile shown as the summary. */
export interface SchoolSetupStart {
  fields?: Partial<Record<SchoolField, string>>;
  /** True when the person came from the summary to change one field: after it, back to the summary. */
  editing?: boolean;
  startAt?: number;
}

/** Opens the setup dialog: from the first question, or at the summary when editing an existing profile. */
export function enterSchoolSetup(dialogs: Dialogs, profile: SchoolProfile | null): Promise<unknown> {
  const fields = profile ? (Object.fromEntries(SCHOOL_FIELDS.map((field) => [field, profile[field]])) as Record<SchoolField, string>) : undefined;
  const state: SchoolSetupStart = fields ? { fields, startAt: SCHOOL_SUMMARY_STEP, editing: true } : {};
  return dialogs.enter(SCHOOL_SETUP, { state: { ...state } });
}
