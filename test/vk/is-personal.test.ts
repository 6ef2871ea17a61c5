import { API, MessageContext, MessageEventContext, Upload, UpdateSource } from 'vk-io';
import { describe, expect, it } from 'vitest';
import { isPersonal } from '../../src/vk/update-context.js';

// Which vk-io contexts get a turn: the VK adapter decides, the runtime's middleware does not know vk-io.

const api = new API({ token: 'test' });
const upload = new Upload({ api });
const CHAT = 2_000_000_001;

/** A message_new as vk-io makes its context. */
function message(fields: Record<string, unknown>): MessageContext {
  const payload = { message: { id: 1, date: 0, peer_id: 310, from_id: 310, text: 'hi', conversation_message_id: 1, out: 0, attachments: [], fwd_messages: [], important: false, random_id: 0, ...fields }, client_info: { button_actions: [], keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 } };
  return new MessageContext({ api, upload, source: UpdateSource.WEBHOOK, updateType: 'message_new', groupId: 1, payload: payload as never });
}

describe('a personal VK update', () => {
  it('is a person’s new message or a callback press; not the bot’s own message nor a chat’s service message', () => {
    expect(isPersonal(message({}))).toBe(true);
    expect(isPersonal(message({ peer_id: CHAT }))).toBe(true);
    expect(isPersonal(message({ out: 1 }))).toBe(false);
    expect(isPersonal(message({ peer_id: CHAT, action: { type: 'chat_invite_user', member_id: 5 } }))).toBe(false);
    const press = new MessageEventContext({ api, upload, source: UpdateSource.WEBHOOK, updateType: 'message_event', groupId: 1, payload: { user_id: 310, peer_id: 310, event_id: 'e' } as never });
    expect(isPersonal(press)).toBe(true);
  });
});
