import { VkEmulatorError, paramError } from '../errors.js';
import { parseKeyboard } from '../keyboard.js';
import type { ParsedKeyboard } from '../keyboard.js';
import { groupObject, messageObject, userObject, attachmentObjects } from '../objects.js';
import type { ChatMember, EmuChat, StoredMessage } from '../state.js';
import { CHAT_PEER_OFFSET, isChatPeer } from '../state.js';
import type { MethodContext, MethodTable } from '../types.js';
import {
  botIsAdmin,
  botIsMember,
  botMemberId,
  findTargetMessage,
  parseAttachmentParam,
  requireChat,
  textLength,
  versionAtLeast,
} from './common.js';

/**
 * Codes that `peer_ids` reports per peer instead of failing the whole call (VK-NOTES §1.3 default), plus the per-user
 * ones: 9 (flood to that user) and 950 (that user's reply window).
 */
const PER_PEER_CODES = new Set([9, 900, 901, 902, 917, 925, 927, 932, 945, 946, 950]);

/** messages.send `intent` values (schema 5.199); only `default` is limited by the reply window. */
const INTENTS = new Set([
  'account_update',
  'bot_ad_invite',
  'bot_ad_promo',
  'confirmed_notification',
  'customer_support',
  'default',
  'finance_notification',
  'game_notification',
  'moderated_newsletter',
  'non_promo_newsletter',
  'promo_newsletter',
  'purchase_update',
]);

/** Error 912 when «Возможности ботов» is off and the call carries a keyboard or a template (VK-NOTES §1.5). */
function checkBotFeatures(ctx: MethodContext): void {
  if (ctx.emu.options.botFeatures) return;
  if (ctx.params.has('keyboard') || ctx.params.has('template')) throw new VkEmulatorError(912);
}

interface SendContent {
  text: string;
  attachments: string[];
  keyboard: ParsedKeyboard | undefined;
  payload: string | undefined;
  forward: string | undefined;
  randomId: string;
  /** `intent` as sent (`default` when absent). */
  intent: string;
}

function readSendContent(ctx: MethodContext): SendContent {
  const p = ctx.params;
  const text = p.str('message') ?? '';
  checkBotFeatures(ctx);
  const intent = p.str('intent') ?? 'default';
  if (!INTENTS.has(intent)) throw paramError('intent is invalid');
  if (textLength(text) > ctx.emu.options.maxMessageLength) throw new VkEmulatorError(914);
  const attachments = parseAttachmentParam(p.str('attachment'));
  let forward = p.str('forward');
  if (forward !== undefined && forward !== '') {
    try {
      JSON.parse(forward);
    } catch {
      throw paramError('forward is invalid');
    }
  } else forward = undefined;
  if (p.has('reply_to')) forward = JSON.stringify({ message_ids: p.int('reply_to'), is_reply: true });
  const forwardMessages = p.strList('forward_messages');
  if (forwardMessages.length > 1000) throw new VkEmulatorError(913);
  const hasSticker = p.has('sticker_id');
  const hasTemplate = p.has('template');
  if (text.trim() === '' && attachments.length === 0 && !forward && forwardMessages.length === 0 && !hasSticker && !hasTemplate) {
    throw paramError('message is empty or invalid');
  }
  const keyboard = p.has('keyboard') ? parseKeyboard(p.requireStr('keyboard'), ctx.emu.options.keyboardLimits) : undefined;
  const payload = p.str('payload');
  if (payload !== undefined && payload.length > 1000) throw paramError('payload is too long');
  return {
    text,
    attachments,
    keyboard,
    payload: payload === '' ? undefined : payload,
    forward,
    randomId: p.requireStr('random_id'),
    intent,
  };
}

/** Resolves the destination peers of messages.send; `multi` is true for `peer_ids` (array response). */
function readDestinations(ctx: MethodContext): { peers: number[]; multi: boolean } {
  const p = ctx.params;
  if (p.has('peer_ids')) {
    const peers = p.intList('peer_ids');
    if (peers.length > 100) throw paramError('peer_ids: too many peers, maximum is 100');
    return { peers, multi: true };
  }
  if (p.has('user_ids')) {
    const peers = p.intList('user_ids');
    if (peers.length > 100) throw paramError('user_ids: too many users, maximum is 100');
    return { peers, multi: true };
  }
  if (p.has('peer_id')) return { peers: [p.requireInt('peer_id')], multi: false };
  if (p.has('user_id')) return { peers: [p.requireInt('user_id')], multi: false };
  if (p.has('chat_id')) {
    const chatId = p.requireInt('chat_id');
    if (chatId <= 0 || chatId > 100_000_000) throw paramError('chat_id is invalid');
    return { peers: [CHAT_PEER_OFFSET + chatId], multi: false };
  }
  if (p.has('domain')) {
    const user = ctx.emu.state.findUser(p.requireStr('domain'));
    if (!user) throw paramError('domain is invalid');
    return { peers: [user.id], multi: false };
  }
  throw paramError('you should specify peer_id, user_id, domain, chat_id or user_ids param');
}

/**
 * Checks the community may write to a peer: chats 927/917; users 932 (not a user), 900 (blacklisted the community),
 * 902 (privacy), 901 (never wrote or denied), 950 (outside the reply window, `intent=default` only, when enabled).
 */
function checkCanWrite(ctx: MethodContext, peerId: number, intent: string): void {
  const { state, options } = ctx.emu;
  if (isChatPeer(peerId)) {
    const chat = state.chatByPeer(peerId);
    if (!chat) throw new VkEmulatorError(927);
    if (!botIsMember(ctx, chat)) throw new VkEmulatorError(917);
    return;
  }
  if (peerId <= 0) throw new VkEmulatorError(932);
  const user = state.users.get(peerId);
  if (!user) throw new VkEmulatorError(901);
  if (user.blocked) throw new VkEmulatorError(900);
  if (user.privacyRestricted) throw new VkEmulatorError(902);
  if (!user.allowsMessages) throw new VkEmulatorError(901);
  if (options.replyWindowMs > 0 && intent === 'default') {
    const since = user.lastContactAt;
    if (since === undefined || ctx.emu.now() - since > options.replyWindowMs) throw new VkEmulatorError(950);
  }
}

function deliver(ctx: MethodContext, peerId: number, content: SendContent): StoredMessage {
  const { state } = ctx.emu;
  checkCanWrite(ctx, peerId, content.intent);
  const dedupeKey = `${peerId}:${content.randomId}`;
  if (content.randomId !== '0') {
    const original = state.randomIds.get(dedupeKey);
    if (original) return original;
  }
  if (!isChatPeer(peerId)) ctx.emu.userFlood.hit(peerId, ctx.emu.now());
  const message = state.addMessage({
    peerId,
    fromId: botMemberId(ctx),
    text: content.text,
    out: 1,
    keyboard: content.keyboard,
    attachments: content.attachments,
    payload: content.payload,
    randomId: content.randomId,
    forward: content.forward,
  });
  if (content.randomId !== '0') state.randomIds.set(dedupeKey, message);
  ctx.emu.notifySent(message);
  return message;
}

/** messages.send: peer_id | peer_ids | user_id | chat_id | domain, random_id required and deduplicated per peer. */
function send(ctx: MethodContext): unknown {
  const p = ctx.params;
  if (!p.has('random_id')) throw paramError('random_id is a required parameter');
  if (!/^-?\d+$/.test(p.requireStr('random_id').trim())) throw paramError('random_id not integer');
  const { peers, multi } = readDestinations(ctx);
  const content = readSendContent(ctx);
  if (!multi) {
    const [peerId = 0] = peers;
    const message = deliver(ctx, peerId, content);
    return isChatPeer(peerId) ? 0 : message.id;
  }
  return peers.map((peerId) => {
    try {
      const message = deliver(ctx, peerId, content);
      return {
        peer_id: peerId,
        message_id: isChatPeer(peerId) ? 0 : message.id,
        conversation_message_id: message.cmid,
      };
    } catch (error) {
      if (error instanceof VkEmulatorError && PER_PEER_CODES.has(error.code)) {
        return { peer_id: peerId, error: { code: error.code, description: error.message } };
      }
      throw error;
    }
  });
}

/** messages.edit: by message_id | cmid | conversation_message_id; only the community's own messages. */
function edit(ctx: MethodContext): unknown {
  const p = ctx.params;
  const { state, options } = ctx.emu;
  const peerId = p.requireInt('peer_id');
  const message = findTargetMessage(ctx, state, peerId);
  if (message.fromId !== botMemberId(ctx) || message.action !== undefined) throw new VkEmulatorError(920);
  if (ctx.emu.now() - message.date * 1000 > options.editWindowMs) throw new VkEmulatorError(909);
  checkBotFeatures(ctx);
  const text = p.str('message');
  if (text !== undefined && textLength(text) > options.maxMessageLength) throw new VkEmulatorError(914);
  const attachments = p.str('attachment') !== undefined ? parseAttachmentParam(p.str('attachment')) : message.attachments;
  const keyboard = p.has('keyboard') ? parseKeyboard(p.requireStr('keyboard'), options.keyboardLimits) : undefined;
  const newText = text ?? message.text;
  if (newText.trim() === '' && attachments.length === 0 && !message.forward) throw paramError('message is empty or invalid');
  message.text = newText;
  message.attachments = attachments;
  // VK drops the keyboard of an edited message unless it is passed again.
  message.keyboard = keyboard;
  message.keyboardHidden = false;
  message.editedAt = state.unixNow();
  state.touchMessage(message);
  ctx.emu.notifyEdited(message);
  return 1;
}

/** messages.delete: `peer_id`+`cmids` or `message_ids`; 5.199 answers an array of per-message results. */
function deleteMessages(ctx: MethodContext): unknown {
  const p = ctx.params;
  const { state } = ctx.emu;
  const cmids = p.intList('cmids');
  const messageIds = p.intList('message_ids');
  const peerId = p.int('peer_id');
  if (cmids.length === 0 && messageIds.length === 0) throw paramError('message_ids is undefined');
  if (cmids.length > 0 && peerId === undefined) throw paramError('peer_id is undefined');
  if (cmids.length > 100) throw paramError('cmids: too many ids, maximum is 100');
  if (messageIds.length > 1000) throw paramError('message_ids: too many ids, maximum is 1000');
  const deleteForAll = p.flag('delete_for_all');
  const targets: { message: StoredMessage | undefined; cmid?: number; id?: number }[] = [];
  for (const cmid of cmids) targets.push({ message: state.findByCmid(peerId ?? 0, cmid), cmid });
  for (const id of messageIds) {
    let found: StoredMessage | undefined;
    if (peerId !== undefined) found = state.findById(peerId, id);
    else for (const conv of state.conversations.values()) found ??= conv.messages.find((m) => m.id === id);
    targets.push({ message: found, id });
  }
  const items = targets.map(({ message, cmid, id }) => {
    if (!message || message.deleted) {
      const item: Record<string, unknown> = { peer_id: peerId ?? 0, response: 0, error: { code: 104, description: 'Not found' } };
      if (cmid !== undefined) item.conversation_message_id = cmid;
      if (id !== undefined) item.message_id = id;
      return item;
    }
    const chat = state.chatByPeer(message.peerId);
    const own = message.fromId === botMemberId(ctx);
    const canForAll = own || (chat !== undefined && botIsAdmin(ctx, chat));
    if (deleteForAll && !canForAll) {
      return {
        peer_id: message.peerId,
        message_id: isChatPeer(message.peerId) ? 0 : message.id,
        conversation_message_id: message.cmid,
        response: 0,
        error: { code: 924, description: "Can't delete this message for everybody" },
      };
    }
    message.deleted = true;
    state.touchMessage(message);
    return {
      peer_id: message.peerId,
      message_id: isChatPeer(message.peerId) ? 0 : message.id,
      conversation_message_id: message.cmid,
      response: 1,
    };
  });
  if (versionAtLeast(ctx.version, '5.199')) return items;
  const legacy: Record<string, number> = {};
  targets.forEach((t, i) => {
    legacy[String(t.cmid ?? t.id)] = (items[i]?.response as number | undefined) ?? 0;
  });
  return legacy;
}

function addServiceMessage(ctx: MethodContext, chat: EmuChat, action: StoredMessage['action'], fromId: number): void {
  ctx.emu.state.addMessage({ peerId: chat.peerId, fromId, text: '', out: fromId === botMemberId(ctx) ? 1 : 0, action });
}

/** messages.pin: chats need the community to be admin (925); returns the pinned_message object. */
function pin(ctx: MethodContext): unknown {
  const { state, baseUrl } = ctx.emu;
  const peerId = ctx.params.requireInt('peer_id');
  let chat: EmuChat | undefined;
  if (isChatPeer(peerId)) {
    chat = requireChat(ctx, peerId);
    if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(925);
  }
  const message = findTargetMessage(ctx, state, peerId);
  state.conversation(peerId).pinnedCmid = message.cmid;
  if (chat) {
    addServiceMessage(
      ctx,
      chat,
      { type: 'chat_pin_message', member_id: botMemberId(ctx), text: message.text },
      botMemberId(ctx),
    );
  }
  return {
    id: isChatPeer(peerId) ? 0 : message.id,
    conversation_message_id: message.cmid,
    date: message.date,
    from_id: message.fromId,
    peer_id: message.peerId,
    text: message.text,
    attachments: attachmentObjects(state, message.attachments, baseUrl),
    fwd_messages: [],
    out: message.out === 1,
    important: false,
  };
}

/** messages.unpin. */
function unpin(ctx: MethodContext): unknown {
  const peerId = ctx.params.requireInt('peer_id');
  if (isChatPeer(peerId)) {
    const chat = requireChat(ctx, peerId);
    if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(925);
    addServiceMessage(ctx, chat, { type: 'chat_unpin_message', member_id: botMemberId(ctx) }, botMemberId(ctx));
  }
  ctx.emu.state.conversation(peerId).pinnedCmid = undefined;
  return 1;
}

const EVENT_DATA_TYPES = new Set(['show_snackbar', 'open_link', 'open_app']);

function parseEventData(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (textLength(raw) > 1000) throw paramError('event_data is too long');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw paramError('event_data is invalid');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw paramError('event_data is invalid');
  const record = data as Record<string, unknown>;
  if (typeof record.type !== 'string' || !EVENT_DATA_TYPES.has(record.type)) throw paramError('event_data.type is invalid');
  if (record.type === 'show_snackbar' && (typeof record.text !== 'string' || textLength(record.text) > 90)) {
    throw paramError('event_data.text is invalid');
  }
  if (record.type === 'open_link' && typeof record.link !== 'string') throw paramError('event_data.link is invalid');
  if (record.type === 'open_app' && typeof record.app_id !== 'number') throw paramError('event_data.app_id is invalid');
  return record;
}

/** messages.sendMessageEventAnswer: one answer per event, within its lifetime (60 s). */
function sendMessageEventAnswer(ctx: MethodContext): unknown {
  const p = ctx.params;
  const eventId = p.requireStr('event_id');
  const userId = p.requireInt('user_id');
  const peerId = p.requireInt('peer_id');
  const data = parseEventData(p.str('event_data'));
  const event = ctx.emu.state.callbackEvents.get(eventId);
  if (!event) throw paramError('event_id is invalid');
  if (ctx.emu.now() - event.createdAt > ctx.emu.options.eventTtlMs) throw paramError('event_id is expired');
  if (event.answered) throw paramError('event_id is already answered');
  if (event.userId !== userId || event.peerId !== peerId) throw paramError('user_id or peer_id does not match event_id');
  event.answered = true;
  event.answer = data;
  event.answeredAt = ctx.emu.now();
  ctx.emu.notifyEventAnswered(eventId);
  return 1;
}

/** messages.createChat (5.199: `{chat_id, peer_ids}`): only users who can receive messages are added; the community is admin. */
function createChat(ctx: MethodContext): unknown {
  const p = ctx.params;
  const { state, options } = ctx.emu;
  const requested = [...new Set(p.intList('user_ids'))];
  const title = p.str('title') ?? '';
  if (textLength(title) > 255) throw paramError('title is too long');
  const added = requested.filter((id) => {
    const user = state.users.get(id);
    return user !== undefined && user.allowsMessages && !user.blocked && !user.privacyRestricted;
  });
  if (requested.length > 0 && added.length === 0) throw new VkEmulatorError(936);
  const now = state.unixNow();
  const self = botMemberId(ctx);
  const members: ChatMember[] = [
    { memberId: self, invitedBy: self, joinDate: now, isAdmin: true },
    ...added.map((id) => ({ memberId: id, invitedBy: self, joinDate: now, isAdmin: false })),
  ];
  const chat = state.createChat({ title, ownerId: self, ownerGroup: options.groupId, members });
  addServiceMessage(ctx, chat, { type: 'chat_create', text: title }, self);
  if (!versionAtLeast(ctx.version, '5.199')) return chat.chatId;
  return { chat_id: chat.chatId, peer_ids: added };
}

/** messages.getInviteLink: admin only (919, or 931 with reset=1); reset invalidates the old link. */
function getInviteLink(ctx: MethodContext): unknown {
  const p = ctx.params;
  const chat = requireChat(ctx, p.requireInt('peer_id'));
  const reset = p.flag('reset');
  if (!botIsMember(ctx, chat)) throw new VkEmulatorError(917);
  if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(reset ? 931 : 919);
  const link = reset ? ctx.emu.state.resetInviteLink(chat) : chat.inviteLink;
  return { link };
}

function memberList(ctx: MethodContext, peerId: number): { members: ChatMember[]; chat: EmuChat | undefined } {
  const { state } = ctx.emu;
  if (isChatPeer(peerId)) {
    const chat = requireChat(ctx, peerId);
    if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(917);
    return { members: chat.members, chat };
  }
  const user = state.users.get(peerId);
  if (!user) throw new VkEmulatorError(936);
  const self = botMemberId(ctx);
  return {
    members: [
      { memberId: user.id, invitedBy: 0, joinDate: 0, isAdmin: false },
      { memberId: self, invitedBy: 0, joinDate: 0, isAdmin: false },
    ],
    chat: undefined,
  };
}

/** messages.getConversationMembers: chats need the community to be admin (917). */
function getConversationMembers(ctx: MethodContext): unknown {
  const p = ctx.params;
  const { state, baseUrl, options } = ctx.emu;
  const peerId = p.requireInt('peer_id');
  const offset = p.int('offset') ?? 0;
  const count = p.int('count') ?? 20;
  if (count < 0 || count > 1000) throw paramError('count should be less or equal to 1000');
  const fields = p.strList('fields');
  const { members, chat } = memberList(ctx, peerId);
  const self = botMemberId(ctx);
  const items = members.slice(offset, offset + count).map((m) => {
    const item: Record<string, unknown> = {
      member_id: m.memberId,
      invited_by: m.invitedBy,
      join_date: m.joinDate,
      is_admin: m.isAdmin,
    };
    if (chat) {
      item.is_owner = m.memberId === chat.ownerId;
      item.can_kick = botIsAdmin(ctx, chat) && m.memberId !== chat.ownerId && m.memberId !== self;
    }
    return item;
  });
  const profiles = members
    .map((m) => state.users.get(m.memberId))
    .filter((u) => u !== undefined)
    .map((u) => userObject(u, fields, baseUrl));
  const groups = members.some((m) => m.memberId === self) ? [groupObject(options, baseUrl)] : [];
  return { count: members.length, items, profiles, groups };
}

function conversationObject(ctx: MethodContext, peerId: number): Record<string, unknown> | undefined {
  const { state, options } = ctx.emu;
  const messages = state.messagesOf(peerId).filter((m) => !m.deleted);
  const last = messages[messages.length - 1];
  const lastId = last && !isChatPeer(peerId) ? last.id : 0;
  // The community reads everything at once; the person has read its messages up to where they read (see markRead).
  const readThrough = state.readThrough(peerId, peerId);
  const outRead = isChatPeer(peerId) ? 0 : (messages.filter((m) => m.out === 1 && m.cmid <= readThrough).at(-1)?.id ?? 0);
  const base: Record<string, unknown> = {
    last_message_id: lastId,
    last_conversation_message_id: last?.cmid ?? 0,
    in_read: lastId,
    out_read: outRead,
    version: state.conversation(peerId).lastCmid,
    important: false,
    unanswered: last !== undefined && last.out === 0,
  };
  if (isChatPeer(peerId)) {
    const chat = state.chatByPeer(peerId);
    if (!chat || !botIsMember(ctx, chat) || !botIsAdmin(ctx, chat)) return undefined;
    const admins = chat.members.filter((m) => m.isAdmin).map((m) => m.memberId);
    const lastOut = messages.filter((m) => m.out === 1).at(-1);
    const readers = lastOut ? state.readersOf(peerId, lastOut.cmid).filter((id) => chat.members.some((m) => m.memberId === id)) : [];
    return {
      peer: { id: peerId, type: 'chat', local_id: chat.chatId },
      ...base,
      out_read_by: { count: readers.length, member_ids: readers },
      can_write: { allowed: true },
      chat_settings: {
        owner_id: chat.ownerId,
        title: chat.title,
        members_count: chat.members.length,
        state: 'in',
        admin_ids: admins,
        active_ids: [],
        is_group_channel: false,
        acl: {
          can_change_info: true,
          can_change_invite_link: true,
          can_change_pin: true,
          can_invite: true,
          can_promote_users: chat.ownerId === -options.groupId,
          can_see_invite_link: true,
          can_moderate: true,
          can_copy_chat: false,
          can_call: false,
          can_use_mass_mentions: true,
        },
      },
    };
  }
  const user = state.users.get(peerId);
  if (!user) return undefined;
  const canWrite: Record<string, unknown> = { allowed: user.allowsMessages && !user.blocked && !user.privacyRestricted };
  if (user.blocked) canWrite.reason = 900;
  else if (user.privacyRestricted) canWrite.reason = 902;
  else if (!user.allowsMessages) canWrite.reason = 901;
  return { peer: { id: peerId, type: 'user', local_id: peerId }, ...base, can_write: canWrite };
}

/** messages.getConversationsById: ≤ 100 peers; chats where the community is not admin are left out (vk-io#169). */
function getConversationsById(ctx: MethodContext): unknown {
  const peerIds = ctx.params.intList('peer_ids');
  if (peerIds.length === 0) throw paramError('peer_ids is undefined');
  if (peerIds.length > 100) throw paramError('peer_ids: too many peers, maximum is 100');
  const items = peerIds.map((id) => conversationObject(ctx, id)).filter((c) => c !== undefined);
  return { count: items.length, items };
}

/** messages.isMessagesFromGroupAllowed. */
function isMessagesFromGroupAllowed(ctx: MethodContext): unknown {
  const groupId = ctx.params.requireInt('group_id');
  const userId = ctx.params.requireInt('user_id');
  if (groupId !== ctx.emu.options.groupId) throw paramError('group_id is invalid');
  const user = ctx.emu.state.users.get(userId);
  return { is_allowed: user !== undefined && user.allowsMessages && !user.blocked ? 1 : 0 };
}

/** messages.removeChatUser: `chat_id` is local; 927 no chat, 925 not admin, 935 not a member. */
function removeChatUser(ctx: MethodContext): unknown {
  const p = ctx.params;
  const chatId = p.requireInt('chat_id');
  if (chatId <= 0 || chatId > 100_000_000) throw paramError('chat_id is invalid');
  const memberId = p.int('member_id') ?? p.int('user_id');
  if (memberId === undefined) throw paramError('user_id is undefined');
  const chat = ctx.emu.state.chats.get(chatId);
  if (!chat) throw new VkEmulatorError(927);
  if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(925);
  const index = chat.members.findIndex((m) => m.memberId === memberId);
  if (index < 0) throw new VkEmulatorError(935);
  if (memberId === chat.ownerId) throw new VkEmulatorError(925);
  chat.members.splice(index, 1);
  addServiceMessage(ctx, chat, { type: 'chat_kick_user', member_id: memberId }, botMemberId(ctx));
  return 1;
}

/** messages.editChat: admin only; records a chat_title_update service message. */
function editChat(ctx: MethodContext): unknown {
  const p = ctx.params;
  const chat = ctx.emu.state.chats.get(p.requireInt('chat_id'));
  if (!chat) throw new VkEmulatorError(927);
  if (!botIsAdmin(ctx, chat)) throw new VkEmulatorError(925);
  const title = p.str('title');
  if (title !== undefined && title !== chat.title) {
    chat.title = title;
    addServiceMessage(ctx, chat, { type: 'chat_title_update', text: title }, botMemberId(ctx));
  }
  return 1;
}

/** messages.setActivity: a typing indicator; only validated. */
function setActivity(ctx: MethodContext): unknown {
  const p = ctx.params;
  if (!p.has('peer_id') && !p.has('user_id')) throw paramError('peer_id is undefined');
  return 1;
}

/** messages.getByConversationMessageId: the community's view of messages by cmid. */
function getByConversationMessageId(ctx: MethodContext): unknown {
  const p = ctx.params;
  const peerId = p.requireInt('peer_id');
  const cmids = p.intList('conversation_message_ids').concat(p.intList('cmids'));
  if (cmids.length === 0) throw paramError('conversation_message_ids is undefined');
  const { state, baseUrl } = ctx.emu;
  const items = cmids
    .map((cmid) => state.findByCmid(peerId, cmid))
    .filter((m) => m !== undefined && !m.deleted)
    .map((m) => messageObject(state, m as StoredMessage, baseUrl));
  return { count: items.length, items };
}

/** messages.getById: the community's view of messages by their ids (≤ 100); in chats a bot's messages have id 0, so only private dialogs' are found. */
function getById(ctx: MethodContext): unknown {
  const ids = ctx.params.intList('message_ids');
  if (ids.length === 0) throw paramError('message_ids is undefined');
  if (ids.length > 100) throw paramError('message_ids: too many ids, maximum is 100');
  const { state, baseUrl } = ctx.emu;
  const wanted = new Set(ids);
  const found = new Map<number, StoredMessage>();
  for (const [peerId, conversation] of state.conversations) {
    if (isChatPeer(peerId)) continue;
    for (const message of conversation.messages) if (wanted.has(message.id) && !message.deleted) found.set(message.id, message);
  }
  const items = ids.flatMap((id) => {
    const message = found.get(id);
    return message ? [messageObject(state, message, baseUrl)] : [];
  });
  return { count: items.length, items };
}

/** The messages.* family. */
export const messagesMethods: MethodTable = {
  'messages.send': send,
  'messages.edit': edit,
  'messages.delete': deleteMessages,
  'messages.pin': pin,
  'messages.unpin': unpin,
  'messages.sendMessageEventAnswer': sendMessageEventAnswer,
  'messages.createChat': createChat,
  'messages.getInviteLink': getInviteLink,
  'messages.getConversationMembers': getConversationMembers,
  'messages.getConversationsById': getConversationsById,
  'messages.isMessagesFromGroupAllowed': isMessagesFromGroupAllowed,
  'messages.removeChatUser': removeChatUser,
  'messages.editChat': editChat,
  'messages.setActivity': setActivity,
  'messages.getByConversationMessageId': getByConversationMessageId,
  'messages.getById': getById,
};
