/**
 * The messenger port: everything features and dialogs ask of a messenger. One adapter a messenger
 * implements it (VK: src/vk/vk-messenger.ts); README "How it is built" says how a MAX adapter would.
 */
import type { ButtonPress, IncomingAttachment, MessageRef } from './events.js';
import type { ChatId, PersonId, Platform, Recipient } from './ids.js';
import type { Keyboard } from './keyboard.js';

/** A message the bot sends: text (split by the adapter if the messenger's limit is lower), a keyboard, an uploaded photo. */
export interface OutgoingMessage {
  readonly text: string;
  readonly keyboard?: Keyboard | undefined;
  /** A photo or document uploaded with {@link Messenger.uploadPhoto} or {@link Messenger.uploadDocument}. */
  readonly attachment?: string | undefined;
}

/** How one recipient of a message sent to many fared. */
export type Delivery =
  | { readonly chat: Recipient; readonly ok: true; readonly message: MessageRef }
  /**
   * `unreachable`: the messenger will not deliver to this person now (VK: they never wrote to the community);
   * `code`: the messenger's own reason (VK's error code: 901 no permission, 900 blacklist, 902 privacy, 950 reply window, 9 too many).
   */
  | { readonly chat: Recipient; readonly ok: false; readonly unreachable: boolean; readonly code?: number };

/** Who has read a message of the bot in a group chat: everyone when it is still the chat's newest message, at least them otherwise. */
export interface ChatReaders {
  readonly readers: readonly PersonId[];
  /** Whether the message is the chat's newest one, so that `readers` are all who have read it. */
  readonly latest: boolean;
}

/** A person's public profile as the messenger shows it. */
export interface Profile {
  readonly id: PersonId;
  readonly firstName: string;
  readonly lastName: string;
  /** The gender the person gave the messenger; absent when they did not say. */
  readonly gender?: 'female' | 'male';
}

/** Thrown by {@link Messenger.send} when the messenger will not deliver to this person now; the caller reports it, nothing is retried. */
export class RecipientUnreachableError extends Error {
  override readonly name = 'RecipientUnreachableError';
  constructor(readonly chat: Recipient) {
    super(`the messenger will not deliver to ${chat} now: the person must write to the bot first or allow its messages`);
  }
}

/** Thrown by {@link Messenger.reupload} when the attachment cannot be had (deleted, or the messenger's file server refused): ask the person to send it again. */
export class AttachmentUnavailableError extends Error {
  override readonly name = 'AttachmentUnavailableError';
  constructor(readonly status: number) {
    super(`the attachment could not be downloaded (HTTP ${status}); ask the person to send it again`);
  }
}

/** How people name another person when they type it, in the messenger's own syntax (VK: `id123`, `[id123|Имя]`, links). */
export interface PersonRefs {
  /** Splits command arguments into words, keeping a typed mention whole. */
  split(args: string): string[];
  /** The person's id an argument names, null for anything else. */
  id(arg: string | undefined): PersonId | null;
  /** What {@link Messenger.profile} takes for a typed reference (an id or a short name), undefined for none. */
  ref(input: string): string | undefined;
}

/** A messenger as features and dialogs see it: sending, editing, uploads, links, chats, people. */
export interface Messenger {
  readonly platform: Platform;
  /** Reading references to people typed in commands and dialogs. */
  readonly people: PersonRefs;
  /** The same messenger for one update's handlers: a send made without a key is keyed by the next of `nextKey` (numbered from the update). */
  keyedBy(nextKey: () => string): Messenger;
  /**
   * Sends one message. `key` makes a repeated send (after a crash) a no-op; without it, a send made
   * while handling an update is keyed by the update. Throws RecipientUnreachableError.
   */
  send(to: Recipient, message: OutgoingMessage, key?: string): Promise<MessageRef>;
  /** Sends one message to many; how each recipient fared comes back in the same order. */
  sendMany(to: readonly Recipient[], message: OutgoingMessage, key?: string): Promise<Delivery[]>;
  /**
   * Sends one message to at most {@link Messenger.batchSize} recipients in one request, keyed by `key` (a repeat
   * with the same key and recipients delivers nothing twice); how each fared comes back in the same order.
   * Throws when the request as a whole failed (after the adapter's own retries): then none is known to have it.
   */
  sendBatch(to: readonly Recipient[], message: OutgoingMessage, key: string): Promise<Delivery[]>;
  /** How many recipients one {@link Messenger.sendBatch} takes (VK: 100 `peer_ids`; MAX: 1). */
  readonly batchSize: number;
  /** Replaces the text and keyboard of a message the bot sent. */
  edit(message: MessageRef, content: OutgoingMessage): Promise<void>;
  /** Answers a button press: a short notice (≤ 90 characters) shown to the presser, or just the end of the spinner. */
  answerPress(press: ButtonPress, notice?: string): Promise<void>;
  /** Whether the bot may write to this person in a private dialog now. */
  mayWrite(person: PersonId): Promise<boolean>;
  /** A person's profile, undefined for a deleted or unknown one. `ref` may be an id or a short name. */
  profile(ref: string): Promise<Profile | undefined>;
  /** How a message names a person so that the messenger shows a link to them. */
  mention(person: PersonId, name: string): string;
  /** Uploads a PNG for a message to `chat`; returns what {@link OutgoingMessage.attachment} takes. */
  uploadPhoto(chat: Recipient, png: Buffer, filename: string): Promise<string>;
  /** Uploads a file (a CSV, a PDF…) for a message to `chat`, as a document named `filename`; returns what {@link OutgoingMessage.attachment} takes. */
  uploadDocument(chat: Recipient, data: Buffer, filename: string): Promise<string>;
  /**
   * Makes a photo or document a person sent the bot's own: downloads it and uploads it again (from
   * `chat`, the dialog it came in), so that it stays when the person deletes theirs. Returns what
   * {@link OutgoingMessage.attachment} takes (several are joined with a comma).
   */
  reupload(attachment: IncomingAttachment & { kind: 'photo' | 'document' }, chat: ChatId): Promise<string>;
  /** A link that opens the bot's private dialog and hands it `ref` (see IncomingMessage.startRef). */
  startLink(ref: string, source: string): string;
  /** The address of the bot's private dialog as people read and type it in a text (VK: `vk.me/club1`). */
  dialogLink(): string;
  /** Creates a group chat with the bot in it. */
  createChat(title: string): Promise<ChatId>;
  /** The link by which people join a chat the bot created. */
  inviteLink(chat: ChatId): Promise<string>;
  /** Pins a message the bot sent in a chat (the bot must be an admin of the chat). */
  pin(message: MessageRef): Promise<void>;
  /**
   * For each of these messages the bot sent, in the same order, whether its recipient has read it: known for a
   * person's private dialog (VK: the conversation's `out_read`); a message in a group chat counts as not known (false).
   */
  readMarks(messages: readonly MessageRef[]): Promise<boolean[]>;
  /**
   * For each of these messages the bot sent in group chats, in the same order, the people known to have read it, or
   * undefined when the messenger cannot tell. VK names who has read the community's newest message in a chat (`out_read_by`),
   * and reading it means reading those before, so for an older message they are the least of its readers (`latest` false).
   */
  chatReaders(messages: readonly MessageRef[]): Promise<(ChatReaders | undefined)[]>;
  /** The people in a chat (not the bot). */
  members(chat: ChatId): Promise<PersonId[]>;
  /** Removes a person from a chat the bot created; false when they were not in it (left already, or removed). */
  removeFromChat(chat: ChatId, person: PersonId): Promise<boolean>;
}
