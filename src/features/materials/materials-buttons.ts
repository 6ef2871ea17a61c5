/** The buttons under a material's card (F21): «Опубликовать» and «Отклонить»; every press is checked again by the domain. */
import { enterMaterialDecline } from '../../../scenes/material-decline.js';
import { pressedInPrivate } from '../../messenger/events.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { deliverNotices } from '../shared/notices.js';
import { MAT_DECLINE, MAT_PUBLISH, mayDecide, publishMaterial } from './hand-in-material.js';

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

/** «Отклонить»: asks the reason in the admin's private dialog (the material stays pending until it is given). */
export const declineMaterialAction: ActionSpec = {
  name: MAT_DECLINE,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!payload.id) return t('button-stale-short');
    if (!mayDecide(turn.caller)) return t('ch-denied');
    const material = await app.services.materials.get(payload.id);
    if (!material || material.status !== 'pending') return t('mat-not-pending');
    if (!pressedInPrivate(press)) return t('command-dm-only');
    if (!(await enterMaterialDecline(press.dialogs, material.id))) return t('req-finish-dialog');
    return undefined;
  },
};

/** All buttons of material for the channels. */
export const materialActions: readonly ActionSpec[] = [publishMaterialAction, declineMaterialAction];
