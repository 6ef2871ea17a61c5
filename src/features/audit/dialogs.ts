import type { Dialogs } from '../../messenger/dialogs.js';

// The journal's dialog, as «Другие даты» under /журнал opens it; scenes/audit-dates.ts runs it.

/** Slug of the dialog that asks for the journal's dates (F10): a period typed as «01.09–30.09». */
export const AUDIT_DATES = 'audit-dates';

/** What the dates dialog starts from: the command's arguments for the class and the person chosen before. */
export interface AuditDatesStart {
  filterArgs: string;
}

/** Opens the dates dialog, keeping the journal's other filters. */
export function enterAuditDates(dialogs: Dialogs, filterArgs: string): Promise<unknown> {
  const start: AuditDatesStart = { filterArgs };
  return dialogs.enter(AUDIT_DATES, { state: { ...start } });
}
