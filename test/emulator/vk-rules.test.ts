/**
 * VK-NOTES §10 "Emulator must enforce": the per-user, per-community and time-dependent rules, driven over HTTP
 * (raw form POSTs like vk-io's, or an unmodified vk-io). Time moves through a ManualClock, never through sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APIError, Keyboard } from 'vk-io';
import type { VK } from 'vk-io';
import { ManualClock, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { rawCall, vkFor } from './helpers.js';

type VkError = { error_code: number; error_msg: string };
type Item = { peer_id: number; message_id?: number; conversation_message_id?: number; error?: { code: number; description: string } };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TEXT_9 = 'Flood control: too much messages sent to user';
const TEXT_900 = "Can't send messages for users from blacklist";
const TEXT_902 = "Can't send messages to this user due to their privacy settings";
const TEXT_909 = "Can't edit this message, because it's too old";
const TEXT_912 = 'This is a chat bot feature, change this status in settings';
const TEXT_950 = "Can't send message, reply timed out";

function errorOf(body: Record<string, unknown>): VkError {
  expect(body).toHaveProperty('error');
  return (body as { error: VkError }).error;
}

function itemsOf(body: Record<string, unknown>): Item[] {
  expect(body).toHaveProperty('response');
  return body.response as Item[];
}

let nextRandomId = 5000;
const rid = (): number => ++nextRandomId;

const send = (emu: Emulator, params: Record<string, string | number>): Promise<Record<string, unknown>> =>
  rawCall(emu, 'messages.send', { random_id: rid(), message: 'hi', ...params });

const INLINE_KEYBOARD = JSON.stringify({ inline: true, buttons: [[{ action: { type: 'callback', label: 'Да', payload: '{}' } }]] });
const TEMPLATE = JSON.stringify({
  type: 'carousel',
  elements: [{ title: 't', description: 'd', action: { type: 'open_link', link: 'https://example.org' }, buttons: [] }],
});

describe('row 15: bot features off → 912', () => {
  let emu: Emulator;
  let vk: VK;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, botFeatures: false });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    vk = vkFor(emu);
  });

  afterAll(async () => {
    await emu.close();
  });

  it('is on by default: a keyboard and a template go through', async () => {
    const on = await startEmulator({ rateLimitPerSecond: 0 });
    try {
      on.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
      expect(on.options.botFeatures).toBe(true);
      expect(await send(on, { peer_id: 10, keyboard: INLINE_KEYBOARD })).toHaveProperty('response');
      expect(await send(on, { peer_id: 10, template: TEMPLATE })).toHaveProperty('response');
    } finally {
      await on.close();
    }
  });

  it.each([
    ['an inline keyboard', { keyboard: INLINE_KEYBOARD }],
    ['a keyboard that only hides the reply keyboard', { keyboard: '{"buttons":[]}' }],
    ['a template', { template: TEMPLATE }],
  ])('messages.send with %s fails with 912, VK text', async (_name, extra) => {
    expect(errorOf(await send(emu, { peer_id: 10, ...extra }))).toMatchObject({ error_code: 912, error_msg: TEXT_912 });
  });

  it('fails the whole peer_ids call (not per item), and plain text still goes', async () => {
    expect(errorOf(await send(emu, { peer_ids: '10', keyboard: INLINE_KEYBOARD })).error_code).toBe(912);
    expect(itemsOf(await send(emu, { peer_ids: '10' }))[0]).toMatchObject({ peer_id: 10, message_id: expect.any(Number) });
  });

  it('vk-io sees APIError 912 for a keyboard built with its builder', async () => {
    const keyboard = Keyboard.builder().textButton({ label: 'Меню' }).oneTime();
    const sent = vk.api.messages.send({ peer_id: 10, random_id: rid(), message: 'k', keyboard });
    await expect(sent).rejects.toBeInstanceOf(APIError);
    await expect(sent).rejects.toMatchObject({ code: 912 });
  });

  it('messages.edit with a keyboard or template fails with 912; a text edit works', async () => {
    const id = (await send(emu, { peer_id: 10, message: 'v1' })).response as number;
    expect(errorOf(await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v2', keyboard: INLINE_KEYBOARD }))).toMatchObject({
      error_code: 912,
      error_msg: TEXT_912,
    });
    expect(errorOf(await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v2', template: TEMPLATE })).error_code).toBe(912);
    expect((await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v2' })).response).toBe(1);
    expect(emu.sentTo(10).at(-1)?.text).toBe('v2');
  });

  it('can be switched on at run time', async () => {
    emu.options.botFeatures = true;
    try {
      expect(await send(emu, { peer_id: 10, keyboard: INLINE_KEYBOARD })).toHaveProperty('response');
    } finally {
      emu.options.botFeatures = false;
    }
  });
});

describe('row 17: blacklist (900) and privacy (902) per user', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0 });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addUser({ id: 12, firstName: 'Злой', lastName: 'Заблокировавший', allowsMessages: true, blocked: true });
    emu.addUser({ id: 13, firstName: 'Скрытный', lastName: 'Приватный', allowsMessages: true, privacyRestricted: true });
    emu.addUser({ id: 14, firstName: 'Никогда', lastName: 'Неписавший', blocked: true });
  });

  afterAll(async () => {
    await emu.close();
  });

  it.each([
    ['peer_id', 'peer_id'],
    ['user_id', 'user_id'],
  ])('%s: a blacklisting user gets 900 and a private one 902, with VK texts', async (_name, key) => {
    expect(errorOf(await send(emu, { [key]: 12 }))).toMatchObject({ error_code: 900, error_msg: TEXT_900 });
    expect(errorOf(await send(emu, { [key]: 13 }))).toMatchObject({ error_code: 902, error_msg: TEXT_902 });
    expect(emu.sentTo(12)).toHaveLength(0);
    expect(emu.sentTo(13)).toHaveLength(0);
  });

  it('blacklist wins over a missing permission', async () => {
    expect(errorOf(await send(emu, { peer_id: 14 })).error_code).toBe(900);
  });

  it('peer_ids: each refused user gets its own error item without message_id; the others are delivered', async () => {
    const items = itemsOf(await send(emu, { peer_ids: '12,10,13', message: 'всем' }));
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({ peer_id: 12, error: { code: 900, description: TEXT_900 } });
    expect(items[1]).toMatchObject({ peer_id: 10, message_id: expect.any(Number), conversation_message_id: expect.any(Number) });
    expect(items[2]).toEqual({ peer_id: 13, error: { code: 902, description: TEXT_902 } });
    expect(emu.sentTo(10).at(-1)?.text).toBe('всем');
  });

  it('the flags are live: clearing them opens sending; can_write reports the reason', async () => {
    const conv = (await rawCall(emu, 'messages.getConversationsById', { peer_ids: '12,13' })).response as {
      items: { peer: { id: number }; can_write: { allowed: boolean; reason?: number } }[];
    };
    expect(conv.items.map((c) => c.can_write)).toEqual([
      { allowed: false, reason: 900 },
      { allowed: false, reason: 902 },
    ]);
    const user = emu.state.requireUser(13);
    user.privacyRestricted = false;
    try {
      expect(await send(emu, { peer_id: 13 })).toHaveProperty('response');
    } finally {
      user.privacyRestricted = true;
    }
  });

  it('createChat leaves blacklisting and private users out', async () => {
    const body = await rawCall(emu, 'messages.createChat', { user_ids: '10,12,13', title: 'Класс' });
    expect((body.response as { peer_ids: number[] }).peer_ids).toEqual([10]);
  });
});

describe('row 18: reply window → 950', () => {
  let emu: Emulator;
  const clock = new ManualClock(Date.UTC(2025, 8, 1, 9, 0, 0));

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, now: clock.now, replyWindow: true });
    emu.addChat({ ownerId: emu.addUser({ id: 30, firstName: 'Учитель', lastName: 'Чатов' }).id, title: 'Класс' });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('is off by default: a user who wrote a month ago can still be written to', async () => {
    const offClock = new ManualClock();
    const off = await startEmulator({ rateLimitPerSecond: 0, now: offClock.now });
    try {
      expect(off.options.replyWindowMs).toBe(0);
      off.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова' });
      off.userMessage(10, 'привет');
      offClock.advance(30 * DAY);
      expect(await send(off, { peer_id: 10 })).toHaveProperty('response');
    } finally {
      await off.close();
    }
  });

  it('true means 24 h: open up to 24 h after the user wrote, then 950 with VK text', async () => {
    expect(emu.options.replyWindowMs).toBe(DAY);
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова' });
    emu.userMessage(10, 'привет');
    clock.advance(DAY);
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
    clock.advance(1);
    expect(errorOf(await send(emu, { peer_id: 10 }))).toMatchObject({ error_code: 950, error_msg: TEXT_950 });
    expect(errorOf(await send(emu, { user_id: 10 })).error_code).toBe(950);
  });

  it('a new message from the user reopens the window', async () => {
    emu.userMessage(10, 'я снова тут');
    clock.advance(23 * HOUR);
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
  });

  it('a non-default intent is not limited by the window; an unknown intent is 100', async () => {
    clock.advance(2 * DAY);
    expect(errorOf(await send(emu, { peer_id: 10, intent: 'default' })).error_code).toBe(950);
    expect(await send(emu, { peer_id: 10, intent: 'confirmed_notification' })).toHaveProperty('response');
    expect(await send(emu, { peer_id: 10, intent: 'non_promo_newsletter' })).toHaveProperty('response');
    expect(errorOf(await send(emu, { peer_id: 10, intent: 'whatever' })).error_code).toBe(100);
  });

  it('message_allow (the user allowed messages) opens the window like a message does', async () => {
    expect(errorOf(await send(emu, { peer_id: 10 })).error_code).toBe(950);
    emu.emit('message_allow', { user_id: 10, key: 'school' });
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
    clock.advance(DAY + 1);
    expect(errorOf(await send(emu, { peer_id: 10 })).error_code).toBe(950);
  });

  it('a user added with allowsMessages counts from the moment they were added', async () => {
    emu.addUser({ id: 11, firstName: 'Борис', lastName: 'Смирнов', allowsMessages: true });
    expect(await send(emu, { peer_id: 11 })).toHaveProperty('response');
    clock.advance(DAY + 1);
    expect(errorOf(await send(emu, { peer_id: 11 })).error_code).toBe(950);
  });

  it('901 still comes first for a user who denied messages', async () => {
    emu.emit('message_deny', { user_id: 11 });
    expect(errorOf(await send(emu, { peer_id: 11 })).error_code).toBe(901);
  });

  it('peer_ids: the timed-out user gets a 950 item, the others are delivered; chats are never limited', async () => {
    emu.addUser({ id: 12, firstName: 'Вера', lastName: 'Новая' });
    emu.userMessage(12, 'вопрос');
    const items = itemsOf(await send(emu, { peer_ids: `10,12,${2_000_000_001}` }));
    expect(items[0]).toEqual({ peer_id: 10, error: { code: 950, description: TEXT_950 } });
    expect(items[1]).toMatchObject({ peer_id: 12, message_id: expect.any(Number) });
    expect(items[2]).toMatchObject({ peer_id: 2_000_000_001, message_id: 0, conversation_message_id: expect.any(Number) });
    expect((await send(emu, { peer_id: 2_000_000_001 })).response).toBe(0);
  });

  it('a number sets the window in ms', async () => {
    const shortClock = new ManualClock();
    const short = await startEmulator({ rateLimitPerSecond: 0, now: shortClock.now, replyWindow: 1000 });
    try {
      short.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова' });
      short.userMessage(10, 'привет');
      shortClock.advance(1000);
      expect(await send(short, { peer_id: 10 })).toHaveProperty('response');
      shortClock.advance(1);
      expect(errorOf(await send(short, { peer_id: 10 })).error_code).toBe(950);
    } finally {
      await short.close();
    }
  });
});

describe('row 40: per-user flood → 9', () => {
  let emu: Emulator;
  let vk: VK;
  const clock = new ManualClock();

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, now: clock.now, maxMessagesPerUserPerHour: 3 });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addUser({ id: 11, firstName: 'Борис', lastName: 'Смирнов', allowsMessages: true });
    vk = vkFor(emu);
  });

  afterAll(async () => {
    await emu.close();
  });

  afterEach(() => {
    emu.userFlood.reset();
  });

  it('the N+1-th message to one user within an hour fails with 9, VK text; other users are unaffected', async () => {
    const first = await send(emu, { peer_id: 10, random_id: 777 });
    clock.advance(10 * 60_000);
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
    expect(errorOf(await send(emu, { peer_id: 10 }))).toMatchObject({ error_code: 9, error_msg: TEXT_9 });
    expect(emu.sentTo(10)).toHaveLength(3);
    expect(await send(emu, { peer_id: 11 })).toHaveProperty('response');
    // a retry with a used random_id is deduplicated, not refused
    expect((await send(emu, { peer_id: 10, random_id: 777 })).response).toBe(first.response);
    // vk-io sees an APIError 9
    await expect(vk.api.messages.send({ peer_id: 10, random_id: rid(), message: 'x' })).rejects.toMatchObject({ code: 9 });
    // the window slides: an hour after the first message, one more fits
    clock.advance(50 * 60_000);
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
    expect(errorOf(await send(emu, { peer_id: 10 })).error_code).toBe(9);
  });

  it('peer_ids: the flooded user gets a 9 item; refused messages are not counted', async () => {
    for (let i = 0; i < 3; i += 1) await send(emu, { peer_id: 10 });
    for (let i = 0; i < 5; i += 1) expect(errorOf(await send(emu, { peer_id: 10 })).error_code).toBe(9);
    const items = itemsOf(await send(emu, { peer_ids: '10,11' }));
    expect(items[0]).toEqual({ peer_id: 10, error: { code: 9, description: TEXT_9 } });
    expect(items[1]).toMatchObject({ peer_id: 11, message_id: expect.any(Number) });
    clock.advance(HOUR);
    expect(emu.userFlood.countFor(10, clock.now())).toBe(0);
    expect(await send(emu, { peer_id: 10 })).toHaveProperty('response');
  });

  it('chats are not limited; 0 turns the limit off', async () => {
    emu.addChat({ ownerId: 10, title: 'Класс' });
    for (let i = 0; i < 5; i += 1) expect((await send(emu, { peer_id: 2_000_000_001 })).response).toBe(0);
    emu.userFlood.setLimit(0);
    try {
      for (let i = 0; i < 5; i += 1) expect(await send(emu, { peer_id: 11 })).toHaveProperty('response');
    } finally {
      emu.userFlood.setLimit(3);
    }
  });

  it('defaults to 1000 per hour (sends through execute count too)', async () => {
    const big = await startEmulator({ rateLimitPerSecond: 0, now: clock.now });
    try {
      expect(big.options.maxMessagesPerUserPerHour).toBe(1000);
      big.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
      const call = 'API.messages.send({"peer_id":10,"random_id":0,"message":"n"})';
      for (let i = 0; i < 40; i += 1) {
        const body = await rawCall(big, 'execute', { code: `return [${Array(25).fill(call).join(',')}];` });
        expect(body).not.toHaveProperty('execute_errors');
      }
      expect(big.sentTo(10)).toHaveLength(1000);
      expect(errorOf(await send(big, { peer_id: 10 }))).toMatchObject({ error_code: 9, error_msg: TEXT_9 });
    } finally {
      await big.close();
    }
  });
});

describe('row 34: edit window → 909', () => {
  let emu: Emulator;
  let vk: VK;
  const clock = new ManualClock(Date.UTC(2025, 8, 1, 9, 0, 0));

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, now: clock.now });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    vk = vkFor(emu);
  });

  afterAll(async () => {
    await emu.close();
  });

  it('message dates come from the clock', async () => {
    await send(emu, { peer_id: 10 });
    expect(emu.sentTo(10).at(-1)?.date).toBe(Math.floor(clock.now() / 1000));
  });

  it('edits within 24 h; later ones fail with 909 and VK text (raw and through vk-io)', async () => {
    const id = (await send(emu, { peer_id: 10, message: 'v1' })).response as number;
    const cmid = emu.sentTo(10).at(-1)?.cmid ?? 0;
    clock.advance(DAY - 1000);
    expect((await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v2' })).response).toBe(1);
    clock.advance(2000);
    expect(errorOf(await rawCall(emu, 'messages.edit', { peer_id: 10, message_id: id, message: 'v3' }))).toMatchObject({
      error_code: 909,
      error_msg: TEXT_909,
    });
    expect(errorOf(await rawCall(emu, 'messages.edit', { peer_id: 10, conversation_message_id: cmid, message: 'v3' })).error_code).toBe(909);
    await expect(vk.api.messages.edit({ peer_id: 10, message_id: id, message: 'v3' })).rejects.toMatchObject({ code: 909 });
    expect(emu.sentTo(10).at(-1)?.text).toBe('v2');
  });

  it('editWindowMs changes the window', async () => {
    const shortClock = new ManualClock();
    const short = await startEmulator({ rateLimitPerSecond: 0, now: shortClock.now, editWindowMs: 60_000 });
    try {
      short.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
      shortClock.set(Math.floor(shortClock.now() / 1000) * 1000);
      const id = (await send(short, { peer_id: 10 })).response as number;
      shortClock.advance(60_000);
      expect((await rawCall(short, 'messages.edit', { peer_id: 10, message_id: id, message: 'ok' })).response).toBe(1);
      shortClock.advance(1);
      expect(errorOf(await rawCall(short, 'messages.edit', { peer_id: 10, message_id: id, message: 'late' })).error_code).toBe(909);
    } finally {
      await short.close();
    }
  });
});

describe('rows 35/36: callback answers', () => {
  let emu: Emulator;
  const clock = new ManualClock();

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, now: clock.now });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
  });

  afterAll(async () => {
    await emu.close();
  });

  const answer = (eventId: string, eventData?: unknown): Promise<Record<string, unknown>> =>
    rawCall(emu, 'messages.sendMessageEventAnswer', {
      event_id: eventId,
      user_id: 10,
      peer_id: 10,
      ...(eventData === undefined ? {} : { event_data: typeof eventData === 'string' ? eventData : JSON.stringify(eventData) }),
    });

  it('an event_id lives 60 s by default; an expired one is 100', async () => {
    expect(emu.options.eventTtlMs).toBe(60_000);
    const early = emu.messageEvent(10, 10, 1, { a: 1 });
    const late = emu.messageEvent(10, 10, 1, { a: 2 });
    clock.advance(60_000);
    expect((await answer(early)).response).toBe(1);
    clock.advance(1);
    expect(errorOf(await answer(late))).toMatchObject({
      error_code: 100,
      error_msg: 'One of the parameters specified was missing or invalid: event_id is expired',
    });
    expect(emu.state.callbackEvents.get(late)?.answered).toBe(false);
  });

  it('one answer per event; an unknown event_id is 100', async () => {
    const eventId = emu.messageEvent(10, 10, 1, {});
    expect((await answer(eventId, { type: 'show_snackbar', text: 'Готово' })).response).toBe(1);
    expect(errorOf(await answer(eventId, { type: 'show_snackbar', text: 'Ещё раз' }))).toMatchObject({
      error_code: 100,
      error_msg: 'One of the parameters specified was missing or invalid: event_id is already answered',
    });
    expect(emu.state.callbackEvents.get(eventId)?.answer).toEqual({ type: 'show_snackbar', text: 'Готово' });
    expect(errorOf(await answer('feedface')).error_code).toBe(100);
  });

  it('event_data: at most 1000 characters', async () => {
    const base = JSON.stringify({ type: 'open_link', link: 'https://example.org/?q=' }).length;
    const exact = { type: 'open_link', link: `https://example.org/?q=${'я'.repeat(1000 - base)}` };
    expect(JSON.stringify(exact)).toHaveLength(1000);
    const over = { ...exact, link: `${exact.link}я` };
    expect(errorOf(await answer(emu.messageEvent(10, 10, 1, {}), over))).toMatchObject({
      error_code: 100,
      error_msg: 'One of the parameters specified was missing or invalid: event_data is too long',
    });
    expect((await answer(emu.messageEvent(10, 10, 1, {}), exact)).response).toBe(1);
  });

  it('show_snackbar text: at most 90 characters (counted in characters, not UTF-16 units)', async () => {
    const eventId = emu.messageEvent(10, 10, 1, {});
    expect(errorOf(await answer(eventId, { type: 'show_snackbar', text: 'ы'.repeat(91) })).error_code).toBe(100);
    expect((await answer(eventId, { type: 'show_snackbar', text: '✅'.repeat(45) + '😀'.repeat(45) })).response).toBe(1);
  });

  it.each([
    ['an unknown type', { type: 'confetti' }],
    ['a snackbar without text', { type: 'show_snackbar' }],
    ['open_link without link', { type: 'open_link' }],
    ['open_app without app_id', { type: 'open_app', owner_id: -1 }],
    ['an array', [1, 2]],
    ['not JSON', '{type:'],
  ])('event_data with %s is 100, and the event stays answerable', async (_name, data) => {
    const eventId = emu.messageEvent(10, 10, 1, {});
    expect(errorOf(await answer(eventId, data)).error_code).toBe(100);
    expect((await answer(eventId, { type: 'open_app', app_id: 6232540, owner_id: -1, hash: 'x' })).response).toBe(1);
  });
});

describe('row 43: list sizes', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0 });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addChat({ ownerId: 10, title: 'Класс' });
  });

  afterAll(async () => {
    await emu.close();
  });

  const ids = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => from + i).join(',');

  it('users.get: 1000 ids are fine, 1001 is 100', async () => {
    expect((await rawCall(emu, 'users.get', { user_ids: ids(1000) })).response).toHaveLength(1000);
    expect(errorOf(await rawCall(emu, 'users.get', { user_ids: ids(1001) }))).toMatchObject({
      error_code: 100,
      error_msg: 'One of the parameters specified was missing or invalid: user_ids: too many ids, maximum is 1000',
    });
  });

  it('messages.getConversationsById: 100 peers are fine, 101 is 100', async () => {
    expect((await rawCall(emu, 'messages.getConversationsById', { peer_ids: ids(100, 10) })).response).toMatchObject({ count: 1 });
    expect(errorOf(await rawCall(emu, 'messages.getConversationsById', { peer_ids: ids(101, 10) })).error_code).toBe(100);
  });

  it('messages.getConversationMembers: count up to 1000, 1001 is 100', async () => {
    const ok = (await rawCall(emu, 'messages.getConversationMembers', { peer_id: 2_000_000_001, count: 1000 })).response as {
      count: number;
      items: unknown[];
    };
    expect(ok.items).toHaveLength(ok.count);
    expect(errorOf(await rawCall(emu, 'messages.getConversationMembers', { peer_id: 2_000_000_001, count: 1001 })).error_code).toBe(100);
    expect(errorOf(await rawCall(emu, 'messages.getConversationMembers', { peer_id: 2_000_000_001, count: -1 })).error_code).toBe(100);
  });
});

describe('other gaps: user-only methods (27), token scope (15), open_app owner_id (911), clocked rate limit (6)', () => {
  let emu: Emulator;
  const clock = new ManualClock();

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0, now: clock.now });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
  });

  afterAll(async () => {
    await emu.close();
  });

  it.each(['messages.getChat', 'messages.addChatUser', 'messages.allowMessagesFromGroup'])(
    'row 24: %s answers 27 with VK text to a community token (5 to a bad one)',
    async (method) => {
      expect(errorOf(await rawCall(emu, method, { chat_id: 1, user_id: 10, group_id: 1 }))).toMatchObject({
        error_code: 27,
        error_msg: 'Group authorization failed: method is unavailable with group auth.',
      });
      expect(errorOf(await rawCall(emu, method, { chat_id: 1 }, 'bad-token')).error_code).toBe(5);
    },
  );

  it('row 24: inside execute the user-only call is false with 27 in execute_errors', async () => {
    const body = await rawCall(emu, 'execute', { code: 'return [API.messages.getChat({"chat_id":1}),API.users.get({"user_ids":"10"})];' });
    expect((body.response as unknown[])[0]).toBe(false);
    expect(body.execute_errors).toEqual([
      { method: 'messages.getChat', error_code: 27, error_msg: 'Group authorization failed: method is unavailable with group auth.' },
    ]);
  });

  it('row 25: a token without the messages scope gets 15 with VK text; methods needing no scope still work', async () => {
    emu.tokens.add('no-messages');
    emu.setTokenScopes('no-messages', ['photos', 'docs']);
    try {
      expect(errorOf(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'x' }, 'no-messages'))).toMatchObject({
        error_code: 15,
        error_msg: 'Access denied: no access to call this method',
      });
      expect(errorOf(await rawCall(emu, 'groups.getLongPollServer', { group_id: 1 }, 'no-messages')).error_code).toBe(15);
      expect(await rawCall(emu, 'users.get', { user_ids: 10 }, 'no-messages')).toHaveProperty('response');
      expect(await rawCall(emu, 'photos.getMessagesUploadServer', { peer_id: 10 }, 'no-messages')).toHaveProperty('response');
      const viaExecute = await rawCall(emu, 'execute', { code: 'return [API.messages.send({"peer_id":10,"random_id":0,"message":"x"})];' }, 'no-messages');
      expect(viaExecute.execute_errors).toEqual([{ method: 'messages.send', error_code: 15, error_msg: 'Access denied: no access to call this method' }]);
      expect(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'x' })).toHaveProperty('response');
      emu.setTokenScopes('no-messages', undefined);
      expect(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'x' }, 'no-messages')).toHaveProperty('response');
    } finally {
      emu.tokens.delete('no-messages');
    }
  });

  it('row 11: an open_app button needs owner_id as well as app_id (911)', async () => {
    const button = (action: Record<string, unknown>): string => JSON.stringify({ inline: true, buttons: [[{ action: { type: 'open_app', label: 'App', ...action } }]] });
    expect(errorOf(await send(emu, { peer_id: 10, keyboard: button({ app_id: 6232540 }) })).error_code).toBe(911);
    expect(errorOf(await send(emu, { peer_id: 10, keyboard: button({ owner_id: -1 }) })).error_code).toBe(911);
    expect(await send(emu, { peer_id: 10, keyboard: button({ app_id: 6232540, owner_id: -157525928 }) })).toHaveProperty('response');
  });

  it('row 38: the per-second rate limit follows the injected clock', async () => {
    emu.limiter.setLimit(2);
    try {
      expect(await rawCall(emu, 'users.get', { user_ids: 10 })).toHaveProperty('response');
      expect(await rawCall(emu, 'users.get', { user_ids: 10 })).toHaveProperty('response');
      expect(errorOf(await rawCall(emu, 'users.get', { user_ids: 10 })).error_code).toBe(6);
      clock.advance(1000);
      expect(await rawCall(emu, 'users.get', { user_ids: 10 })).toHaveProperty('response');
    } finally {
      emu.limiter.setLimit(0);
      emu.limiter.reset();
    }
  });
});
