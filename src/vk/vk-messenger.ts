/**
 * The VK adapter of the messenger port: sends through the outbox (split texts, peer_ids batches,
 * deterministic random_ids), renders neutral keyboards in VK's JSON, and makes every other request
 * through the one gateway. Message ids are VK's conversation_message_id, written as digits.
 */
import type { ButtonPress, IncomingAttachment, MessageRef } from '../messenger/events.js';
import type { ChatId, PersonId, Recipient } from '../messenger/ids.js';
import { AttachmentUnavailableError, RecipientUnreachableError, type Delivery, type ChatReaders, type Messenger, type OutgoingMessage, type Profile } from '../messenger/messenger.js';
import { UNREACHABLE_CODES, UserUnreachableError, VkApiError, type VkGateway } from './gateway.js';
import { renderKeyboard } from './keyboard.js';
import { VK_CHAT_PEER_BASE as CHAT_PEER_BASE, VK_PERSON_REFS, vkPeer, vkPerson, vkUserId } from './person-refs.js';
import { MAX_PEERS_PER_SEND, type Outbox, type PeerResult, type VkOutgoingMessage } from './outbox.js';

/** VK's error 935 "User not found in chat" (messages.removeChatUser). */
const NOT_IN_CHAT = 935;

/** How many members messages.getConversationMembers gives in one call at most (VK's schema: `count` ≤ 1000). */
const MEMBERS_PAGE = 1000;

/** How many peers messages.getConversationsById and ids messages.getById take in one call. */
const CONVERSATIONS_PAGE = 100;

/** What messages.getConversationsById tells of a private dialog: the community's last message the person read (`out_read`, a message id). */
interface VkConversation {
  peer: { id: number };
  out_read?: number;
  last_message_id?: number;
  last_conversation_message_id?: number;
  /** In a chat: who has read the community's newest message there. */
  out_read_by?: { count?: number; member_ids?: number[] };
}

/** Splits a list into runs of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** VK's limit for a snackbar's text. */
const SNACKBAR_MAX = 90;
/** How long the download of a person's attachment may take before it counts as unavailable. */
const REUPLOAD_TIMEOUT_MS = 20_000;

interface VkUser {
  id: number;
  first_name?: string;
  last_name?: string;
  deactivated?: string;
  /** 1 female, 2 male, 0 not given (asked for with `fields: 'sex'`). */
  sex?: number;
}

function vkMessage(message: OutgoingMessage): VkOutgoingMessage {
  return { text: message.text, keyboard: message.keyboard && renderKeyboard(message.keyboard), attachment: message.attachment };
}

const refOf = (chat: ChatId, cmid: number): MessageRef => ({ chat, id: String(cmid) });

/** How the recipient `to` fared in a `peer_ids` send, in the port's words. */
const deliveryOf = (to: Recipient, result: PeerResult): Delivery =>
  result.ok
    ? { chat: to, ok: true, message: refOf(result.peerId, result.conversationMessageId ?? 0) }
    : { chat: to, ok: false, unreachable: UNREACHABLE_CODES.has(result.errorCode ?? 0), code: result.errorCode };

/** The results of a `peer_ids` send, one for each recipient in the order given (the outbox keeps it). */
const deliveriesOf = (to: readonly Recipient[], results: readonly PeerResult[]): Delivery[] => results.map((result, i) => deliveryOf(to[i] ?? result.peerId, result));

/** The address of the community's dialog as people read and type it: `vk.me/club<id>`. */
function vkDialogLink(groupId: number): string {
  return `vk.me/club${groupId}`;
}

/** The vk.me deep link that opens the community's dialog and hands the bot `ref` and `ref_source` (the message's referral). */
export function vkStartLink(groupId: number, ref: string, source: string): string {
  return `https://${vkDialogLink(groupId)}?ref=${encodeURIComponent(ref)}&ref_source=${encodeURIComponent(source)}`;
}

/** The messenger port on VK: what features and dialogs ask of a messenger, as VK API calls. */
export class VkMessenger implements Messenger {
  readonly platform = 'vk' as const;
  readonly people = VK_PERSON_REFS;

  constructor(
    private readonly gateway: VkGateway,
    private readonly outbox: Outbox,
    private readonly groupId: number,
  ) {}

  keyedBy(nextKey: () => string): Messenger {
    return new VkMessenger(this.gateway, this.outbox.keyedBy(nextKey), this.groupId);
  }

  async send(to: Recipient, message: OutgoingMessage, key?: string): Promise<MessageRef> {
    const peer = vkPeer(to);
    try {
      const sent = await this.outbox.send(peer, vkMessage(message), key);
      return refOf(peer, sent.conversationMessageId);
    } catch (error) {
      if (error instanceof UserUnreachableError) throw new RecipientUnreachableError(to);
      throw error;
    }
  }

  readonly batchSize = MAX_PEERS_PER_SEND;

  async sendMany(to: readonly Recipient[], message: OutgoingMessage, key?: string): Promise<Delivery[]> {
    return deliveriesOf(to, await this.outbox.sendMany(to.map(vkPeer), vkMessage(message), key));
  }

  async sendBatch(to: readonly Recipient[], message: OutgoingMessage, key: string): Promise<Delivery[]> {
    return deliveriesOf(to, await this.outbox.sendBatch(to.map(vkPeer), vkMessage(message), key));
  }

  async edit(message: MessageRef, content: OutgoingMessage): Promise<void> {
    await this.outbox.edit(message.chat, Number(message.id), vkMessage(content));
  }

  async answerPress(press: ButtonPress, notice?: string): Promise<void> {
    await this.gateway.call('messages.sendMessageEventAnswer', {
      event_id: press.pressId,
      user_id: press.from.id,
      peer_id: press.chat,
      event_data: notice ? JSON.stringify({ type: 'show_snackbar', text: [...notice].slice(0, SNACKBAR_MAX).join('') }) : undefined,
    });
  }

  async mayWrite(person: PersonId): Promise<boolean> {
    const { is_allowed: allowed } = await this.gateway.call<{ is_allowed: number }>('messages.isMessagesFromGroupAllowed', { group_id: this.groupId, user_id: vkUserId(person) });
    return allowed === 1;
  }

  async profile(ref: string): Promise<Profile | undefined> {
    const users = await this.gateway.call<VkUser[]>('users.get', { user_ids: String(ref), fields: 'sex' }).catch(() => []);
    const user = users[0];
    if (!user || user.deactivated || !Number.isInteger(user.id) || user.id <= 0) return undefined;
    // VK's sex: 1 female, 2 male, 0 not given.
    const gender = user.sex === 1 ? 'female' : user.sex === 2 ? 'male' : undefined;
    return { id: vkPerson(user.id), firstName: user.first_name ?? '', lastName: user.last_name ?? '', ...(gender ? { gender } : {}) };
  }

  mention(person: PersonId, name: string): string {
    const clean = name.replace(/[[\]|]/g, ' ').replace(/\s+/g, ' ').trim();
    const id = vkUserId(person);
    return `[id${id}|${clean || `id${id}`}]`;
  }

  uploadPhoto(chat: Recipient, png: Buffer, filename: string): Promise<string> {
    return this.gateway.uploadMessagePhoto(vkPeer(chat), png, filename);
  }

  /** docs.getMessagesUploadServer → the upload → docs.save, through the gateway: `doc<owner>_<id>`. */
  uploadDocument(chat: Recipient, data: Buffer, filename: string): Promise<string> {
    return this.gateway.uploadMessageDocument(vkPeer(chat), data, filename);
  }

  async reupload(attachment: IncomingAttachment & { kind: 'photo' | 'document' }, chat: ChatId): Promise<string> {
    const response = await fetch(attachment.url, { signal: AbortSignal.timeout(REUPLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new AttachmentUnavailableError(response.status);
    const data = Buffer.from(await response.arrayBuffer());
    if (attachment.kind === 'document') return this.gateway.uploadMessageDocument(chat, data, attachment.name);
    return this.gateway.uploadMessagePhoto(chat, data, attachment.name, response.headers.get('content-type') ?? 'image/jpeg');
  }

  startLink(ref: string, source: string): string {
    return vkStartLink(this.groupId, ref, source);
  }

  dialogLink(): string {
    return vkDialogLink(this.groupId);
  }

  async createChat(title: string): Promise<ChatId> {
    // API 5.199 answers {chat_id, peer_ids}; earlier versions the bare chat_id.
    const created = await this.gateway.call<number | { chat_id: number }>('messages.createChat', { title, group_id: this.groupId });
    return CHAT_PEER_BASE + (typeof created === 'number' ? created : created.chat_id);
  }

  async inviteLink(chat: ChatId): Promise<string> {
    const { link } = await this.gateway.call<{ link: string }>('messages.getInviteLink', { peer_id: chat, group_id: this.groupId });
    return link;
  }

  async pin(message: MessageRef): Promise<void> {
    // A bot's message in a chat has message_id 0: VK pins it by its conversation_message_id.
    await this.gateway.call('messages.pin', { peer_id: message.chat, conversation_message_id: Number(message.id) });
  }

  async readMarks(messages: readonly MessageRef[]): Promise<boolean[]> {
    // out_read is a message id, our refs carry conversation_message_id: the dialog's last message gives the
    // cmid when out_read is it; otherwise messages.getById names the cmid of the message read (one call per 100).
    const peers = [...new Set(messages.map((m) => m.chat).filter((chat) => chat > 0 && chat < CHAT_PEER_BASE))];
    const readThrough = new Map<ChatId, number>();
    for (const page of chunks(peers, CONVERSATIONS_PAGE)) {
      const { items } = await this.gateway.call<{ items: VkConversation[] }>('messages.getConversationsById', { peer_ids: page.join(','), group_id: this.groupId });
      const lookUp: number[] = [];
      for (const conversation of items) {
        const outRead = conversation.out_read ?? 0;
        if (outRead <= 0) continue;
        if (outRead === conversation.last_message_id && conversation.last_conversation_message_id) readThrough.set(conversation.peer.id, conversation.last_conversation_message_id);
        else lookUp.push(outRead);
      }
      if (lookUp.length === 0) continue;
      const found = await this.gateway.call<{ items: { peer_id: number; conversation_message_id: number }[] }>('messages.getById', { message_ids: lookUp.join(','), group_id: this.groupId });
      for (const message of found.items) readThrough.set(message.peer_id, message.conversation_message_id);
    }
    return messages.map((m) => {
      const through = readThrough.get(m.chat);
      return through !== undefined && Number(m.id) <= through;
    });
  }

  async chatReaders(messages: readonly MessageRef[]): Promise<(ChatReaders | undefined)[]> {
    const peers = [...new Set(messages.map((m) => m.chat).filter((chat) => chat >= CHAT_PEER_BASE))];
    const conversations = new Map<ChatId, VkConversation>();
    for (const page of chunks(peers, CONVERSATIONS_PAGE)) {
      const { items } = await this.gateway.call<{ items: VkConversation[] }>('messages.getConversationsById', { peer_ids: page.join(','), group_id: this.groupId });
      for (const conversation of items) conversations.set(conversation.peer.id, conversation);
    }
    return messages.map((m) => {
      const conversation = conversations.get(m.chat);
      if (!conversation?.out_read_by) return undefined;
      // Readers of the community's newest message have read this one, which the community sent before it.
      const readers = (conversation.out_read_by.member_ids ?? []).filter((id) => id > 0).map(vkPerson);
      return { readers, latest: conversation.last_conversation_message_id === Number(m.id) };
    });
  }

  async members(chat: ChatId): Promise<PersonId[]> {
    // VK gives 20 members a call unless asked for more, and at most MEMBERS_PAGE: page through them all.
    const people: PersonId[] = [];
    for (let offset = 0; ; offset += MEMBERS_PAGE) {
      const { count, items } = await this.gateway.call<{ count: number; items: { member_id: number }[] }>('messages.getConversationMembers', { peer_id: chat, group_id: this.groupId, offset, count: MEMBERS_PAGE });
      people.push(...items.map((item) => item.member_id).filter((id) => id > 0).map(vkPerson));
      if (items.length === 0 || offset + MEMBERS_PAGE >= count) return people;
    }
  }

  async removeFromChat(chat: ChatId, person: PersonId): Promise<boolean> {
    try {
      await this.gateway.call('messages.removeChatUser', { chat_id: chat - CHAT_PEER_BASE, member_id: vkUserId(person) });
      return true;
    } catch (error) {
      if (error instanceof VkApiError && error.code === NOT_IN_CHAT) return false;
      throw error;
    }
  }
}
