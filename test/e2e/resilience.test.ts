import { afterEach, describe, expect, it } from 'vitest';
import { freePort, rawCall } from '../emulator/helpers.js';
import { leaveInInbox } from '../../src/runtime/update-gate.js';
import { createLogger } from '../../src/logger.js';
import { Harness } from '../helpers/harness.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';

describe('resilience', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('F28: with Redis down the person is told so at once, and the message is handled once Redis is back', async () => {
    h = await Harness.start();
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    h.db.redis.disconnect();
    await admin.say('/помощь');
    await admin.expect('временно недоступен');
    await h.db.redis.connect();
    await admin.expect('Что вы можете сделать');
    await admin.press('Все команды');
    const help = await admin.expect('Что вы можете сделать:');
    expect(help.text).toContain('/школа');
  });

  it('F28: a restart resumes the long poll where it stopped; when VK has lost that part of its history (failed: 1) the loss is logged by ts and the bot carries on', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    h = await Harness.start({ bot: { logger } });
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    await h.stopBot();
    // Written while the bot is down: answered after the restart, in order.
    await admin.say('/lang en');
    await admin.say('/help');
    await h.startBot();
    await admin.expect('The language is now English');
    await admin.expect('What you can do');
    await h.idle();
    await h.stopBot();
    // A long outage: VK keeps only so many events (the emulator 10,000), and the rest of the backlog is lost.
    for (let i = 0; i < 10_050; i++) h.emulator.pushEvent('message_typing_state', { state: 'typing', from_id: admin.id, to_id: -h.emulator.groupId });
    await h.startBot();
    await expect.poll(() => lines.find((line) => line.includes('VK long poll history lost')), { timeout: 10_000 }).toBeTruthy();
    const lost = JSON.parse(lines.find((line) => line.includes('VK long poll history lost'))!) as { from: number; to: number; lost: number };
    expect(lost.lost).toBeGreaterThanOrEqual(50);
    expect(lost.to - lost.from).toBe(lost.lost);
    await admin.say('/help');
    await admin.expect('What you can do');
    await h.idle();
    expect(admin.received.filter((m) => m.text.includes('What you can do'))).toHaveLength(2);
  });

  it('an update recorded before a crash is handled on the next start', async () => {
    h = await Harness.start();
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    await h.stopBot();
    // What a crash between "recorded" and "handled" leaves behind: the event in the inbox.
    const event = { type: 'message_new', group_id: h.emulator.groupId, event_id: 'crashed-1', v: '5.199', object: { message: { id: 99, date: 1, peer_id: admin.id, from_id: admin.id, text: '/help', conversation_message_id: 99, out: 0, attachments: [], fwd_messages: [], important: false, random_id: 0 }, client_info: { button_actions: ['text', 'callback'], keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 } } };
    await leaveInInbox(h.db.redis, runtimeBase(h.db.prefix, 'main'), event, 'a-process-that-died', String(admin.id));
    await h.startBot();
    await admin.expect('Что вы можете сделать');
    await expect.poll(() => h.db.redis.hlen(`${runtimeBase(h.db.prefix, 'main')}inbox`)).toBe(0);
  });

  it('Callback API: confirmation, a wrong secret refused, a repeated delivery handled once, ok only after recording', async () => {
    const port = await freePort();
    h = await Harness.start({ env: { VK_TRANSPORT: 'webhook', WEBHOOK_PORT: String(port), WEBHOOK_PATH: '/vk', VK_CONFIRMATION_CODE: 'c0nf1rm', VK_CALLBACK_SECRET: 's3cret' } });
    await h.emulator.setWebhook({ url: `http://127.0.0.1:${port}/vk`, secret: 's3cret', confirmationCode: 'c0nf1rm' });
    const admin = h.admin();
    h.emulator.faults.duplicateNext();
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    await h.idle();
    expect(admin.received.filter((m) => m.text.includes('Что вы можете сделать'))).toHaveLength(1);
    const attempts = h.emulator.deliveries.filter((d) => d.type === 'message_new');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((d) => d.eventId)).size).toBe(1);
    expect(attempts.every((d) => d.body === 'ok')).toBe(true);

    const forged = await fetch(`http://127.0.0.1:${port}/vk`, { method: 'POST', body: JSON.stringify({ type: 'message_new', group_id: 1, event_id: 'x', secret: 'wrong', object: {} }) });
    expect(forged.status).toBe(403);

    // Redis down: the event cannot be recorded, so the server does not say ok and VK keeps it.
    h.db.redis.disconnect();
    const refused = await fetch(`http://127.0.0.1:${port}/vk`, { method: 'POST', body: JSON.stringify({ type: 'message_new', group_id: 1, event_id: 'y', secret: 's3cret', object: {} }) });
    expect(refused.status).toBe(503);
    expect(await refused.text()).not.toBe('ok');
    await h.db.redis.connect();
    expect(await rawCall(h.emulator, 'groups.getById', {})).toHaveProperty('response');
  });

  it('F02: a dialog runs over the Callback API just as over long poll', async () => {
    const port = await freePort();
    h = await Harness.start({ env: { VK_TRANSPORT: 'webhook', WEBHOOK_PORT: String(port), VK_CONFIRMATION_CODE: 'c0nf1rm' } });
    await h.emulator.setWebhook({ url: `http://127.0.0.1:${port}/vk`, confirmationCode: 'c0nf1rm' });
    const admin = h.admin();
    await admin.say('/start');
    for (const answer of ['Средняя школа № 3', 'СОШ № 3', 'Кунгур', 'Орлова Нина Ивановна', 'nina@school3.ru', '89123456789']) {
      await admin.expect((m) => m.keyboard !== undefined);
      await admin.say(answer);
    }
    await admin.expect('Проверьте профиль школы');
    await admin.press('Всё верно');
    await admin.expect('Заявка на регистрацию');
    expect((await h.bot.app.school.get())?.city).toBe('Кунгур');
  });
});
