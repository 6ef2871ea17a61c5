import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import { EmulatorUsageError } from './errors.js';
import type { ParsedKeyboard } from './keyboard.js';

/** `peer_id` of chat 1 is 2000000001. */
export const CHAT_PEER_OFFSET = 2_000_000_000;

/** A VK user known to the emulator. */
export interface EmuUser {
  id: number;
  firstName: string;
  lastName: string;
  /** client_info.lang_id: 0 ru, 1 uk, 3 en… */
  langId: number;
  /** Has written to the community or pressed «Разрешить сообщения», and not denied since. */
  allowsMessages: boolean;
  /** Blacklisted the community: sends fail with 900. */
  blocked: boolean;
  /** The user's privacy settings forbid messages from the community: sends fail with 902. */
  privacyRestricted: boolean;
  /**
   * Epoch ms of the user's last DM to the community or explicit «Разрешить сообщения» (`message_allow`); the optional
   * reply window (`replyWindow` option, error 950) counts from it. Users added with `allowsMessages: true` start at the
   * moment they were added.
   */
  lastContactAt: number | undefined;
  sex: 0 | 1 | 2;
  screenName: string;
}

/** A chat service action (`message.action`). */
export interface MessageAction {
  type: string;
  member_id?: number;
  text?: string;
}

/** One message in a conversation, in either direction. */
export interface StoredMessage {
  /** Global message id (what VK returns for DMs; bots see 0 for chat messages). */
  id: number;
  /** conversation_message_id, per peer. */
  cmid: number;
  peerId: number;
  fromId: number;
  text: string;
  keyboard: ParsedKeyboard | undefined;
  /** A one-time keyboard becomes hidden after a button press. */
  keyboardHidden: boolean;
  /** Attachment ids like `photo-1_5_ak` or `doc100_3`. */
  attachments: string[];
  /** Message payload (JSON string) — button presses and bot `payload`. */
  payload: string | undefined;
  /** Unix seconds. */
  date: number;
  out: 0 | 1;
  randomId: string;
  ref: string | undefined;
  refSource: string | undefined;
  action: MessageAction | undefined;
  /** `forward`/`reply_to` as sent, kept for inspection. */
  forward: string | undefined;
  deleted: boolean;
  editedAt: number | undefined;
  /** Grows on every change of the message (VK's `version`). */
  version: number;
}

/** A conversation (DM or chat) with all its messages. */
export interface Conversation {
  peerId: number;
  messages: StoredMessage[];
  lastCmid: number;
  pinnedCmid: number | undefined;
}

/** A chat member. Negative ids are communities. */
export interface ChatMember {
  memberId: number;
  invitedBy: number;
  joinDate: number;
  isAdmin: boolean;
}

/** A group chat. `chatId` is local to the community. */
export interface EmuChat {
  chatId: number;
  peerId: number;
  title: string;
  /** Owner: `-groupId` for chats the community created, else a user id. */
  ownerId: number;
  /** The community that owns the chat (undefined when a user created it and added the bot). */
  ownerGroup: number | undefined;
  members: ChatMember[];
  inviteLink: string;
}

/** A callback-button press (message_event) and the bot's answer. */
export interface CallbackEvent {
  eventId: string;
  userId: number;
  peerId: number;
  cmid: number;
  payload: unknown;
  createdAt: number;
  answered: boolean;
  /** Parsed `event_data` of `messages.sendMessageEventAnswer`, when answered. */
  answer: Record<string, unknown> | undefined;
  answeredAt: number | undefined;
}

/** An uploaded file waiting for `*.save`, or saved. */
export interface UploadedFile {
  token: string;
  kind: 'photo' | 'doc';
  fileName: string;
  mimeType: string;
  data: Buffer;
  /** docs: `doc` | `audio_message` | `graffiti`. */
  docType: string;
  peerId: number | undefined;
}

/** A saved photo. */
export interface EmuPhoto {
  id: number;
  ownerId: number;
  albumId: number;
  accessKey: string;
  date: number;
  width: number;
  height: number;
  file: UploadedFile;
}

/** A saved document. */
export interface EmuDoc {
  id: number;
  ownerId: number;
  title: string;
  ext: string;
  type: number;
  docType: string;
  accessKey: string;
  date: number;
  tags: string[];
  file: UploadedFile;
}

/** Input for {@link EmulatorState.addUser}. */
export interface NewUser {
  id: number;
  firstName: string;
  lastName: string;
  langId?: number;
  allowsMessages?: boolean;
  blocked?: boolean;
  privacyRestricted?: boolean;
  /** Epoch ms; default: now when `allowsMessages`, else none. */
  lastContactAt?: number;
  sex?: 0 | 1 | 2;
  screenName?: string;
}

/** Input for {@link EmulatorState.createChat}. */
export interface NewChat {
  title: string;
  ownerId: number;
  ownerGroup: number | undefined;
  members: ChatMember[];
}

/** Input for {@link EmulatorState.addMessage}. */
export type NewMessage = Pick<StoredMessage, 'peerId' | 'fromId' | 'text' | 'out'> &
  Partial<Omit<StoredMessage, 'id' | 'cmid' | 'peerId' | 'fromId' | 'text' | 'out' | 'version'>>;

/** The next ids an {@link EmulatorState} hands out. */
export interface StateSequence {
  message: number;
  version: number;
  chat: number;
  photo: number;
  doc: number;
}

/** Returns true for chat peers (> 2e9). */
export function isChatPeer(peerId: number): boolean {
  return peerId > CHAT_PEER_OFFSET;
}

/** A random hex string (access keys, event ids, link codes). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** The emulator's in-memory world: users, conversations with every message, chats, callback events, uploads. */
export class EmulatorState {
  readonly users = new Map<number, EmuUser>();
  readonly conversations = new Map<number, Conversation>();
  readonly chats = new Map<number, EmuChat>();
  readonly callbackEvents = new Map<string, CallbackEvent>();
  readonly uploads = new Map<string, UploadedFile>();
  readonly photos = new Map<number, EmuPhoto>();
  readonly docs = new Map<number, EmuDoc>();
  /** `${peerId}:${randomId}` → the message it created. */
  readonly randomIds = new Map<string, StoredMessage>();
  /**
   * How far each person has read each conversation: peer → user id → the highest cmid read. Writing in a
   * conversation reads it up to there; `markRead` reads it up to its newest message (the sandbox page does so on opening).
   */
  readonly reads = new Map<number, Map<number, number>>();
  /** The next ids handed out; kept in a snapshot so a restored state goes on numbering where it stopped. */
  readonly sequence: StateSequence = { message: 1, version: 1, chat: 1, photo: 456239017, doc: 672000001 };

  /** `now` is the emulator's clock (epoch ms); message, photo and doc dates come from it. */
  constructor(readonly now: Clock = Date.now) {}

  /** Unix seconds by the emulator's clock. */
  unixNow(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Adds or replaces a user. */
  addUser(input: NewUser): EmuUser {
    if (!Number.isInteger(input.id) || input.id <= 0 || input.id >= CHAT_PEER_OFFSET) {
      throw new EmulatorUsageError(`User id must be a positive integer below 2e9, got ${input.id}`);
    }
    const user: EmuUser = {
      id: input.id,
      firstName: input.firstName,
      lastName: input.lastName,
      langId: input.langId ?? 0,
      allowsMessages: input.allowsMessages ?? false,
      blocked: input.blocked ?? false,
      privacyRestricted: input.privacyRestricted ?? false,
      lastContactAt: input.lastContactAt ?? (input.allowsMessages === true ? this.now() : undefined),
      sex: input.sex ?? 0,
      screenName: input.screenName ?? `id${input.id}`,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** The user, or an EmulatorUsageError. */
  requireUser(id: number): EmuUser {
    const user = this.users.get(id);
    if (!user) throw new EmulatorUsageError(`Unknown user ${id}; call addUser first`);
    return user;
  }

  /** Finds a user by numeric id, `id123` or screen name. */
  findUser(ref: string): EmuUser | undefined {
    const trimmed = ref.trim();
    if (/^\d+$/.test(trimmed)) return this.users.get(Number(trimmed));
    const idMatch = /^id(\d+)$/.exec(trimmed);
    if (idMatch?.[1] !== undefined) return this.users.get(Number(idMatch[1]));
    for (const user of this.users.values()) if (user.screenName === trimmed) return user;
    return undefined;
  }

  /** The conversation of a peer, created on first use. */
  conversation(peerId: number): Conversation {
    let conv = this.conversations.get(peerId);
    if (!conv) {
      conv = { peerId, messages: [], lastCmid: 0, pinnedCmid: undefined };
      this.conversations.set(peerId, conv);
    }
    return conv;
  }

  /** Appends a message to its conversation, assigning the global id and the per-peer cmid. */
  addMessage(input: NewMessage): StoredMessage {
    const conv = this.conversation(input.peerId);
    conv.lastCmid += 1;
    const message: StoredMessage = {
      id: this.sequence.message++,
      cmid: conv.lastCmid,
      peerId: input.peerId,
      fromId: input.fromId,
      text: input.text,
      keyboard: input.keyboard,
      keyboardHidden: input.keyboardHidden ?? false,
      attachments: input.attachments ?? [],
      payload: input.payload,
      date: input.date ?? this.unixNow(),
      out: input.out,
      randomId: input.randomId ?? '0',
      ref: input.ref,
      refSource: input.refSource,
      action: input.action,
      forward: input.forward,
      deleted: false,
      editedAt: undefined,
      version: this.sequence.version++,
    };
    conv.messages.push(message);
    return message;
  }

  /** Marks a message as changed (edit, delete, keyboard hidden): bumps its version. */
  touchMessage(message: StoredMessage): void {
    message.version = this.sequence.version++;
  }

  /** Finds a message of a peer by cmid. */
  findByCmid(peerId: number, cmid: number): StoredMessage | undefined {
    return this.conversations.get(peerId)?.messages.find((m) => m.cmid === cmid);
  }

  /** Finds a message of a peer by global id. */
  findById(peerId: number, id: number): StoredMessage | undefined {
    return this.conversations.get(peerId)?.messages.find((m) => m.id === id);
  }

  /** All messages of a peer, oldest first (deleted ones included, flagged). */
  messagesOf(peerId: number): readonly StoredMessage[] {
    return this.conversations.get(peerId)?.messages ?? [];
  }

  /** Records that `userId` has read `peerId` up to `cmid` (its newest message by default); reading never goes back. */
  markRead(peerId: number, userId: number, cmid = this.conversation(peerId).lastCmid): void {
    let readers = this.reads.get(peerId);
    if (!readers) {
      readers = new Map();
      this.reads.set(peerId, readers);
    }
    readers.set(userId, Math.max(readers.get(userId) ?? 0, cmid));
  }

  /** The highest cmid of `peerId` that `userId` has read (0 for none). */
  readThrough(peerId: number, userId: number): number {
    return this.reads.get(peerId)?.get(userId) ?? 0;
  }

  /** The users (not communities) who have read the message `cmid` of `peerId`, in the order they first read there. */
  readersOf(peerId: number, cmid: number): number[] {
    return [...(this.reads.get(peerId) ?? [])].filter(([userId, through]) => userId > 0 && through >= cmid).map(([userId]) => userId);
  }

  /** Creates a chat with the next local chat id and a fresh invite link. */
  createChat(input: NewChat): EmuChat {
    const chatId = this.sequence.chat++;
    const chat: EmuChat = {
      chatId,
      peerId: CHAT_PEER_OFFSET + chatId,
      title: input.title,
      ownerId: input.ownerId,
      ownerGroup: input.ownerGroup,
      members: input.members,
      inviteLink: newInviteLink(),
    };
    this.chats.set(chatId, chat);
    this.conversation(chat.peerId);
    return chat;
  }

  /** The chat of a peer id (> 2e9), if any. */
  chatByPeer(peerId: number): EmuChat | undefined {
    return isChatPeer(peerId) ? this.chats.get(peerId - CHAT_PEER_OFFSET) : undefined;
  }

  /** The chat whose current invite link is `link`. */
  chatByInviteLink(link: string): EmuChat | undefined {
    for (const chat of this.chats.values()) if (chat.inviteLink === link) return chat;
    return undefined;
  }

  /** Replaces a chat's invite link; the old one stops working. */
  resetInviteLink(chat: EmuChat): string {
    chat.inviteLink = newInviteLink();
    return chat.inviteLink;
  }

  /** Stores an uploaded file until it is saved. */
  addUpload(file: Omit<UploadedFile, 'token'>): UploadedFile {
    const upload: UploadedFile = { ...file, token: randomHex(12) };
    this.uploads.set(upload.token, upload);
    return upload;
  }

  /** Turns an upload into a photo owned by `ownerId`. */
  savePhoto(file: UploadedFile, ownerId: number, size: { width: number; height: number }): EmuPhoto {
    const photo: EmuPhoto = {
      id: this.sequence.photo++,
      ownerId,
      albumId: -3,
      accessKey: randomHex(9),
      date: this.unixNow(),
      width: size.width,
      height: size.height,
      file,
    };
    this.photos.set(photo.id, photo);
    return photo;
  }

  /** Turns an upload into a document owned by `ownerId`. */
  saveDoc(file: UploadedFile, ownerId: number, meta: { title: string; tags: string[] }): EmuDoc {
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(meta.title)?.[1] ?? /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName)?.[1] ?? '';
    const doc: EmuDoc = {
      id: this.sequence.doc++,
      ownerId,
      title: meta.title,
      ext: ext.toLowerCase(),
      type: docTypeOf(ext.toLowerCase()),
      docType: file.docType,
      accessKey: randomHex(9),
      date: this.unixNow(),
      tags: meta.tags,
      file,
    };
    this.docs.set(doc.id, doc);
    return doc;
  }
}

function newInviteLink(): string {
  return `https://vk.me/join/${randomBytes(18).toString('base64url')}`;
}

/** VK document type by extension: 1 text, 2 archive, 3 gif, 4 image, 5 audio, 6 video, 7 ebook, 8 unknown. */
export function docTypeOf(ext: string): number {
  if (['txt', 'doc', 'docx', 'pdf', 'odt', 'rtf', 'xls', 'xlsx', 'csv', 'ppt', 'pptx'].includes(ext)) return 1;
  if (['zip', 'rar', '7z', 'tar', 'gz'].includes(ext)) return 2;
  if (ext === 'gif') return 3;
  if (['jpg', 'jpeg', 'png', 'webp', 'bmp'].includes(ext)) return 4;
  if (['mp3', 'ogg', 'wav', 'm4a', 'opus'].includes(ext)) return 5;
  if (['mp4', 'avi', 'mkv', 'mov', 'webm'].includes(ext)) return 6;
  if (['epub', 'fb2', 'djvu'].includes(ext)) return 7;
  return 8;
}
