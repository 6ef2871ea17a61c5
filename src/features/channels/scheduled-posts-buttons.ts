/**
 * The callback buttons under a scheduled post of /scheduled (F12): «Изменить текст» and «Перенести»
 * open their dialogs, «Отменить» cancels it. Every press is checked again (the right, the post still scheduled).
 */
import type { Dialogs } from '../../messenger/dialogs.js';
import { enterScheduledPostEdit, enterScheduledPostMove } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { cancelScheduledPost, changeablePost, SP_CANCEL, SP_EDIT, SP_MOVE } from './scheduled-posts.js';

/** A button that opens, in the presser's private dialog, a dialog about a post still scheduled (checked again). */
function dialogAction(name: string, enter: (dialogs: Dialogs, postId: string) => Promise<boolean>): ActionSpec {
  return {
    name,
    async run(press, payload, turn, app) {
      const { t } = turn;
      if (!payload.id) return t('button-stale-short');
      const found = await changeablePost(app, turn, payload.id);
      if (!found.ok) return found.text;
      if (!press.isPrivate) return t('command-dm-only');
      if (!(await enter(press.dialogs, payload.id))) return t('sp-finish-dialog');
      return undefined;
    },
  };
}

/** «Изменить текст»: asks the new text in the private dialog. */
export const editScheduledPostAction = dialogAction(SP_EDIT, enterScheduledPostEdit);

/** «Перенести»: asks the new time in the private dialog. */
export const moveScheduledPostAction = dialogAction(SP_MOVE, enterScheduledPostMove);

/** «Отменить»: cancels the post; the card says so and the presser gets the confirmation. */
export const cancelScheduledPostAction: ActionSpec = {
  name: SP_CANCEL,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeablePost(app, turn, payload.id);
    if (!found.ok) return found.text;
    // Checked again in the change itself: the job may take the post meanwhile.
    const done = await cancelScheduledPost(app, turn, payload.id);
    if (!done.ok) return done.text;
    await app.messenger.edit(press.message, { text: t('sp-card-cancelled') }).catch(() => undefined);
    await app.messenger.send(turn.caller.personId, { text: done.text });
    return t('sp-cancel-done');
  },
};

export const scheduledPostActions: readonly ActionSpec[] = [editScheduledPostAction, moveScheduledPostAction, cancelScheduledPostAction];
