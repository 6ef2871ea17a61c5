import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageContext, VK } from 'vk-io';
import { Driver, InvalidInviteLinkError, ManualClock, startEmulator } from '../../emulator/index.js';
import type { DriverUser, Emulator } from '../../emulator/index.js';
import { rawCall, vkFor } from './helpers.js';

describe('chats run by the community', () => {
  let emu: Emulator;
  let vk: VK;
  let d: Driver;
  let anna: DriverUser;
  let boris: DriverUser;
  let silent: DriverUser;
  const serviceEvents: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ longPollWaitMs: 1000 });
    vk = vkFor(emu);
    vk.updates.on('message', async (ctx: MessageContext, next) => {
      if (ctx.isOutbox) return next();
      if (ctx.eventType) {
        serviceEvents.push(`${ctx.eventType}:${ctx.senderId}`);
        return undefined;
      }
      if (ctx.isChat && ctx.text === '/help') await ctx.send('Помощь для чата');
      else if (ctx.isChat) await ctx.send(`Увидел: ${ctx.text ?? ''}`);
      return undefined;
    });
    await vk.updates.start();
    d = new Driver(emu);
    anna = d.user({ firstName: 'Анна', lastName: 'Петрова' });
    boris = d.user({ firstName: 'Борис', lastName: 'Смирнов' });
    silent = d.user({ firstName: 'Тихон', lastName: 'Молчанов' });
    await anna.say('привет');
    await boris.say('привет');
  });

  afterAll(async () => {
    await vk.updates.stop();
    await emu.close();
  });

  it('createChat adds only reachable users and returns {chat_id, peer_ids}', async () => {
    const result = await vk.api.messages.createChat({ user_ids: [anna.id, boris.id, silent.id], title: '5А' });
    expect(result).toEqual({ chat_id: 1, peer_ids: [anna.id, boris.id] });
    const members = (await vk.api.messages.getConversationMembers({ peer_id: 2_000_000_001 })) as {
      count: number;
      items: { member_id: number; is_admin?: boolean; is_owner?: boolean }[];
    };
    expect(members.count).toBe(3);
    expect(members.items.find((m) => m.member_id === -1)).toMatchObject({ is_admin: true, is_owner: true });
  });

  it('in chats the bot sees "/" commands but not plain chatter; message_id is 0', async () => {
    await anna.sayIn(2_000_000_001, 'просто болтаю');
    await anna.sayIn(2_000_000_001, '/help');
    const chat = d.chat(2_000_000_001);
    await chat.expect('Помощь для чата');
    expect(chat.received.map((m) => m.text)).toEqual(['Помощь для чата']);
    const sent = (await vk.api.messages.send({ peer_id: 2_000_000_001, random_id: 0, message: 'всем' })) as unknown;
    expect(sent).toBe(0);
    const multi = await vk.api.messages.send({ peer_ids: 2_000_000_001, random_id: 0, message: 'всем 2' });
    expect(multi).toEqual([{ peer_id: 2_000_000_001, message_id: 0, conversation_message_id: expect.any(Number) }]);
  });

  it('getInviteLink: reset=1 invalidates the old link; joining emits chat_invite_user_by_link', async () => {
    const { link: first } = await vk.api.messages.getInviteLink({ peer_id: 2_000_000_001 });
    const again = await vk.api.messages.getInviteLink({ peer_id: 2_000_000_001 });
    expect(again.link).toBe(first);
    const { link: second } = await vk.api.messages.getInviteLink({ peer_id: 2_000_000_001, reset: 1 });
    expect(second).not.toBe(first);
    expect(() => emu.joinChatByLink(silent.id, first)).toThrow(InvalidInviteLinkError);
    await silent.joinChat(second);
    await expect.poll(() => serviceEvents).toContain(`chat_invite_user_by_link:${silent.id}`);
    expect(d.chat(2_000_000_001).memberIds).toContain(silent.id);
  });

  it('removeChatUser: chat_id is local; 935 for a non-member; a user-owned chat without admin gives 925/917/919', async () => {
    await expect(vk.api.messages.removeChatUser({ chat_id: 1, user_id: silent.id })).resolves.toBe(1);
    await expect(vk.api.messages.removeChatUser({ chat_id: 1, user_id: silent.id })).rejects.toMatchObject({ code: 935 });
    await expect(vk.api.messages.removeChatUser({ chat_id: 99, user_id: anna.id })).rejects.toMatchObject({ code: 927 });
    const own = emu.addChat({ ownerId: anna.id, title: 'Родители', memberIds: [boris.id], botIsAdmin: false });
    await expect.poll(() => serviceEvents).toContain(`chat_invite_user:${anna.id}`);
    await expect(vk.api.messages.removeChatUser({ chat_id: own.chatId, user_id: boris.id })).rejects.toMatchObject({ code: 925 });
    await expect(vk.api.messages.getConversationMembers({ peer_id: own.peerId })).rejects.toMatchObject({ code: 917 });
    await expect(vk.api.messages.getInviteLink({ peer_id: own.peerId })).rejects.toMatchObject({ code: 919 });
    await expect(vk.api.messages.getInviteLink({ peer_id: own.peerId, reset: 1 })).rejects.toMatchObject({ code: 931 });
    const conversations = await vk.api.messages.getConversationsById({ peer_ids: [own.peerId, 2_000_000_001] });
    expect(conversations.items.map((c) => c.peer.id)).toEqual([2_000_000_001]);
  });

  it('isMessagesFromGroupAllowed reflects writing and message_deny', async () => {
    expect(await vk.api.messages.isMessagesFromGroupAllowed({ group_id: 1, user_id: anna.id })).toEqual({ is_allowed: 1 });
    expect(await vk.api.messages.isMessagesFromGroupAllowed({ group_id: 1, user_id: silent.id })).toEqual({ is_allowed: 0 });
    anna.denyMessages();
    expect(await vk.api.messages.isMessagesFromGroupAllowed({ group_id: 1, user_id: anna.id })).toEqual({ is_allowed: 0 });
    anna.allowMessages();
  });
});

describe('edit, delete, pin and callback answers', () => {
  let emu: Emulator;
  // Time moves only when the test says so: an event's lifetime never depends on how busy the machine is.
  const clock = new ManualClock();

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, eventTtlMs: 200, now: clock.now });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addUser({ id: 11, firstName: 'Борис', lastName: 'Смирнов' });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('edits by message_id, cmid or conversation_message_id; only own messages', async () => {
    const id = (await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 1, message: 'v1', keyboard: '{"buttons":[[{"action":{"type":"callback","label":"x"}}]],"inline":true}' })).response as number;
    const msg = emu.sentTo(10).at(-1);
    expect(msg?.keyboard?.inline).toBe(true);
    expect((await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v2' })).response).toBe(1);
    expect(msg?.text).toBe('v2');
    expect(msg?.keyboard).toBeUndefined();
    expect((await rawCall(emu, 'messages.edit', { peer_id: 10, cmid: msg?.cmid ?? 0, message: 'v3' })).response).toBe(1);
    expect((await rawCall(emu, 'messages.edit', { peer_id: 10, conversation_message_id: msg?.cmid ?? 0, message: 'v4' })).response).toBe(1);
    expect(msg?.text).toBe('v4');
    const incoming = emu.userMessage(10, 'от пользователя');
    const error = (await rawCall(emu, 'messages.edit', { peer_id: 10, cmid: incoming.cmid, message: 'x' })) as { error: { error_code: number } };
    expect(error.error.error_code).toBe(920);
    const tooLong = (await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'x'.repeat(4097) })) as { error: { error_code: number } };
    expect(tooLong.error.error_code).toBe(914);
  });

  it('delete answers the 5.199 array and marks messages deleted; 5.131 gets the old object', async () => {
    await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 2, message: 'to delete' });
    const msg = emu.sentTo(10).at(-1);
    const body = await rawCall(emu, 'messages.delete', { peer_id: 10, cmids: msg?.cmid ?? 0, delete_for_all: 1 });
    expect(body.response).toEqual([{ peer_id: 10, message_id: msg?.id, conversation_message_id: msg?.cmid, response: 1 }]);
    expect(msg?.deleted).toBe(true);
    expect(emu.sentTo(10).includes(msg as never)).toBe(false);
    await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 3, message: 'old api' });
    const old = emu.sentTo(10).at(-1);
    const legacy = await fetch(`${emu.apiUrl}/messages.delete`, {
      method: 'POST',
      body: new URLSearchParams({ access_token: emu.token, v: '5.131', message_ids: String(old?.id) }),
    });
    expect(((await legacy.json()) as { response: unknown }).response).toEqual({ [String(old?.id)]: 1 });
  });

  it('pin returns the pinned message', async () => {
    await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 4, message: 'закреп' });
    const msg = emu.sentTo(10).at(-1);
    const body = await rawCall(emu, 'messages.pin', { peer_id: 10, conversation_message_id: msg?.cmid ?? 0 });
    expect(body.response).toMatchObject({ id: msg?.id, conversation_message_id: msg?.cmid, text: 'закреп', from_id: -1 });
    expect(emu.state.conversation(10).pinnedCmid).toBe(msg?.cmid);
  });

  it('sendMessageEventAnswer: one answer, checked user/peer, 60 s lifetime (configurable)', async () => {
    const eventId = emu.messageEvent(10, 10, 1, { a: 1 });
    const wrong = await rawCall(emu, 'messages.sendMessageEventAnswer', { event_id: eventId, user_id: 11, peer_id: 11 });
    expect((wrong as { error: { error_code: number } }).error.error_code).toBe(100);
    const long = await rawCall(emu, 'messages.sendMessageEventAnswer', {
      event_id: eventId,
      user_id: 10,
      peer_id: 10,
      event_data: JSON.stringify({ type: 'show_snackbar', text: 'x'.repeat(91) }),
    });
    expect((long as { error: { error_code: number } }).error.error_code).toBe(100);
    const ok = await rawCall(emu, 'messages.sendMessageEventAnswer', {
      event_id: eventId,
      user_id: 10,
      peer_id: 10,
      event_data: JSON.stringify({ type: 'show_snackbar', text: 'Готово' }),
    });
    expect(ok.response).toBe(1);
    expect(emu.state.callbackEvents.get(eventId)?.answer).toEqual({ type: 'show_snackbar', text: 'Готово' });
    const twice = await rawCall(emu, 'messages.sendMessageEventAnswer', { event_id: eventId, user_id: 10, peer_id: 10 });
    expect((twice as { error: { error_msg: string } }).error.error_msg).toContain('already answered');
    const onTime = emu.messageEvent(10, 10, 1, {});
    const late = emu.messageEvent(10, 10, 1, {});
    clock.advance(200);
    expect((await rawCall(emu, 'messages.sendMessageEventAnswer', { event_id: onTime, user_id: 10, peer_id: 10 })).response).toBe(1);
    clock.advance(1);
    const expired = await rawCall(emu, 'messages.sendMessageEventAnswer', { event_id: late, user_id: 10, peer_id: 10 });
    expect((expired as { error: { error_msg: string } }).error.error_msg).toContain('expired');
  });

  it('echoes nothing by default, but records every call', () => {
    expect(emu.callsOf('messages.send').length).toBeGreaterThan(0);
    expect(emu.calls.every((c) => !('access_token' in c.params))).toBe(true);
  });
});
