/**
 * The callback buttons under a scheduled post of /scheduled (F12): «Изменить текст» and «Перенести»
 * open their dialogs, «Отменить» cancels it. Every press is checked again (the right, the post still scheduled).
 */
import { pressedInPrivate } from '../../messenger/events.js';
import { enterScheduledPostEdit } from '../../../scenes/scheduled-post-edit.js';
import { enterScheduledPostMove } from '../../../scenes/scheduled-post-move.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { cancelScheduledPost, changeablePost, SP_CANCEL, SP_EDIT, SP_MOVE } from './scheduled-posts.js';

/** «Изменить текст»: asks the new text in the private dialog. */
export const editScheduledPostAction: ActionSpec = {
  name: SP_EDIT,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeablePost(app, turn, payload.id);
    if (!found.ok) return found.text;
    if (!pressedInPrivate(press)) return t('command-dm-only');
    if (!(await enterScheduledPostEdit(press.dialogs, payload.id))) return t('sp-finish-dialog');
    return undefined;
  },
};

/** «Перенести»: asks the new time in the private dialog. */
export const moveScheduledPostAction: ActionSpec = {
  name: SP_MOVE,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeablePost(app, turn, payload.id);
    if (!found.ok) return found.text;
    if (!pressedInPrivate(press)) return t('command-dm-only');
    if (!(await enterScheduledPostMove(press.dialogs, payload.id))) return t('sp-finish-dialog');
    return undefined;
  },
};

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
    await app.messenger.send(press.from.id, { text: done.text });
    return t('sp-cancel-done');
  },
};

export const scheduledPostActions: readonly ActionSpec[] = [editScheduledPostAction, moveScheduledPostAction, cancelScheduledPostAction];
