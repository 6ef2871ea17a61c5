/** The «Подтвердить статус» callback button (F09, F20, F24): on a verifier's notice or in the /verify list. */
import { asPersonId } from '../../domain/person.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { deliverNotices } from '../shared/notices.js';
import { confirmTeacher } from './confirm-teacher.js';
import { VER_CONFIRM, verifyListMessage } from './verify-notices.js';

/** Confirms the teacher named in the payload (the service re-checks the presser's right); the /verify list is redrawn in place. */
export const confirmTeacherAction: ActionSpec = {
  name: VER_CONFIRM,
  async run(context, payload, turn, app) {
    const { t } = turn;
    const personId = asPersonId(payload.id ?? '');
    if (personId === undefined) return t('button-stale-short');
    const { outcome, notices } = await confirmTeacher(app, turn, personId);
    await deliverNotices(app, notices);
    if (payload.v === 'list' && outcome.kind !== 'refused' && context.isPrivate) {
      const list = await verifyListMessage(app, t);
      await app.messenger.edit(context.message, list).catch(() => undefined);
    }
    if (outcome.kind === 'refused') return outcome.text;
    const name = outcome.teacher.name || t('pp-nameless');
    if (outcome.kind === 'done') return t('ver-done-short', { name });
    return outcome.by ? t('ver-already-short-by', { name, by: outcome.by }) : t('ver-already-short', { name });
  },
};

/** All callback buttons of teacher verification. */
export const verifyActions: readonly ActionSpec[] = [confirmTeacherAction];
