import { describe, expect, it } from 'vitest';
import { vkSender } from '../../src/vk/update-context.js';

const CHAT = 2_000_000_001;
const message = (fields: Record<string, unknown>, clientInfo?: { lang_id: number }) => ({
  type: 'message_new',
  object: { message: { id: 1, text: 'hi', ...fields }, ...(clientInfo ? { client_info: clientInfo } : {}) },
});

describe('the sender of a VK update', () => {
  it('is the writer as a PersonId, in the peer they wrote in, with the language learnt in a private dialog only', () => {
    expect(vkSender(message({ from_id: 310, peer_id: 310 }, { lang_id: 3 }))).toEqual({ person: '310', peer: 310, learnt: 'en' });
    expect(vkSender(message({ from_id: 310, peer_id: CHAT }, { lang_id: 3 }))).toEqual({ person: '310', peer: CHAT, learnt: undefined });
  });

  it('is the presser of a callback button', () => {
    expect(vkSender({ type: 'message_event', object: { user_id: 42, peer_id: CHAT, event_id: 'e' } })).toEqual({ person: '42', peer: CHAT, learnt: undefined });
  });

  it('is nobody for the bot’s own messages, chat service messages, a community’s messages and other updates', () => {
    expect(vkSender(message({ from_id: 310, peer_id: 310, out: 1 }))).toBeUndefined();
    expect(vkSender(message({ from_id: 310, peer_id: CHAT, action: { type: 'chat_invite_user_by_link' } }))).toBeUndefined();
    expect(vkSender(message({ from_id: -5, peer_id: CHAT }))).toBeUndefined();
    expect(vkSender({ type: 'message_reply', object: { from_id: 310, peer_id: 310 } })).toBeUndefined();
  });
});
