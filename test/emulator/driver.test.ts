import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyboard } from 'vk-io';
import type { MessageContext, VK } from 'vk-io';
import { ButtonNotFoundError, Driver, DriverTimeoutError, DriverUsageError, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { vkFor } from './helpers.js';

describe('Driver', () => {
  let emu: Emulator;
  let vk: VK;
  let d: Driver;

  beforeAll(async () => {
    emu = await startEmulator({ longPollWaitMs: 1000 });
    vk = vkFor(emu);
    vk.updates.on('message_new', async (ctx: MessageContext) => {
      if (ctx.text === '/many') {
        await ctx.send('один');
        await ctx.send('два');
        await ctx.send('три');
      } else if (ctx.text === '/menu') {
        await ctx.send('Выберите', {
          keyboard: Keyboard.builder().textButton({ label: 'Да', payload: { a: 'yes' } }).textButton({ label: 'Нет' }).oneTime(),
        });
      } else if (ctx.text === '/inline') {
        await ctx.send('Встроенная', { keyboard: Keyboard.builder().textButton({ label: 'Внутри' }).inline() });
      } else if (ctx.text === '/hide') {
        await ctx.send('Скрываю', { keyboard: Keyboard.keyboard([]) });
      } else {
        await ctx.send(`Ответ на: ${ctx.text ?? ''}`);
      }
    });
    await vk.updates.start();
    d = new Driver(emu, { timeoutMs: 1500 });
  });

  afterAll(async () => {
    await vk.updates.stop();
    await emu.close();
  });

  it('expect consumes the match and everything before it; nextMessage takes the next one', async () => {
    const u = d.user({ firstName: 'Ева' });
    await u.say('/many');
    const two = await u.expect('два');
    expect(two.text).toBe('два');
    expect((await u.nextMessage()).text).toBe('три');
    await expect(u.expect('один', { timeout: 200 })).rejects.toBeInstanceOf(DriverTimeoutError);
    expect(u.received.map((m) => m.text)).toEqual(['один', 'два', 'три']);
  });

  it('accepts RegExp and predicate matchers', async () => {
    const u = d.user({ firstName: 'Жора' });
    await u.say('abc');
    expect((await u.expect(/^Ответ на: a/)).text).toBe('Ответ на: abc');
    await u.say('xyz');
    expect((await u.expect((m) => m.text.endsWith('xyz'))).text).toBe('Ответ на: xyz');
  });

  it('a timeout prints the whole conversation with button labels', async () => {
    const u = d.user({ firstName: 'Зоя', lastName: 'Ким' });
    await u.say('/menu');
    await u.expect('Выберите');
    const error = await u.expect('никогда', { timeout: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverTimeoutError);
    const text = (error as Error).message;
    expect(text).toContain('→ Зоя');
    expect(text).toContain('/menu');
    expect(text).toContain('← bot: Выберите');
    expect(text).toContain('[Да] [Нет]');
  });

  it('press on a one-time keyboard hides it; a missing label lists what is available', async () => {
    const u = d.user({ firstName: 'Илья' });
    await u.say('/menu');
    await u.expect('Выберите');
    const missing = await u.press('Может быть').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ButtonNotFoundError);
    expect((missing as Error).message).toContain('Available: "Да", "Нет"');
    const res = await u.press('Да');
    expect(res.message?.payload).toBe('{"a":"yes"}');
    await u.expect('Ответ на: Да');
    await expect(u.press('Нет')).rejects.toBeInstanceOf(ButtonNotFoundError);
  });

  it('finds buttons on an older persistent keyboard and on the newest inline one; a hidden keyboard removes them', async () => {
    const u = d.user({ firstName: 'Катя' });
    await u.say('/menu');
    await u.expect('Выберите');
    await u.say('/inline');
    await u.expect('Встроенная');
    await u.press('Внутри');
    await u.expect('Ответ на: Внутри');
    await u.press('Нет');
    await u.expect('Ответ на: Нет');
    await u.say('/hide');
    await u.expect('Скрываю');
    const error = await u.press('Да').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ButtonNotFoundError);
  });

  it('a chat has one view: a reply already read cannot answer for the next message', async () => {
    const owner = d.user({ firstName: 'Ада', allowsMessages: true });
    const chat = emu.addChat({ ownerId: owner.id, title: 'Чат', memberIds: [owner.id] });
    const peerId = 2_000_000_000 + chat.chatId;
    expect(d.chat(peerId)).toBe(d.chat(peerId));
    await owner.sayIn(peerId, '/первое');
    await d.chat(peerId).expect('Ответ на: /первое');
    await owner.sayIn(peerId, '/второе');
    const next = await d.chat(peerId).expect('Ответ на:');
    expect(next.text).toBe('Ответ на: /второе');
  });

  it('openLink refuses links to other communities', async () => {
    const u = d.user({ firstName: 'Лев' });
    await expect(u.openLink('https://vk.me/club999?ref=x')).rejects.toBeInstanceOf(DriverUsageError);
    const msg = await u.openLink('https://vk.com/im?sel=-1&ref=abc');
    expect(msg).toMatchObject({ text: 'Начать', payload: '{"command":"start"}', ref: 'abc' });
  });
});
