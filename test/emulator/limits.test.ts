import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { rawCall } from './helpers.js';

type ErrorBody = { error: { error_code: number; error_msg: string; request_params: { key: string; value: string }[] } };

function errorOf(body: Record<string, unknown>): ErrorBody['error'] {
  expect(body).toHaveProperty('error');
  return (body as ErrorBody).error;
}

function kb(rows: number, perRow: number, inline: boolean, mutate?: (action: Record<string, unknown>) => void): string {
  const buttons = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: perRow }, (_, c) => {
      const action: Record<string, unknown> = { type: 'text', label: `b${r}.${c}`, payload: '{}' };
      mutate?.(action);
      return { action, color: 'secondary' };
    }),
  );
  return JSON.stringify(inline ? { buttons, inline: true } : { buttons, one_time: false });
}

describe('API limits and VK errors', () => {
  let emu: Emulator;
  let randomId = 1000;
  const rid = (): number => ++randomId;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 0 });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addUser({ id: 11, firstName: 'Молчун', lastName: 'Неписавший' });
    emu.addUser({ id: 12, firstName: 'Злой', lastName: 'Заблокировавший', allowsMessages: true, blocked: true });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('requires random_id with VK exact text (100)', async () => {
    const error = errorOf(await rawCall(emu, 'messages.send', { peer_id: 10, message: 'hi' }));
    expect(error.error_code).toBe(100);
    expect(error.error_msg).toBe(
      'One of the parameters specified was missing or invalid: random_id is a required parameter',
    );
    expect(error.request_params).toContainEqual({ key: 'method', value: 'messages.send' });
    expect(error.request_params.some((p) => p.key === 'access_token')).toBe(false);
  });

  it('deduplicates by (peer, random_id): same id, one stored message; 0 disables it', async () => {
    const before = emu.sentTo(10).length;
    const a = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: '17000000000000001', message: 'один' });
    const b = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: '17000000000000001', message: 'два' });
    expect(a.response).toBeTypeOf('number');
    expect(b.response).toBe(a.response);
    expect(emu.sentTo(10).length).toBe(before + 1);
    expect(emu.sentTo(10).at(-1)?.text).toBe('один');
    const z1 = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 0, message: 'z' });
    const z2 = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 0, message: 'z' });
    expect(z1.response).not.toBe(z2.response);
    expect(emu.sentTo(10).length).toBe(before + 3);
  });

  it('rejects text over 4096 characters with 914, accepts exactly 4096', async () => {
    const ok = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'я'.repeat(4096) });
    expect(ok.response).toBeTypeOf('number');
    const error = errorOf(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'я'.repeat(4097) }));
    expect(error).toMatchObject({ error_code: 914, error_msg: 'Message is too long' });
  });

  it('rejects an empty message with 100', async () => {
    const error = errorOf(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: '  ' }));
    expect(error.error_code).toBe(100);
  });

  it.each([
    ['11 rows on a normal keyboard', kb(11, 1, false)],
    ['7 rows on an inline keyboard', kb(7, 1, true)],
    ['6 buttons in a row', kb(1, 6, false)],
    ['41 buttons on a normal keyboard', kb(9, 5, false)],
    ['11 buttons on an inline keyboard', kb(3, 4, true)],
    ['payload of 256 chars', kb(1, 1, false, (a) => (a.payload = JSON.stringify('x'.repeat(254))))],
    ['label of 41 chars', kb(1, 1, false, (a) => (a.label = 'л'.repeat(41)))],
    ['text button without label', kb(1, 1, false, (a) => delete a.label)],
    ['unknown action type', kb(1, 1, false, (a) => (a.type = 'teleport'))],
    ['open_link without link', kb(1, 1, false, (a) => (a.type = 'open_link'))],
    ['not JSON', '{buttons:'],
  ])('rejects a keyboard with %s (911)', async (_name, keyboard) => {
    const error = errorOf(await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'k', keyboard }));
    expect(error).toMatchObject({ error_code: 911, error_msg: 'Keyboard format is invalid' });
  });

  it('accepts keyboards at the limits', async () => {
    for (const keyboard of [kb(8, 5, false), kb(2, 5, true), kb(1, 1, false, (a) => (a.payload = JSON.stringify('x'.repeat(253)))), '{"buttons":[]}']) {
      const body = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: rid(), message: 'k', keyboard });
      expect(body).toHaveProperty('response');
    }
  });

  it('limits peer_ids to 100 (100) and reports per-peer errors in the array', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect(errorOf(await rawCall(emu, 'messages.send', { peer_ids: many, random_id: rid(), message: 'x' })).error_code).toBe(100);
    const body = await rawCall(emu, 'messages.send', { peer_ids: '10,11,12', random_id: rid(), message: 'x' });
    const items = body.response as Record<string, unknown>[];
    expect(items[0]).toMatchObject({ peer_id: 10, message_id: expect.any(Number), conversation_message_id: expect.any(Number) });
    expect(items[1]).toEqual({ peer_id: 11, error: { code: 901, description: "Can't send messages for users without permission" } });
    expect(items[2]).toMatchObject({ peer_id: 12, error: { code: 900 } });
  });

  it('answers 901 for a user who never wrote, until message_allow', async () => {
    emu.addUser({ id: 20, firstName: 'Новый', lastName: 'Человек' });
    const error = errorOf(await rawCall(emu, 'messages.send', { user_id: 20, random_id: rid(), message: 'hi' }));
    expect(error).toMatchObject({ error_code: 901, error_msg: "Can't send messages for users without permission" });
    emu.emit('message_allow', { user_id: 20, key: 'k' });
    expect(await rawCall(emu, 'messages.send', { user_id: 20, random_id: rid(), message: 'hi' })).toHaveProperty('response');
    emu.emit('message_deny', { user_id: 20 });
    expect(errorOf(await rawCall(emu, 'messages.send', { user_id: 20, random_id: rid(), message: 'hi' })).error_code).toBe(901);
  });

  it('requires a destination with VK text', async () => {
    const error = errorOf(await rawCall(emu, 'messages.send', { random_id: rid(), message: 'hi' }));
    expect(error.error_msg).toBe(
      'One of the parameters specified was missing or invalid: you should specify peer_id, user_id, domain, chat_id or user_ids param',
    );
  });

  it('answers 3 for an unknown method', async () => {
    expect(errorOf(await rawCall(emu, 'messages.teleport', {}))).toMatchObject({
      error_code: 3,
      error_msg: 'Unknown method passed',
    });
  });

  it('answers 100 for a missing required parameter', async () => {
    expect(errorOf(await rawCall(emu, 'messages.getInviteLink', {}))).toMatchObject({
      error_code: 100,
      error_msg: 'One of the parameters specified was missing or invalid: peer_id is undefined',
    });
    expect(errorOf(await rawCall(emu, 'messages.getInviteLink', { peer_id: 'abc' })).error_msg).toContain('peer_id not integer');
  });

  it('answers 5 for a bad or missing token, accepts Bearer and GET', async () => {
    expect(errorOf(await rawCall(emu, 'users.get', { user_ids: 10 }, 'nope'))).toMatchObject({
      error_code: 5,
      error_msg: 'User authorization failed: invalid access_token (4).',
    });
    const bearer = await fetch(`${emu.apiUrl}/users.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.token}` },
      body: new URLSearchParams({ v: '5.199', user_ids: '10' }),
    });
    expect(((await bearer.json()) as { response: { first_name: string }[] }).response[0]?.first_name).toBe('Анна');
    const get = await fetch(`${emu.apiUrl}/users.get?access_token=${emu.token}&v=5.199&user_ids=10`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as { response: unknown[] }).response).toHaveLength(1);
    const multipart = new FormData();
    multipart.set('access_token', emu.token);
    multipart.set('v', '5.199');
    multipart.set('user_ids', '10,11');
    const mp = await fetch(`${emu.apiUrl}/users.get`, { method: 'POST', body: multipart });
    expect(((await mp.json()) as { response: unknown[] }).response).toHaveLength(2);
    const json = await fetch(`${emu.apiUrl}/users.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: emu.token, v: '5.199', user_ids: '10' }),
    });
    expect(((await json.json()) as ErrorBody).error.error_code).toBe(5);
  });
});

describe('rate limit', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 20 });
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова' });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('answers 6 to the 21st request within one second, per token', async () => {
    const bodies = await Promise.all(Array.from({ length: 21 }, () => rawCall(emu, 'users.get', { user_ids: 10 })));
    const errors = bodies.filter((b) => 'error' in b).map((b) => errorOf(b));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ error_code: 6, error_msg: 'Too many requests per second' });
    emu.tokens.add('second-token');
    expect(await rawCall(emu, 'users.get', { user_ids: 10 }, 'second-token')).toHaveProperty('response');
    await new Promise((r) => setTimeout(r, 1050));
    expect(await rawCall(emu, 'users.get', { user_ids: 10 })).toHaveProperty('response');
  });
});
