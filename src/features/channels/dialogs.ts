import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The channels' dialogs, as /post and the buttons under a scheduled post open them; scenes/ runs them.

/** Slug of the post dialog (F12): channel → text → preview and pinning → when → confirm (scenes/post.ts). */
export const POST = 'post';
/** Slug of re-wording a scheduled post (F12): the new text, its preview, then it is kept (scenes/scheduled-post-edit.ts). */
export const SCHEDULED_POST_EDIT = 'sp-edit';
/** Slug of moving a scheduled post (F12): one question, the new time (scenes/scheduled-post-move.ts). */
export const SCHEDULED_POST_MOVE = 'sp-move';

/** What editing or moving a scheduled post starts from: the post. */
export interface ScheduledPostStart {
  postId: string;
}

/** Opens the post dialog at its first question. */
export function enterPost(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(POST, { state: {} });
}

/** Opens the re-wording of a scheduled post; false when another dialog is open (the person finishes or cancels it first). */
export function enterScheduledPostEdit(dialogs: Dialogs, postId: string): Promise<boolean> {
  const start: ScheduledPostStart = { postId };
  return enterAbout(dialogs, SCHEDULED_POST_EDIT, { ...start });
}

/** Opens the move of a scheduled post; false when another dialog is open (the person finishes or cancels it first). */
export function enterScheduledPostMove(dialogs: Dialogs, postId: string): Promise<boolean> {
  const start: ScheduledPostStart = { postId };
  return enterAbout(dialogs, SCHEDULED_POST_MOVE, { ...start });
}
