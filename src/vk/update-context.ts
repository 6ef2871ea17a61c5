import { Context, MessageContext, MessageEventContext, UpdateSource } from 'vk-io';
import type { VkClient } from './client.js';
import type { UpdateScope, UpdateSender, UpdateState } from '../runtime/update-scope.js';
import type { VkUpdate } from './update-envelope.js';
import type { PersonId } from '../domain/person.js';
import { langIdOf, localeFromLangId } from './lang-id.js';
import { vkPerson, vkUserId } from './person-refs.js';

/**
 * Who sent a VK update, in the records' words: the one place a VK user id becomes the sender's
 * PersonId (the caller's preload and the turn both take it from here). The peer is the dialog or
 * chat; the language the client reports is learnt in a private dialog only. Undefined for the bot's
 * own messages, chat service messages and a community's messages: no person sent those.
 */
export function vkSender(update: VkUpdate): UpdateSender | undefined {
  const object = update.object;
  if (update.type === 'message_event') {
    const userId = Number(object.user_id);
    const peer = Number(object.peer_id);
    return Number.isSafeInteger(userId) && userId > 0 && Number.isSafeInteger(peer) ? { person: vkPerson(userId), peer, learnt: undefined } : undefined;
  }
  if (update.type !== 'message_new') return undefined;
  const message = object.message as { from_id?: unknown; peer_id?: unknown; out?: unknown; action?: unknown } | undefined;
  if (!message || message.action || message.out === 1) return undefined;
  const userId = Number(message.from_id);
  const peer = Number(message.peer_id);
  if (!Number.isSafeInteger(userId) || userId <= 0 || !Number.isSafeInteger(peer)) return undefined;
  const learnt = peer === userId ? localeFromLangId((object.client_info as { lang_id?: number } | undefined)?.lang_id) : undefined;
  return { person: vkPerson(userId), peer, learnt };
}

/** Whether a context is of the update type `type` (vk-io's `is`, for one type, without the arrays it makes per call). */
function isOfType(context: Context, type: string): boolean {
  return context.type === type || context.subTypes.includes(type);
}

/**
 * Updates a person sends, the ones that get a turn (see buildTurn): new messages (not the bot's own,
 * nor chat service messages, whose type vk-io makes their action) and callback button presses.
 */
export function isPersonal(context: Context): boolean {
  if (isOfType(context, 'message_event')) return true;
  return context instanceof MessageContext && isOfType(context, 'message_new') && !context.isOutbox;
}

/**
 * Hands an update from the update gate to vk-io's middleware chain, as vk-io's own Callback API
 * handling would, but with the update's scope and its sender (vkSender) in the context's state: every
 * handler down the chain finds them there (see buildTurn), with no AsyncLocalStorage. Types the bot has no handler for go
 * through vk-io's generic path.
 */
export function dispatchUpdate(vk: VkClient, update: VkUpdate, scope: UpdateScope): Promise<unknown> {
  const options = {
    api: vk.api,
    upload: vk.upload,
    payload: update.object as never,
    groupId: update.group_id,
    updateType: update.type,
    source: UpdateSource.WEBHOOK,
    state: { scope, sender: vkSender(update) } satisfies UpdateState,
  };
  let context: Context;
  if (update.type === 'message_new') context = new MessageContext(options);
  else if (update.type === 'message_event') context = new MessageEventContext(options);
  else return vk.updates.handleWebhookUpdate(update as never);
  return vk.updates.dispatchMiddleware(context);
}

/** A message_new as if `person` had written `text` in their private dialog (a command typed in a chat, run there). */
export function privateMessageUpdate(groupId: number, copy: { person: PersonId; text: string; eventId: string; language: string | undefined }): VkUpdate {
  const langId = langIdOf(copy.language);
  const userId = vkUserId(copy.person);
  return {
    type: 'message_new',
    group_id: groupId,
    event_id: copy.eventId,
    object: {
      message: { id: 0, date: Math.floor(Date.now() / 1000), peer_id: userId, from_id: userId, text: copy.text, conversation_message_id: 0, out: 0, attachments: [], fwd_messages: [], important: false, random_id: 0 },
      ...(langId === undefined ? {} : { client_info: { lang_id: langId } }),
    },
  };
}
