/**
 * The callback buttons under a meeting of /meetings (F22): «Перенести» opens the move dialog,
 * «Отменить» cancels it. Every press is checked again (the organiser, the right, the meeting still planned).
 */
import { personId } from '../../domain/person.js';
import { enterMeetingMove } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { cancelMeeting, changeableMeeting, MEETING_CANCEL, MEETING_MOVE } from './plan-meeting.js';

/** «Перенести»: asks the new time in the private dialog. */
export const moveMeetingAction: ActionSpec = {
  name: MEETING_MOVE,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeableMeeting(app, turn, payload.id);
    if (!found.ok) return found.text;
    if (!press.isPrivate) return t('command-dm-only');
    if (!(await enterMeetingMove(press.dialogs, payload.id))) return t('mt-finish-dialog');
    return undefined;
  },
};

/** «Отменить»: cancels the meeting, tells everyone invited; the card says so and the organiser gets the report. */
export const cancelMeetingAction: ActionSpec = {
  name: MEETING_CANCEL,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    const found = await changeableMeeting(app, turn, payload.id);
    if (!found.ok) return found.text;
    const done = await cancelMeeting(app, turn, payload.id);
    if (!done.ok) return done.text;
    await app.messenger.edit(press.message, { text: t('mt-card-cancelled', { title: found.meeting.title }) }).catch(() => undefined);
    await app.messenger.send(personId(press.from), { text: done.text });
    return t('mt-cancel-done');
  },
};

export const meetingActions: readonly ActionSpec[] = [moveMeetingAction, cancelMeetingAction];
