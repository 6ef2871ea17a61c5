import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageContext, VK } from 'vk-io';
import { Driver, IdleTimeoutError, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { rawCall, until, vkFor } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A vk-io bot whose handler answers after `delayMs` of work, and a count of its updates in flight. */
function slowBot(emu: Emulator, delayMs: number): { vk: VK; inFlight: () => number } {
  const vk = vkFor(emu);
  let running = 0;
  vk.updates.on('message_new', async (ctx: MessageContext) => {
    running += 1;
    try {
      await sleep(delayMs);
      await ctx.send(`ответ: ${ctx.text ?? ''}`);
    } finally {
      running -= 1;
    }
  });
  return { vk, inFlight: () => running };
}

describe('idle waits', () => {
  let emu: Emulator;
  let vk: VK | undefined;
  afterEach(async () => {
    await vk?.updates.stop();
    vk = undefined;
    await emu.close();
  });

  it('long poll: waits for the bot to take the event and finish its slow answer', async () => {
    emu = await startEmulator({ longPollWaitMs: 1000 });
    const bot = slowBot(emu, 150);
    vk = bot.vk;
    await vk.updates.start();
    const d = new Driver(emu, { botInFlight: bot.inFlight });
    const anna = d.user({ firstName: 'Анна' });
    await anna.say('раз');
    await d.idle();
    expect(anna.received.map((m) => m.text)).toEqual(['ответ: раз']);
  });

  it('without a bot probe, the quiet period covers work between API calls', async () => {
    emu = await startEmulator({ longPollWaitMs: 1000 });
    const bot = slowBot(emu, 150);
    vk = bot.vk;
    await vk.updates.start();
    const d = new Driver(emu);
    const anna = d.user({ firstName: 'Анна' });
    await anna.say('два');
    await d.idle();
    expect(anna.received.map((m) => m.text)).toEqual(['ответ: два']);
  });

  it('an event nobody takes, or a request still being answered, is not idle', async () => {
    emu = await startEmulator();
    const d = new Driver(emu, { botInFlight: () => 0 });
    const boris = d.user({ firstName: 'Борис' });
    await boris.say('никто не слушает');
    const error = await d.idle({ timeout: 200 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(IdleTimeoutError);
    expect(String(error)).toMatch(/: 2 event\(s\) not taken/);
    expect(String(error)).toContain('никто не слушает');

    const quiet = await startEmulator();
    try {
      const q = new Driver(quiet, { botInFlight: () => 0 });
      quiet.faults.delayNext('users.get', 200);
      const call = rawCall(quiet, 'users.get', { user_ids: 1 });
      await until(() => quiet.activity().apiRequests === 1);
      await q.idle();
      expect(quiet.callsOf('users.get')).toHaveLength(1);
      await call;
    } finally {
      await quiet.close();
    }
  });

  it('long poll: an answer counts as not taken until the poller asks again past it', async () => {
    emu = await startEmulator({ longPollWaitMs: 50 });
    const server = (await rawCall(emu, 'groups.getLongPollServer', { group_id: emu.groupId })).response as { key: string; server: string; ts: string };
    const poll = async (ts: string) => (await (await fetch(`${server.server}?act=a_check&key=${server.key}&ts=${ts}&wait=1`)).json()) as { ts: string; updates: unknown[] };
    emu.addUser({ id: 5, firstName: 'Глеб', lastName: '' });
    emu.userMessage(5, 'раз', {});
    expect(emu.activity().untakenEvents).toBe(2);
    const answer = await poll(server.ts);
    expect(answer.updates).toHaveLength(2);
    expect(emu.activity().untakenEvents).toBe(1);
    await poll(answer.ts);
    expect(emu.activity().untakenEvents).toBe(0);
    // A poller that skips ahead (a new server after a restart) has skipped what lies before.
    emu.userMessage(5, 'два', {});
    const fresh = (await rawCall(emu, 'groups.getLongPollServer', { group_id: emu.groupId })).response as { ts: string };
    expect(emu.activity().untakenEvents).toBe(1);
    await poll(fresh.ts);
    expect(emu.activity().untakenEvents).toBe(0);
  });

  it('long poll: a poll left held by a stopped bot and answered later does not keep the system busy', async () => {
    emu = await startEmulator({ longPollWaitMs: 2000 });
    const server = (await rawCall(emu, 'groups.getLongPollServer', { group_id: emu.groupId })).response as { key: string; server: string; ts: string };
    const poll = async (ts: string) => (await (await fetch(`${server.server}?act=a_check&key=${server.key}&ts=${ts}&wait=2`)).json()) as { ts: string; updates: unknown[] };
    const stale = poll(server.ts);
    const live = poll(server.ts);
    await until(() => emu.longPoll.pendingPolls === 2);
    emu.addUser({ id: 6, firstName: 'Дина', lastName: '', allowsMessages: true });
    emu.userMessage(6, 'после остановки', {});
    const [, answer] = await Promise.all([stale, live]);
    expect(emu.activity().untakenEvents).toBe(2);
    const next = poll(answer.ts);
    await until(() => emu.longPoll.pendingPolls === 1);
    expect(emu.activity().untakenEvents).toBe(0);
    emu.longPoll.close();
    await next;
  });

  it('Callback API: waits until every delivery is answered ok', async () => {
    emu = await startEmulator({ callbackRetryDelayMs: 20 });
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const update = JSON.parse(body) as { type: string; object: { message?: { text: string } } };
        if (update.type === 'confirmation') {
          res.end('code');
          return;
        }
        setTimeout(() => {
          if (update.type === 'message_new') seen.push(update.object.message?.text ?? '');
          res.end('ok');
        }, 100);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await emu.setWebhook({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, confirmationCode: 'code' });
      const d = new Driver(emu, { botInFlight: () => 0 });
      const vera = d.user({ firstName: 'Вера' });
      emu.userMessage(vera.id, 'первое');
      emu.userMessage(vera.id, 'второе');
      expect(emu.activity().untakenEvents).toBeGreaterThan(0);
      await d.idle();
      expect(seen).toEqual(['первое', 'второе']);
    } finally {
      await emu.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
