import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyboard, MessageContext, MessageEventContext } from 'vk-io';
import type { VK } from 'vk-io';
import { Driver, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { vkFor } from './helpers.js';

/** A tiny echo bot: /start → greeting with keyboards; «Подтвердить» callback → snackbar + edit. */
function installBot(vk: VK): void {
  vk.updates.on('message_new', async (ctx: MessageContext) => {
    if (ctx.text === '/start' || ctx.messagePayload?.command === 'start') {
      const ref = ctx.referralValue ? ` ref=${ctx.referralValue}/${ctx.referralSource ?? ''}` : '';
      await ctx.send(`Привет, lang ${ctx.clientInfo.lang_id}${ref}`, {
        keyboard: Keyboard.builder()
          .textButton({ label: 'Меню', payload: { cmd: 'menu' } })
          .row()
          .callbackButton({ label: 'Подтвердить', payload: { cmd: 'confirm' }, color: Keyboard.POSITIVE_COLOR })
          .inline(),
      });
      return;
    }
    if (ctx.messagePayload?.cmd === 'menu') {
      await ctx.send('Меню открыто');
      return;
    }
    await ctx.send(`Эхо: ${ctx.text ?? ''}`);
  });
  vk.updates.on('message_event', async (ctx: MessageEventContext) => {
    if (ctx.eventPayload?.cmd === 'confirm') {
      await ctx.answer({ type: 'show_snackbar', text: 'Готово' });
      await ctx.send('Подтверждено');
    }
  });
}

for (const apiMode of ['sequential', 'parallel', 'parallel_selected'] as const) {
  describe(`vk-io long poll bot (apiMode ${apiMode})`, () => {
    let emu: Emulator;
    let vk: VK;
    let d: Driver;

    beforeAll(async () => {
      emu = await startEmulator({ longPollWaitMs: 1000 });
      vk = vkFor(emu, { apiMode });
      installBot(vk);
      await vk.updates.start();
      d = new Driver(emu);
    });

    afterAll(async () => {
      await vk.updates.stop();
      await emu.close();
    });

    it('delivers message_new and the driver sees text and buttons', async () => {
      const anna = d.user({ firstName: 'Анна', lastName: 'Петрова', langId: 3 });
      await anna.say('/start');
      const hello = await anna.expect('Привет');
      expect(hello.text).toBe('Привет, lang 3');
      expect(hello.keyboard?.inline).toBe(true);
      expect(hello.keyboard?.buttons.map((row) => row.map((b) => b.label))).toEqual([['Меню'], ['Подтвердить']]);
      expect(hello.keyboard?.buttons[1]?.[0]).toMatchObject({ type: 'callback', color: 'positive' });
      // context.send used peer_ids and got the cmid back
      expect(hello.cmid).toBeGreaterThan(0);
    });

    it('a text button press sends its label and payload', async () => {
      const boris = d.user({ firstName: 'Борис' });
      await boris.say('/start');
      await boris.expect('Привет');
      const press = await boris.press('Меню');
      expect(press.message?.payload).toBe('{"cmd":"menu"}');
      await boris.expect('Меню открыто');
    });

    it('a callback press arrives as message_event and the snackbar is recorded', async () => {
      const vera = d.user({ firstName: 'Вера' });
      await vera.say('/start');
      await vera.expect('Привет');
      const press = await vera.press('Подтвердить');
      expect(press.type).toBe('callback');
      await vera.expect('Подтверждено');
      const answer = await vera.expectAnswer(press.eventId);
      expect(answer).toEqual({ type: 'show_snackbar', text: 'Готово' });
      expect(vera.lastSnackbar()).toBe('Готово');
    });

    it('a deep link carries ref and ref_source on «Начать»', async () => {
      const gleb = d.user({ firstName: 'Глеб' });
      await gleb.openLink('https://vk.me/club1?ref=TOKEN42&ref_source=qr');
      const reply = await gleb.expect('Привет');
      expect(reply.text).toContain('ref=TOKEN42/qr');
    });

    it('goes through execute in parallel modes', () => {
      const viaExecute = emu.calls.filter((c) => c.method === 'messages.send' && c.viaExecute).length;
      if (apiMode === 'sequential') expect(viaExecute).toBe(0);
      else expect(viaExecute).toBeGreaterThan(0);
      if (apiMode === 'parallel') {
        expect(emu.calls.some((c) => c.method === 'messages.sendMessageEventAnswer' && c.viaExecute)).toBe(true);
      }
      if (apiMode === 'parallel_selected') {
        expect(emu.calls.some((c) => c.method === 'messages.sendMessageEventAnswer' && !c.viaExecute)).toBe(true);
      }
    });
  });
}

describe('echo of outgoing messages', () => {
  let emu: Emulator;
  let vk: VK;

  beforeAll(async () => {
    emu = await startEmulator({ longPollWaitMs: 1000, echoOutgoing: true });
    vk = vkFor(emu);
  });

  afterAll(async () => {
    await vk.updates.stop();
    await emu.close();
  });

  it('emits message_reply (out=1, from_id=-group) for each new send, not for a deduplicated one', async () => {
    const replies: { text: string; out: boolean; from: number }[] = [];
    vk.updates.on('message_reply', async (ctx: MessageContext) => {
      replies.push({ text: ctx.text ?? '', out: ctx.isOutbox, from: ctx.senderId });
    });
    await vk.updates.start();
    emu.addUser({ id: 50, firstName: 'Эхо', lastName: 'Тест', allowsMessages: true });
    await vk.api.messages.send({ peer_id: 50, random_id: 777, message: 'раз' });
    await vk.api.messages.send({ peer_id: 50, random_id: 777, message: 'раз' });
    // The echoes are long poll events: once vk-io has polled past every one (and a quiet period passed), none is coming.
    await new Driver(emu).idle();
    expect(replies).toEqual([{ text: 'раз', out: true, from: -1 }]);
    expect(emu.state.messagesOf(50)).toHaveLength(1);
  });
});
