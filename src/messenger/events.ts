/**
 * What people send the bot, in the messenger's neutral words: a message (typed, or a text button
 * pressed), a callback button press, and someone joining or leaving a group chat the bot is in. The adapter makes these from its platform's updates
 * (VK: src/vk/incoming.ts); features and dialogs read nothing else.
 */
import type { Dialogs } from './dialogs.js';
import type { ChatId, MessageId, PersonRef } from './ids.js';

/** A message the bot sent or received, by its chat and its id in that chat (to edit it later). */
export interface MessageRef {
  readonly chat: ChatId;
  readonly id: MessageId;
}

/** A photo or a document a person attached to their message (other kinds are `other`: a sticker, a voice message, a video…). */
export type IncomingAttachment =
  | { readonly kind: 'photo' | 'document'; readonly url: string; readonly name: string }
  | { readonly kind: 'other' };

/** A message from a person, in their private dialog with the bot or in a chat. */
export interface IncomingMessage {
  readonly kind: 'message';
  readonly from: PersonRef;
  readonly chat: ChatId;
  /** In the person's private dialog with the bot (not in a group chat). */
  readonly isPrivate: boolean;
  /** The text, trimmed, '' for none (a sticker, a photo); the bot's name in front of it (see `mention`) left out. */
  readonly text: string;
  /**
   * How the message begins: by naming the bot (in a chat, the way to address it: VK's `[club1|@school]`),
   * by naming another bot (the message is not for this one), or by neither.
   */
  readonly mention: 'bot' | 'other' | 'none';
  /** The payload of the text button pressed, undefined for a typed message. */
  readonly payload: unknown;
  /** What the person attached, in order. */
  readonly attachments: readonly IncomingAttachment[];
  /** The ref of the deep link the person came by (VK: vk.me ?ref=; MAX: bot_started's payload), with its source. */
  readonly startRef?: { readonly value: string; readonly source: string | undefined } | undefined;
  /** The language the person's app is in, when the messenger says ('ru', 'en'). */
  readonly language?: string | undefined;
  /** The message itself (its id 0 where the messenger gives none). */
  readonly ref: MessageRef;
  /** The person's dialogs in this chat (the one open, entering and leaving one). */
  readonly dialogs: Dialogs;
}

/** A press of a callback button under a message the bot sent. */
export interface ButtonPress {
  readonly kind: 'press';
  readonly from: PersonRef;
  readonly chat: ChatId;
  /** In the presser's private dialog with the bot (not in a group chat). */
  readonly isPrivate: boolean;
  /** The payload of the button pressed, as the messenger delivered it. */
  readonly payload: unknown;
  /** The message the button is under. */
  readonly message: MessageRef;
  /** The messenger's id of this press, to answer it (VK: event_id; MAX: callback_id). */
  readonly pressId: string;
  readonly dialogs: Dialogs;
}

/**
 * Someone joined or left a group chat the bot is in: joined by the chat's link, added by a member,
 * left of their own accord, or removed by a member (or by the bot). The bot's own comings and
 * goings, and those of other communities, are no person's and never arrive as this.
 */
export interface ChatMemberChange {
  readonly kind: 'chat-member';
  readonly chat: ChatId;
  /** Who joined or left. */
  readonly person: PersonRef;
  readonly change: 'joined-by-link' | 'added' | 'left' | 'removed';
  /** Who added or removed them, when a person did (not for the bot's own removals, nor for joining by link or leaving). */
  readonly by?: PersonRef | undefined;
}
