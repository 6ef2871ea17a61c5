import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inlineKeyboard, replyKeyboard } from '../../src/messenger/keyboard.js';
import { RecipientUnreachableError } from '../../src/messenger/messenger.js';
import { renderKeyboard } from '../../src/vk/keyboard.js';
import { vkPeer, vkUserId } from '../../src/vk/person-refs.js';
import { Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';

// The VK adapter of the messenger port, through unmodified vk-io to the emulator: what the features
// ask of "a messenger" becomes the right VK calls, and VK's answers come back in the port's words.

describe('VK adapter of the messenger port', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.close();
  });

  it('renders neutral keyboards in VK JSON: reply keyboards one-time, inline ones with callback and link buttons, labels cut at 40', () => {
    const reply = JSON.parse(renderKeyboard(replyKeyboard([[{ label: 'Да', payload: { k: 'cmd', c: 'help' }, color: 'positive' }], []])));
    expect(reply).toMatchObject({ one_time: true, buttons: [[{ action: { type: 'text', label: 'Да', payload: '{"k":"cmd","c":"help"}' }, color: 'positive' }]] });
    const long = 'Очень длинная надпись на кнопке, длиннее сорока знаков';
    const inline = JSON.parse(renderKeyboard(inlineKeyboard([[{ label: long, payload: { k: 'cb', a: 'x' } }, { kind: 'link', label: 'Сайт', url: 'https://example.org' }]])));
    expect(inline.inline).toBe(true);
    expect(inline.buttons[0][0].action).toMatchObject({ type: 'callback', label: `${long.slice(0, 39)}…` });
    expect(inline.buttons[0][1].action).toMatchObject({ type: 'open_link', link: 'https://example.org', label: 'Сайт' });
  });

  it('sends with a message id as text, edits by it, and names an unreachable person with the port error', async () => {
    const { messenger } = h.bot.app;
    const anna = h.driver.user({ id: 700, firstName: 'Анна', lastName: 'Петрова' });
    await anna.say('привет');
    await h.idle();
    const sent = await messenger.send(vk(700), { text: 'Первое', keyboard: replyKeyboard([[{ label: 'Ок', payload: { k: 'cmd', c: 'help' } }]]) }, 'adapter-test:1');
    expect(sent).toEqual({ chat: 700, id: expect.stringMatching(/^\d+$/) });
    await messenger.edit(sent, { text: 'Исправлено' });
    expect(h.emulator.sentTo(700).find((m) => String(m.cmid) === sent.id)?.text).toBe('Исправлено');
    h.emulator.addUser({ id: 701, firstName: 'Борис', lastName: 'Никогда-не-писал', allowsMessages: false });
    await expect(messenger.send(vk(701), { text: 'Здравствуйте' })).rejects.toBeInstanceOf(RecipientUnreachableError);
    expect(await messenger.mayWrite(vk(700))).toBe(true);
    expect(await messenger.mayWrite(vk(701))).toBe(false);
    expect(await messenger.profile(vk(700))).toEqual({ id: vk(700), firstName: 'Анна', lastName: 'Петрова' });
    expect(messenger.mention(vk(700), 'Анна [Петрова]')).toBe('[id700|Анна Петрова]');
    expect(messenger.startLink('tok en', 'invite')).toBe(`https://vk.me/club${h.config.VK_GROUP_ID}?ref=tok%20en&ref_source=invite`);
    expect(messenger.dialogLink()).toBe(`vk.me/club${h.config.VK_GROUP_ID}`);
  });

  it('creates a chat, gives its join link, and lists who joined by it', async () => {
    const { messenger } = h.bot.app;
    const chat = await messenger.createChat('5А · Математика');
    expect(chat).toBeGreaterThan(2_000_000_000);
    const link = await messenger.inviteLink(chat);
    expect(link).toMatch(/^https:\/\/vk\.me\/join\//);
    const pupil = h.driver.user({ id: 702, firstName: 'Вера', lastName: 'Соколова' });
    await pupil.joinChat(link);
    await h.idle();
    expect(await messenger.members(chat)).toContain(vk(702));
  });

  it('lists every member of a chat larger than one page of VK (20 by default, 1000 at most a call)', async () => {
    const { messenger } = h.bot.app;
    const chat = await messenger.createChat('Сотрудники');
    const link = await messenger.inviteLink(chat);
    const ids = Array.from({ length: 1100 }, (_, i) => 10_000 + i);
    for (const id of ids) {
      h.emulator.addUser({ id, firstName: 'Учитель', lastName: 'Школы' });
      h.emulator.joinChatByLink(id, link);
    }
    await h.idle();
    expect((await messenger.members(chat)).map(vkUserId).filter((id) => id >= 10_000).sort((a, b) => a - b)).toEqual(ids);
    expect(h.emulator.callsOf('messages.getConversationMembers')).toHaveLength(2);
  });
  it('F12 read marks: which of 1000 private copies were read, from out_read in 100-peer getConversationsById calls; a read followed by an answer is looked up with messages.getById; a chat message counts as not known', async () => {
    const { messenger } = h.bot.app;
    const ids = Array.from({ length: 1000 }, (_, i) => 10_000 + i);
    for (const id of ids) h.emulator.addUser({ id, firstName: 'Ученик', lastName: String(id), allowsMessages: true });
    const copies = await messenger.sendMany(ids.map(vk), { text: 'Завтра линейка' }, 'adapter-test:reads');
    const refs = copies.map((d) => (d.ok ? d.message : { chat: vkPeer(d.chat), id: '0' }));
    // 0–599 read it; 400–599 read it and answered (the dialog's last message is then not the copy); 600–999 have not looked.
    for (const id of ids.slice(0, 600)) h.emulator.markRead(id, id);
    for (const id of ids.slice(400, 600)) h.emulator.userMessage(id, 'ок');
    await h.idle();
    const chat = h.emulator.addChat({ ownerId: 10_000, title: 'Чат' });
    const inChat = await messenger.send(chat.peerId, { text: 'В чате' }, 'adapter-test:reads-chat');
    h.emulator.markRead(10_000, chat.peerId);
    const before = { conversations: h.emulator.callsOf('messages.getConversationsById').length, byId: h.emulator.callsOf('messages.getById').length };
    const started = performance.now();
    const marks = await messenger.readMarks([...refs, inChat]);
    const ms = performance.now() - started;
    expect(marks.slice(0, 600).every(Boolean)).toBe(true);
    expect(marks.slice(600, 1000).some(Boolean)).toBe(false);
    expect(marks[1000]).toBe(false);
    expect(h.emulator.callsOf('messages.getConversationsById').length - before.conversations).toBe(10);
    expect(h.emulator.callsOf('messages.getById').length - before.byId).toBe(2);
    console.info(`read marks of 1000 copies: ${ms.toFixed(0)} ms, 10 getConversationsById + 2 getById`);
  });
});
