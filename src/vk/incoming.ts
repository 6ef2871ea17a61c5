/**
 * VK's updates in the messenger port's words: a message_new becomes an IncomingMessage, a
 * message_event a ButtonPress, each with the person's dialogs (@vk-io/scenes behind Dialogs).
 */
import type { IContext, SceneContext } from '@vk-io/scenes';
import type { MessageContext, MessageEventContext } from 'vk-io';
import type { Dialogs } from '../messenger/dialogs.js';
import type { ButtonPress, IncomingMessage } from '../messenger/events.js';
import { localeFromLangId } from '../i18n.js';

/** A message context with its scenes (the bot's middleware attaches them). */
export type VkMessageContext = MessageContext & IContext;
/** A button press context with its session and scenes. */
export type VkPressContext = MessageEventContext & IContext;

/** @vk-io/scenes' scene controls as the port's Dialogs. */
export function dialogsOf(scene: SceneContext<Record<string, unknown>>): Dialogs {
  return {
    get current() {
      return scene.current?.slug;
    },
    enter: (slug, options) => scene.enter(slug, options),
    leave: (options) => scene.leave(options),
    repeatStep: () => {
      scene.session.firstTime = true;
      return scene.reenter();
    },
  };
}

/** Splits a community's mention (`[club1|@school]`, `[public1|Школа],`) off the front of a text: the rest, and whose it was. */
export function splitMention(text: string, groupId: number): { text: string; mention: IncomingMessage['mention'] } {
  const trimmed = text.trim();
  const found = /^\[(club|public)(\d+)\|[^\]]*\][\s,:]*/i.exec(trimmed);
  if (!found) return { text: trimmed, mention: 'none' };
  return { text: trimmed.slice(found[0].length), mention: Number(found[2]) === groupId ? 'bot' : 'other' };
}

/** A message_new to the community `groupId` as the port's IncomingMessage. */
export function incomingMessage(context: VkMessageContext, groupId: number): IncomingMessage {
  const ref = context.referralValue;
  const { text, mention } = splitMention(context.text ?? '', groupId);
  return {
    kind: 'message',
    from: { platform: 'vk', id: context.senderId },
    chat: context.peerId,
    isPrivate: context.isDM,
    text,
    mention,
    payload: context.messagePayload,
    startRef: ref ? { value: ref, source: context.referralSource } : undefined,
    language: localeFromLangId(context.clientInfo?.lang_id),
    ref: { chat: context.peerId, id: String(context.conversationMessageId ?? 0) },
    dialogs: dialogsOf(context.scene),
  };
}

/** A message_event (a callback button pressed) as the port's ButtonPress. */
export function buttonPress(context: VkPressContext): ButtonPress {
  return {
    kind: 'press',
    from: { platform: 'vk', id: context.userId },
    chat: context.peerId,
    payload: context.eventPayload,
    message: { chat: context.peerId, id: String(context.conversationMessageId) },
    pressId: context.eventId,
    dialogs: dialogsOf(context.scene),
  };
}
