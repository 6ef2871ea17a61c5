import type { Dialogs } from '../../messenger/dialogs.js';

// The invites' dialog, as /invite and /sendinvite open it; scenes/invite-builder.ts runs it.

/** Slug of the invite builder (F05): class → role → uses → days → confirm; also «send to a person». */
export const INVITE_BUILDER = 'inv-build';
/** The builder's step that asks whom to send an invite to. */
export const INVITE_RECIPIENT_STEP = 5;

/** What the builder starts from: nothing (the class question), or the invite to send to a person. */
export interface InviteBuilderStart {
  inviteId?: string;
  startAt?: number;
}

/** Opens the invite builder at its first question, or at «whom to send it to» for an invite made already. */
export function enterInviteBuilder(dialogs: Dialogs, sendInviteId?: string): Promise<unknown> {
  const state: InviteBuilderStart = sendInviteId ? { inviteId: sendInviteId, startAt: INVITE_RECIPIENT_STEP } : {};
  return dialogs.enter(INVITE_BUILDER, { state: { ...state } });
}
