import type { Dialogs } from '../../messenger/dialogs.js';

// The study chats' dialog, as /chat opens it; scenes/study-chat.ts runs it.

/**
 * Slug of the study chat dialog (F25): which chat; a subject chat: class → subject → who gets the
 * link → title and confirm; another chat: title → audience → whether the parents get the link → confirm.
 */
export const STUDY_CHAT = 'study-chat';

/** Opens the study chat dialog at its first question. */
export function enterStudyChat(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(STUDY_CHAT, { state: {} });
}
