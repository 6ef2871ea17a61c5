import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, ExecuteError } from 'vk-io';
import type { MessageContext, VK } from 'vk-io';
import { Driver, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { until, vkFor } from './helpers.js';

/** How early a timer may fire as measured by Date.now (only lower bounds on elapsed time are checked). */
const TIMER_SLACK_MS = 10;

describe('API fault injection with vk-io', () => {
  let emu: Emulator;
  let vk: VK;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.addUser({ id: 7, firstName: 'Пётр', lastName: 'Иванов', allowsMessages: true });
    // A roomy timeout: on a busy machine an ordinary call must never time out and be retried behind a test's back.
    vk = vkFor(emu, { apiTimeout: 3000 });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('failNext fails exactly one call with the given code, then succeeds', async () => {
    emu.faults.failNext('messages.send', 10);
    const first = vk.api.messages.send({ peer_id: 7, random_id: 0, message: 'a' });
    await expect(first).rejects.toBeInstanceOf(APIError);
    await expect(first).rejects.toMatchObject({ code: 10, message: 'Code №10 - Internal server error' });
    await expect(vk.api.messages.send({ peer_id: 7, random_id: 0, message: 'b' })).resolves.toBeTypeOf('number');
    expect(emu.sentTo(7).map((m) => m.text)).toEqual(['b']);
  });

  it('failNext with times=2 fails twice', async () => {
    emu.faults.failNext('users.get', 9, 2);
    await expect(vk.api.users.get({ user_ids: [7] })).rejects.toMatchObject({ code: 9 });
    await expect(vk.api.users.get({ user_ids: [7] })).rejects.toMatchObject({ code: 9 });
    await expect(vk.api.users.get({ user_ids: [7] })).resolves.toHaveLength(1);
  });

  it('failNext applies inside execute: one ExecuteError, the other call fine', async () => {
    const parallel = vkFor(emu, { apiMode: 'parallel' });
    emu.faults.failNext('messages.send', 901);
    const results = await Promise.allSettled([
      parallel.api.messages.send({ peer_id: 7, random_id: 0, message: 'x1' }),
      parallel.api.messages.send({ peer_id: 7, random_id: 0, message: 'x2' }),
    ]);
    expect(results[0]?.status).toBe('rejected');
    const reason = (results[0] as PromiseRejectedResult).reason as ExecuteError;
    expect(reason).toBeInstanceOf(ExecuteError);
    expect(reason.code).toBe(901);
    expect(results[1]?.status).toBe('fulfilled');
  });

  it('dropNext destroys the socket; vk-io retries and succeeds', async () => {
    emu.faults.dropNext('users.get');
    const before = emu.callsOf('users.get').length;
    await expect(vk.api.users.get({ user_ids: [7] })).resolves.toHaveLength(1);
    expect(emu.callsOf('users.get').length).toBe(before + 1);
  });

  it('dropNext in hang mode makes vk-io time out, then retry', async () => {
    const impatient = vkFor(emu, { apiTimeout: 1000 });
    emu.faults.dropNext('users.get', 1, { mode: 'hang' });
    const before = emu.callsOf('users.get').length;
    const started = Date.now();
    await expect(impatient.api.users.get({ user_ids: [7] })).resolves.toHaveLength(1);
    // Timers may fire a few ms early by the wall clock; the hung request was never answered, the retry was.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000 - TIMER_SLACK_MS);
    expect(emu.callsOf('users.get').length).toBe(before + 1);
  });

  it('delayNext delays one response', async () => {
    emu.faults.delayNext('users.get', 150);
    const started = Date.now();
    await vk.api.users.get({ user_ids: [7] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 - TIMER_SLACK_MS);
    expect(emu.faults.pendingDelays('users.get')).toBe(0);
  });
});

describe('long poll failures handled by vk-io', () => {
  let emu: Emulator;
  let vk: VK;
  let d: Driver;

  beforeAll(async () => {
    emu = await startEmulator({ longPollWaitMs: 150 });
    vk = vkFor(emu);
    vk.updates.on('message_new', async (ctx: MessageContext) => {
      await ctx.send(`Эхо: ${ctx.text ?? ''}`);
    });
    await vk.updates.start();
    d = new Driver(emu);
  });

  afterAll(async () => {
    await vk.updates.stop();
    await emu.close();
  });

  it.each([1, 2, 3] as const)('keeps receiving after failed:%i', async (code) => {
    const user = d.user({ firstName: `User${code}` });
    const serverCalls = emu.callsOf('groups.getLongPollServer').length;
    emu.faults.longPollFail(code);
    await until(() => emu.faults.pendingLongPollFails === 0);
    // failed:2/3 make vk-io fetch a new server; give it time to come back to a_check
    if (code !== 1) await until(() => emu.callsOf('groups.getLongPollServer').length > serverCalls);
    await until(() => emu.longPoll.pendingPolls > 0);
    await user.say(`после ${code}`);
    await user.expect(`Эхо: после ${code}`);
    if (code === 1) expect(emu.callsOf('groups.getLongPollServer').length).toBe(serverCalls);
  });

  it('events pushed while vk-io restarts after failed:3 are lost (ts from the new server)', async () => {
    const user = d.user({ firstName: 'Потерянный' });
    emu.faults.delayNext('groups.getLongPollServer', 200);
    emu.faults.longPollFail(3);
    await until(() => emu.faults.pendingLongPollFails === 0);
    await user.say('в пустоту');
    await until(() => emu.longPoll.pendingPolls > 0);
    await user.say('снова здесь');
    await user.expect('Эхо: снова здесь');
    const texts = user.received.map((m) => m.text);
    expect(texts).not.toContain('Эхо: в пустоту');
  });
});
