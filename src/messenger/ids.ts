/** The messengers the bot can serve; one adapter each (VK's in src/vk/). MAX would be added here. */
export type Platform = 'vk';

/** A person as their messenger knows them. */
export interface PersonRef {
  readonly platform: Platform;
  /** The messenger's id of the person (VK: the user id). */
  readonly id: number;
}

/** A conversation: a person's private dialog with the bot (VK: the person's id) or a group chat (VK: 2000000000 + n). */
export type ChatId = number;

/** A message's id within its chat: a string, as MAX has them (VK's conversation_message_id, written as digits). */
export type MessageId = string;
