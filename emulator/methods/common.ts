import { VkEmulatorError, paramError } from '../errors.js';
import type { EmuChat, EmulatorState, StoredMessage } from '../state.js';
import { isChatPeer } from '../state.js';
import type { MethodContext } from '../types.js';

/** True when `version` (e.g. "5.131") is at least `min` (e.g. "5.199"). */
export function versionAtLeast(version: string, min: string): boolean {
  const [aMajor = 0, aMinor = 0] = version.split('.').map((x) => Number(x) || 0);
  const [bMajor = 0, bMinor = 0] = min.split('.').map((x) => Number(x) || 0);
  return aMajor !== bMajor ? aMajor > bMajor : aMinor >= bMinor;
}

/** The community's own member id in chats (`-groupId`). */
export function botMemberId(ctx: MethodContext): number {
  return -ctx.emu.options.groupId;
}

/** The chat of a chat peer, or 927 "Chat does not exist"; a non-chat peer is error 100. */
export function requireChat(ctx: MethodContext, peerId: number): EmuChat {
  if (!isChatPeer(peerId)) throw paramError('peer_id is invalid');
  const chat = ctx.emu.state.chatByPeer(peerId);
  if (!chat) throw new VkEmulatorError(927);
  return chat;
}

/** True when the community is a member of the chat. */
export function botIsMember(ctx: MethodContext, chat: EmuChat): boolean {
  return chat.members.some((m) => m.memberId === botMemberId(ctx));
}

/** True when the community is an admin of the chat. */
export function botIsAdmin(ctx: MethodContext, chat: EmuChat): boolean {
  return chat.members.some((m) => m.memberId === botMemberId(ctx) && m.isAdmin);
}

/** Finds the message addressed by `message_id` | `cmid` | `conversation_message_id` in a peer, or error 100. */
export function findTargetMessage(ctx: MethodContext, state: EmulatorState, peerId: number): StoredMessage {
  const p = ctx.params;
  const cmid = p.int('cmid') ?? p.int('conversation_message_id');
  const messageId = p.int('message_id');
  let message: StoredMessage | undefined;
  if (cmid !== undefined) message = state.findByCmid(peerId, cmid);
  else if (messageId !== undefined && messageId !== 0) message = state.findById(peerId, messageId);
  else throw paramError('message_id is undefined');
  if (!message || message.deleted) throw paramError(cmid !== undefined ? 'cmid is invalid' : 'message_id is invalid');
  return message;
}

/** Parses a comma list of attachment ids (`photo-1_2_key`), ≤ 10 items, ≤ 9000 chars; error 100 otherwise. */
export function parseAttachmentParam(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  if (value.length > 9000) throw paramError('attachment is too long');
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length > 10) throw paramError('attachment: too many attachments');
  for (const item of items) {
    if (!/^[a-z_]+-?\d+_\d+(?:_[A-Za-z0-9]+)?$/.test(item)) throw paramError(`attachment is invalid: ${item}`);
  }
  return items;
}

/** Length in characters (code points), as a user would count them. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
