import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The join requests' dialog, as «Отклонить с причиной» opens it; scenes/reject-reason.ts runs it.

/** Slug of the «reason for rejecting a join request» dialog (F08). */
export const REJECT_REASON = 'reject-reason';

/** What the reason dialog starts from: the request being rejected. */
export interface RejectReasonStart {
  requestId: string;
}

/** Opens the reason dialog for one request; false when another dialog is open (the person finishes or cancels it first). */
export function enterRejectReason(dialogs: Dialogs, requestId: string): Promise<boolean> {
  const start: RejectReasonStart = { requestId };
  return enterAbout(dialogs, REJECT_REASON, { ...start });
}
