/** The buttons under a material's card (F21): «Опубликовать», «Отклонить» and «Изменить и опубликовать»; every press is checked again by the domain. */
import { enterMaterialDecline, enterMaterialEdit } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { deliverNotices } from '../shared/notices.js';
import type { Dialogs } from '../../messenger/dialogs.js';
import type { Turn } from '../../turn.js';
import type { App } from '../../app.js';
import type { ButtonPress } from '../../messenger/events.js';
import { MAT_DECLINE, MAT_EDIT, MAT_PUBLISH, mayDecide, publishMaterial } from './hand-in-material.js';

/** «Опубликовать»: the material goes out as a post of its channel; the admin gets the post's report. */
export const publishMaterialAction: ActionSpec = {
  name: MAT_PUBLISH,
  async run(_press, payload, turn, app) {
    if (!payload.id) return turn.t('button-stale-short');
    const { outcome, notices } = await publishMaterial(app, turn, payload.id);
    await deliverNotices(app, notices);
    if (outcome.report) await turn.reply(outcome.report);
    return outcome.notice;
  },
};

/**
 * A button that opens a dialog about one pending material in the admin's private dialog (the reason of a
 * decline, the edited text); the material stays pending until the dialog ends.
 */
async function openMaterialDialog(app: App, press: ButtonPress, turn: Turn, id: string | undefined, enter: (dialogs: Dialogs, id: string) => Promise<boolean>): Promise<string | undefined> {
  const { t } = turn;
  if (!id) return t('button-stale-short');
  if (!mayDecide(turn.caller)) return t('ch-denied');
  const material = await app.services.materials.get(id);
  if (!material || material.status !== 'pending') return t('mat-not-pending');
  if (!press.isPrivate) return t('command-dm-only');
  if (!(await enter(press.dialogs, material.id))) return t('req-finish-dialog');
  return undefined;
}

/** «Отклонить»: asks the reason in the admin's private dialog. */
export const declineMaterialAction: ActionSpec = {
  name: MAT_DECLINE,
  run: (press, payload, turn, app) => openMaterialDialog(app, press, turn, payload.id, enterMaterialDecline),
};

/** «Изменить и опубликовать»: asks the edited text, shows it as it will go out, then publishes it. */
export const editMaterialAction: ActionSpec = {
  name: MAT_EDIT,
  run: (press, payload, turn, app) => openMaterialDialog(app, press, turn, payload.id, enterMaterialEdit),
};

/** All buttons of material for the channels. */
export const materialActions: readonly ActionSpec[] = [publishMaterialAction, declineMaterialAction, editMaterialAction];
