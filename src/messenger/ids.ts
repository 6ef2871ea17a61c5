/** People: the domain's {@link PersonRef} (a messenger and its id of the person), written as one {@link PersonId} in records. */
import type { PersonId } from '../domain/person.js';
export type { Platform, PersonRef, PersonId } from '../domain/person.js';

/** A conversation: a person's private dialog with the bot (VK: the person's id) or a group chat (VK: 2000000000 + n). */
export type ChatId = number;

/** A message's id within its chat: a string, as MAX has them (VK's conversation_message_id, written as digits). */
export type MessageId = string;

/** Whom a message goes to: a person (their private dialog with the bot) or a group chat. */
export type Recipient = PersonId | ChatId;
