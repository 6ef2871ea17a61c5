import { API, MessageContext, MessageEventContext, Upload, UpdateSource } from 'vk-io';
import { describe, expect, it } from 'vitest';
import { buttonPress, chatMemberChange, type VkPressContext } from '../../src/vk/incoming.js';

// Chat service messages in the port's words: who joined or left a chat, and who did it (F25).

const GROUP_ID = 1;
const CHAT = 2_000_000_005;
const api = new API({ token: 'test' });
const upload = new Upload({ api });

/** A message_new of a chat as vk-io makes its context. */
function serviceMessage(fromId: number, action?: { type: string; member_id?: number }): MessageContext {
  return new MessageContext({
    api,
    upload,
    source: UpdateSource.POLLING,
    updateType: 'message_new',
    groupId: GROUP_ID,
    payload: { message: { id: 0, date: 0, peer_id: CHAT, from_id: fromId, text: '', conversation_message_id: 9, out: 0, attachments: [], fwd_messages: [], important: false, random_id: 0, ...(action ? { action } : {}) }, client_info: { button_actions: [], keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 } } as never,
  });
}

describe('VK chat service messages as ChatMemberChange', () => {
  it('F25: joining by link, adding, leaving and removing are told apart; the bot and other communities are no people; other messages are none', () => {
    expect(chatMemberChange(serviceMessage(310, { type: 'chat_invite_user_by_link' }))).toEqual({ kind: 'chat-member', chat: CHAT, person: { platform: 'vk', id: 310 }, change: 'joined-by-link' });
    expect(chatMemberChange(serviceMessage(300, { type: 'chat_invite_user', member_id: 900 }))).toEqual({
      kind: 'chat-member',
      chat: CHAT,
      person: { platform: 'vk', id: 900 },
      change: 'added',
      by: { platform: 'vk', id: 300 },
    });
    expect(chatMemberChange(serviceMessage(310, { type: 'chat_kick_user', member_id: 310 }))).toEqual({ kind: 'chat-member', chat: CHAT, person: { platform: 'vk', id: 310 }, change: 'left' });
    expect(chatMemberChange(serviceMessage(300, { type: 'chat_kick_user', member_id: 900 }))).toMatchObject({ change: 'removed', person: { id: 900 }, by: { id: 300 } });
    // The bot's own removal: no person did it.
    expect(chatMemberChange(serviceMessage(-GROUP_ID, { type: 'chat_kick_user', member_id: 900 }))).toEqual({ kind: 'chat-member', chat: CHAT, person: { platform: 'vk', id: 900 }, change: 'removed', by: undefined });
    // The bot (or another community) added to a chat is not a person joining.
    expect(chatMemberChange(serviceMessage(300, { type: 'chat_invite_user', member_id: -GROUP_ID }))).toBeUndefined();
    expect(chatMemberChange(serviceMessage(300, { type: 'chat_title_update' }))).toBeUndefined();
    expect(chatMemberChange(serviceMessage(300))).toBeUndefined();
  });
});

/** A message_event (a callback button pressed by `userId` in `peerId`) as vk-io makes its context, with no scenes. */
function press(userId: number, peerId: number): VkPressContext {
  const context = new MessageEventContext({
    api,
    upload,
    source: UpdateSource.POLLING,
    updateType: 'message_event',
    groupId: GROUP_ID,
    payload: { user_id: userId, peer_id: peerId, event_id: 'e1', payload: { k: 'cb', a: 'x' }, conversation_message_id: 7 } as never,
  });
  return Object.assign(context, { scene: {} }) as unknown as VkPressContext;
}

describe('a VK callback press as a ButtonPress', () => {
  it('is private in the presser’s own dialog and not in a chat', () => {
    expect(buttonPress(press(310, 310))).toMatchObject({ kind: 'press', from: { platform: 'vk', id: 310 }, chat: 310, isPrivate: true, message: { chat: 310, id: '7' }, pressId: 'e1' });
    expect(buttonPress(press(310, CHAT))).toMatchObject({ chat: CHAT, isPrivate: false });
  });
});
