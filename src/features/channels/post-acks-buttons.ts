/**
 * The callback buttons of posts asking for an acknowledgement (F12): «Прочитано» under a post's
 * copies (anyone it was for), and under /posts «Кто не подтвердил», its pages and «Напомнить
 * неподтвердившим» (admins only; every press checked again).
 */
import type { ActionSpec } from '../shared/action-registry.js';
import { confirmPost, POST_ACK, POST_REMIND, POST_UNCONFIRMED, remindUnconfirmed, unconfirmedPage } from './post-acks.js';

/** «Прочитано»: records the presser's confirmation once; the snackbar says so. */
export const confirmPostAction: ActionSpec = {
  name: POST_ACK,
  run(press, payload, turn, app) {
    return confirmPost(app, turn, press, payload.id);
  },
};

/** «Кто не подтвердил» (a new message with the first page) and its «Назад»/«Дальше» (the same message edited). */
export const unconfirmedAction: ActionSpec = {
  name: POST_UNCONFIRMED,
  async run(press, payload, turn, app) {
    const opening = payload.v === 'open';
    const page = opening ? 0 : Number(payload.v);
    if (!Number.isInteger(page) || page < 0) return turn.t('button-stale-short');
    const shown = await unconfirmedPage(app, turn, payload.id, page);
    if (!shown.ok) return shown.text;
    const content = { text: shown.text, keyboard: shown.keyboard };
    if (opening) await app.messenger.send(turn.caller.personId, content);
    else await app.messenger.edit(press.message, content);
    return undefined;
  },
};

/** «Напомнить неподтвердившим»: one reminder to those who have not confirmed; the author gets how many were reminded. */
export const remindAction: ActionSpec = {
  name: POST_REMIND,
  async run(press, payload, turn, app) {
    const done = await remindUnconfirmed(app, turn, payload.id);
    if (!done.ok) return done.text;
    await app.messenger.send(turn.caller.personId, { text: done.report });
    return undefined;
  },
};

export const postAckActions: readonly ActionSpec[] = [confirmPostAction, unconfirmedAction, remindAction];
