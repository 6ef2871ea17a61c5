import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageContext, VK } from 'vk-io';
import { Driver, WebhookConfirmationError, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { freePort, until, vkFor } from './helpers.js';

describe('Callback API push to vk-io own webhook server', () => {
  let emu: Emulator;
  let vk: VK;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ callbackRetryDelayMs: 50 });
    vk = vkFor(emu, { webhookSecret: 'S3cret', webhookConfirmation: 'abc123' });
    vk.updates.on('message_new', async (ctx: MessageContext) => {
      seen.push(ctx.text ?? '');
      await ctx.send(`Эхо: ${ctx.text ?? ''}`);
    });
    const port = await freePort();
    await vk.updates.start({ webhook: { port, host: '127.0.0.1' } });
    url = `http://127.0.0.1:${port}/`;
  });

  afterAll(async () => {
    await emu.close();
    await vk.updates.stop();
  });

  it('refuses a wrong confirmation code', async () => {
    await expect(emu.setWebhook({ url, secret: 'S3cret', confirmationCode: 'zzz' })).rejects.toBeInstanceOf(
      WebhookConfirmationError,
    );
    expect(emu.callback.active).toBe(false);
  });

  it('is refused by the bot with a wrong secret (403)', async () => {
    await expect(emu.setWebhook({ url, secret: 'wrong', confirmationCode: 'abc123' })).rejects.toThrow(/HTTP 403/);
    const last = emu.deliveries[emu.deliveries.length - 1];
    expect(last).toMatchObject({ type: 'confirmation', status: 403, ok: false });
  });

  it('confirms and delivers events with the secret; the bot answers through the API', async () => {
    await emu.setWebhook({ url, secret: 'S3cret', confirmationCode: 'abc123' });
    expect(emu.callback.active).toBe(true);
    const d = new Driver(emu);
    const anna = d.user({ firstName: 'Анна', lastName: 'Петрова' });
    await anna.say('привет');
    await anna.expect('Эхо: привет');
    const delivery = emu.deliveries.find((a) => a.type === 'message_new');
    expect(delivery).toMatchObject({ status: 200, body: 'ok', ok: true, retry: 0 });
  });

  it('duplicateNext delivers the same event_id twice and vk-io processes it twice', async () => {
    const d = new Driver(emu);
    const boris = d.user({ firstName: 'Борис' });
    seen.length = 0;
    emu.faults.duplicateNext();
    await boris.say('дубль');
    await until(() => seen.length === 2);
    expect(seen).toEqual(['дубль', 'дубль']);
    // vk-io does not dedupe event_id, so the bot answered twice
    await until(() => emu.sentTo(boris.id).length === 2);
    const ids = emu.deliveries.filter((a) => a.type === 'message_new').slice(-2).map((a) => a.eventId);
    expect(ids[0]).toBe(ids[1]);
  });
});

describe('Callback API delivery semantics against a raw server', () => {
  let emu: Emulator;
  let server: http.Server;
  let url: string;
  let answers: { status: number; body: string }[] = [];
  const received: { body: Record<string, unknown>; retry: string | undefined }[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ callbackRetryDelayMs: 20, callbackMaxRetries: 3 });
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (body.type === 'confirmation') {
          res.end('code-1');
          return;
        }
        received.push({ body, retry: req.headers['x-retry-counter'] as string | undefined });
        const answer = answers.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    await emu.setWebhook({ url, secret: 'x', confirmationCode: 'code-1' });
    emu.addUser({ id: 5, firstName: 'Ира', lastName: 'Ли', allowsMessages: true });
  });

  afterEach(() => {
    received.length = 0;
    answers = [];
  });

  afterAll(async () => {
    await emu.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('re-delivers a non-ok answer with the same event_id and X-Retry-Counter', async () => {
    answers = [
      { status: 200, body: 'ok\n' },
      { status: 500, body: 'oops' },
    ];
    const envelope = emu.emit('group_join', { user_id: 5, join_type: 'join' });
    await emu.callback.idle();
    expect(received.map((r) => r.retry)).toEqual([undefined, '1', '2']);
    expect(new Set(received.map((r) => r.body.event_id))).toEqual(new Set([envelope.event_id]));
    expect(received[0]?.body.secret).toBe('x');
    expect(emu.callback.failedEvents).not.toContain(envelope.event_id);
  });

  it('gives up after the configured retries', async () => {
    answers = Array.from({ length: 10 }, () => ({ status: 200, body: 'nope' }));
    const envelope = emu.emit('group_leave', { user_id: 5, self: 1 });
    await emu.callback.idle();
    expect(received).toHaveLength(4);
    expect(emu.callback.failedEvents).toContain(envelope.event_id);
  });

  it('reorderNext holds n events and delivers them in reverse', async () => {
    emu.faults.reorderNext(3);
    emu.userMessage(5, 'один');
    emu.userMessage(5, 'два');
    emu.userMessage(5, 'три');
    await emu.callback.idle();
    const texts = received
      .filter((r) => r.body.type === 'message_new')
      .map((r) => ((r.body.object as { message: { text: string } }).message.text));
    expect(texts).toEqual(['три', 'два', 'один']);
  });
});
