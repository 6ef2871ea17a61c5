/**
 * The callback buttons under a broadcast, a webinar or an online lesson of /broadcasts and /lessons
 * (F13, F26, F31): «Перенести» opens the move dialog, «Отменить» cancels it. Every press is checked
 * again (the organiser, the right, the event still planned).
 */
import { enterBroadcastMove } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { BROADCAST_CANCEL, BROADCAST_MOVE, cancelEvent, changeableEvent } from './change-event.js';

/** «Перенести»: asks the new time in the private dialog. */
export const moveBroadcastAction: ActionSpec = {
  name: BROADCAST_MOVE,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeableEvent(app, turn, payload.id);
    if (!found.ok) return found.text;
    if (!press.isPrivate) return t('command-dm-only');
    if (!(await enterBroadcastMove(press.dialogs, payload.id))) return t('bc-finish-dialog');
    return undefined;
  },
};

/** «Отменить»: cancels the event and tells everyone who got it; the card says so and the organiser gets the report. */
export const cancelBroadcastAction: ActionSpec = {
  name: BROADCAST_CANCEL,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeableEvent(app, turn, payload.id);
    if (!found.ok) return found.text;
    const done = await cancelEvent(app, turn, found.event);
    if (!done.ok) return done.text;
    await app.messenger.edit(press.message, { text: t('bc-card-cancelled', { kind: found.event.kind, title: found.event.title }) }).catch(() => undefined);
    await app.messenger.send(turn.caller.personId, { text: done.text });
    return t('bc-cancel-done');
  },
};

export const broadcastActions: readonly ActionSpec[] = [moveBroadcastAction, cancelBroadcastAction];
