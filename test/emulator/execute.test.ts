import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExecuteCode, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { rawCall } from './helpers.js';

describe('execute code parser', () => {
  it('parses vk-io chain code with tricky strings', () => {
    const code =
      'return [API.groups.getById({"group_id":1}),API.messages.send({"peer_ids":"1,2","random_id":0,"message":"a\\"b),API.x("}),API.users.get({"user_ids":"1,2","fields":"photo_50"})];';
    const { calls } = parseExecuteCode(code);
    expect(calls).toEqual([
      { method: 'groups.getById', params: { group_id: '1' } },
      { method: 'messages.send', params: { peer_ids: '1,2', random_id: '0', message: 'a"b),API.x(' } },
      { method: 'users.get', params: { user_ids: '1,2', fields: 'photo_50' } },
    ]);
  });

  it('stringifies nested values like the form path and drops nulls', () => {
    const { calls } = parseExecuteCode('return [API.messages.send({"peer_ids":[1,2],"dont_parse_links":true,"x":null})];');
    expect(calls[0]?.params).toEqual({ peer_ids: '1,2', dont_parse_links: 'true' });
  });

  it.each(['return API.x(', 'var a = 1; return a;', 'return [API.users.get({"a":1}) API.users.get({})];', 'return [API.users.get({"a":1})]; junk'])(
    'rejects %s with error 12',
    (code) => {
      expect(() => parseExecuteCode(code)).toThrow(expect.objectContaining({ code: 12 }));
    },
  );
});

describe('execute endpoint', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.addUser({ id: 5, firstName: 'Ира', lastName: 'Ли', allowsMessages: true });
  });

  afterAll(async () => {
    await emu.close();
  });

  it('returns false + execute_errors in order for failed calls', async () => {
    const body = await rawCall(emu, 'execute', {
      code: 'return [API.messages.send({"peer_id":5,"random_id":0,"message":"a"}),API.messages.send({"peer_id":6,"random_id":0,"message":"b"}),API.nope.nope({}),API.users.get({"user_ids":"5"})];',
    });
    const response = body.response as unknown[];
    expect(response).toHaveLength(4);
    expect(response[0]).toBeTypeOf('number');
    expect(response[1]).toBe(false);
    expect(response[2]).toBe(false);
    expect(body.execute_errors).toEqual([
      { method: 'messages.send', error_code: 901, error_msg: "Can't send messages for users without permission" },
      { method: 'nope.nope', error_code: 3, error_msg: 'Unknown method passed' },
    ]);
  });

  it('allows at most 25 calls (13) and counts as one request for the rate limit', async () => {
    const call = 'API.users.get({"user_ids":"5"})';
    const ok = await rawCall(emu, 'execute', { code: `return [${Array(25).fill(call).join(',')}];` });
    expect((ok.response as unknown[]).length).toBe(25);
    const tooMany = (await rawCall(emu, 'execute', { code: `return [${Array(26).fill(call).join(',')}];` })) as {
      error: { error_code: number };
    };
    expect(tooMany.error.error_code).toBe(13);
  });

  it('answers 12 for code it cannot compile', async () => {
    const body = (await rawCall(emu, 'execute', { code: 'return API.users.get(' })) as { error: { error_code: number; error_msg: string } };
    expect(body.error).toMatchObject({ error_code: 12, error_msg: 'Unable to compile code' });
  });
});
