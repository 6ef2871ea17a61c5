/**
 * VK's updates in the messenger port's words: a message_new becomes an IncomingMessage, a
 * message_event a ButtonPress, each with the person's dialogs (@vk-io/scenes behind Dialogs); a
 * chat's service message about its members (a message_new with an `action`) a ChatMemberChange.
 */
import type { IContext, SceneContext } from '@vk-io/scenes';
import { DocumentAttachment, PhotoAttachment, type MessageContext, type MessageEventContext } from 'vk-io';
import type { Dialogs } from '../messenger/dialogs.js';
import type { ButtonPress, ChatMemberChange, IncomingAttachment, IncomingMessage } from '../messenger/events.js';
import { localeFromLangId } from './lang-id.js';

/** A message context with its scenes (the bot's middleware attaches them). */
export type VkMessageContext = MessageContext & IContext;
/** A button press context with its session and scenes. */
export type VkPressContext = MessageEventContext & IContext;

/** @vk-io/scenes' scene controls as the port's Dialogs (a class: no closures made per message). */
class SceneDialogs implements Dialogs {
  constructor(private readonly scene: SceneContext<Record<string, unknown>>) {}

  get current(): string | undefined {
    return this.scene.current?.slug;
  }

  enter(slug: string, options?: { state?: Record<string, unknown> }): Promise<unknown> {
    return this.scene.enter(slug, options);
  }

  leave(options?: { canceled?: boolean; silent?: boolean }): Promise<unknown> {
    return this.scene.leave(options);
  }

  repeatStep(): Promise<unknown> {
    this.scene.session.firstTime = true;
    return this.scene.reenter();
  }
}

/** @vk-io/scenes' scene controls as the port's Dialogs. */
export function dialogsOf(scene: SceneContext<Record<string, unknown>>): Dialogs {
  return new SceneDialogs(scene);
}

/** Splits a community's mention (`[club1|@school]`, `[public1|Школа],`) off the front of a text: the rest, and whose it was. */
export function splitMention(text: string, groupId: number): { text: string; mention: IncomingMessage['mention'] } {
  const trimmed = text.trim();
  const found = /^\[(club|public)(\d+)\|[^\]]*\][\s,:]*/i.exec(trimmed);
  if (!found) return { text: trimmed, mention: 'none' };
  return { text: trimmed.slice(found[0].length), mention: Number(found[2]) === groupId ? 'bot' : 'other' };
}

/** Where a context keeps its IncomingMessage once made: the router's steps and a dialog's step read the same one. */
const MADE = Symbol('incoming message');

/** A message_new to the community `groupId` as the port's IncomingMessage (made once a context). */
export function incomingMessage(context: VkMessageContext, groupId: number): IncomingMessage {
  const state = context.state as { [MADE]?: IncomingMessage };
  return (state[MADE] ??= makeIncoming(context, groupId));
}

function makeIncoming(context: VkMessageContext, groupId: number): IncomingMessage {
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
    attachments: incomingAttachments(context),
    startRef: ref ? { value: ref, source: context.referralSource } : undefined,
    language: localeFromLangId(context.clientInfo?.lang_id),
    ref: { chat: context.peerId, id: String(context.conversationMessageId ?? 0) },
    dialogs: dialogsOf(context.scene),
  };
}

/** The photos (their largest size) and documents of a message, in order; anything else as `other`. */
function incomingAttachments(context: VkMessageContext): IncomingAttachment[] {
  // A dialog entered from a button press has a press as its context: no attachments there.
  return (context.attachments ?? []).map((attachment): IncomingAttachment => {
    if (attachment instanceof PhotoAttachment) {
      // The largest size by area (vk-io's largeSizeUrl throws when VK gives none of the sizes it expects).
      const url = [...(attachment.sizes ?? [])].sort((a, b) => b.width * b.height - a.width * a.height).find((size) => size.url)?.url;
      return url ? { kind: 'photo', url, name: `photo${attachment.id}.jpg` } : { kind: 'other' };
    }
    if (attachment instanceof DocumentAttachment) {
      return attachment.url ? { kind: 'document', url: attachment.url, name: attachment.title ?? `document.${attachment.extension ?? 'bin'}` } : { kind: 'other' };
    }
    return { kind: 'other' };
  });
}

/** A message_event (a callback button pressed) as the port's ButtonPress. */
export function buttonPress(context: VkPressContext): ButtonPress {
  return {
    kind: 'press',
    from: { platform: 'vk', id: context.userId },
    chat: context.peerId,
    // VK: a private dialog's peer is the person's own id; a chat's is 2000000000 and more.
    isPrivate: context.peerId === context.userId,
    payload: context.eventPayload,
    message: { chat: context.peerId, id: String(context.conversationMessageId) },
    pressId: context.eventId,
    dialogs: dialogsOf(context.scene),
  };
}

/** The chat service actions that say who joined or left (vk-io routes them as their own update types). */
export const CHAT_MEMBER_ACTIONS = ['chat_invite_user_by_link', 'chat_invite_user', 'chat_kick_user'] as const;

/**
 * A chat service message about a member as the port's ChatMemberChange; undefined for any other
 * message and for a community (the bot itself, added to a chat, is `-groupId`; other bots too).
 * VK: joining by link names the joiner in `from_id`; adding and removing name the person in
 * `action.member_id` and who did it in `from_id` (the same person when they left).
 */
export function chatMemberChange(context: MessageContext): ChatMemberChange | undefined {
  const chat = context.peerId;
  const from = context.senderId;
  const byPerson = from > 0 ? { platform: 'vk' as const, id: from } : undefined;
  switch (context.eventType) {
    case 'chat_invite_user_by_link':
      return from > 0 ? { kind: 'chat-member', chat, person: { platform: 'vk', id: from }, change: 'joined-by-link' } : undefined;
    case 'chat_invite_user':
    case 'chat_kick_user': {
      const member = context.eventMemberId;
      if (member === undefined || !Number.isSafeInteger(member) || member <= 0) return undefined;
      const person = { platform: 'vk' as const, id: member };
      if (context.eventType === 'chat_invite_user') return { kind: 'chat-member', chat, person, change: 'added', by: member === from ? undefined : byPerson };
      return member === from ? { kind: 'chat-member', chat, person, change: 'left' } : { kind: 'chat-member', chat, person, change: 'removed', by: byPerson };
    }
    default:
      return undefined;
  }
}
