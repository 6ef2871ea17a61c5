/** «Создать чат руководства» and «Создать чат коллектива» (F22): callback buttons under the /коллектив overview. */
import { isAdminChatKind } from '../../domain/index.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { AC_CREATE, adminChatsMessage, createAdminChat, mayCreateAdminChats } from './admin-chats.js';

/** Makes the chat named in the payload (the domain re-checks the presser's right), reports in a message, redraws the overview. */
export const createAdminChatAction: ActionSpec = {
  name: AC_CREATE,
  async run(press, payload, turn, app) {
    const { t } = turn;
    if (!isAdminChatKind(payload.id)) return t('button-stale-short');
    if (!mayCreateAdminChats(turn.caller)) return t('ac-denied-short');
    const outcome = await createAdminChat(app, turn, payload.id);
    if (outcome.kind === 'refused') return t('ac-denied-short');
    await turn.reply(outcome.text);
    if (press.isPrivate) {
      const overview = await adminChatsMessage(app, t);
      await app.messenger.edit(press.message, overview).catch(() => undefined);
    }
    return t(outcome.kind === 'created' ? 'ac-created-short' : outcome.kind === 'exists' ? 'ac-exists-short' : 'ac-busy-short');
  },
};

/** All callback buttons of the administration chats. */
export const adminChatActions: readonly ActionSpec[] = [createAdminChatAction];
