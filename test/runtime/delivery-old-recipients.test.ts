import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryEngine, type DeliveryTexts } from '../../src/runtime/delivery.js';
import type { Scheduler } from '../../src/runtime/scheduler.js';
import type { Delivery, Messenger, OutgoingMessage } from '../../src/messenger/messenger.js';
import type { Recipient } from '../../src/messenger/ids.js';
import { createLogger } from '../../src/logger.js';
import { VK_CHAT_PEER_BASE, vkPeer, vkStoredRecipient } from '../../src/vk/person-refs.js';
import { openTestRedis, type TestRedis } from '../helpers/redis.js';

/** What the engine handed the messenger: each batch's recipients, and the single messages (the author's report). */
interface Sent {
  batches: Recipient[][];
  single: Recipient[];
}

/** A messenger that delivers everything at once and remembers to whom. */
function recordingMessenger(sent: Sent): Messenger {
  return {
    batchSize: 100,
    async sendBatch(to: readonly Recipient[], _message: OutgoingMessage): Promise<Delivery[]> {
      sent.batches.push([...to]);
      return to.map((chat, at): Delivery => ({ chat, ok: true, message: { chat: typeof chat === 'number' ? chat : vkPeer(chat), id: String(at + 1) } }));
    },
    async send(to: Recipient) {
      sent.single.push(to);
      return { chat: typeof to === 'number' ? to : vkPeer(to), id: '1' };
    },
    async edit() {},
  } as unknown as Messenger;
}

/** A scheduler that schedules nothing: the test runs the delivery's parts itself, as the job would. */
const idleScheduler: Scheduler = {
  async schedule() {},
  async cancel() {
    return false;
  },
  async reschedule() {
    return false;
  },
};

const texts: DeliveryTexts = {
  progress: () => 'progress',
  finished: () => 'finished',
  heldSent: () => 'held sent',
};

describe('a delivery an earlier version stored, with numeric recipients', () => {
  let db: TestRedis;
  beforeEach(async () => {
    db = await openTestRedis();
  });
  afterEach(() => db.cleanup());

  it('is resumed with its people read as people and its chats as chats: the rest of its batches, and the author’s report, go to the right ones', async () => {
    const person = 310;
    const chat = VK_CHAT_PEER_BASE + 1;
    const id = 'old-format';
    const startedAt = Date.now() - 60_000;
    // As the earlier version wrote it: people by their VK id (numbers below the chats' peers), the
    // author too; batch 0 was sent before the crash, batch 1 was not; batch 2 waits for the morning.
    await db.redis.hset(`${db.prefix}dl:${id}`, {
      meta: JSON.stringify({ message: { text: 'Завтра уроков нет' }, total: 4, now: 2, held: 1, heldUntil: startedAt + 1000, author: { chat: person, locale: 'ru' }, startedAt }),
      'b:0': JSON.stringify([311]),
      'o:0': JSON.stringify([{ chat: 311, ok: true, message: { chat: 311, id: '7' } }]),
      'b:1': JSON.stringify([person, chat]),
      'b:2': JSON.stringify([312]),
    });
    const sent: Sent = { batches: [], single: [] };
    const engine = new DeliveryEngine({
      redis: db.redis,
      prefix: db.prefix,
      messenger: recordingMessenger(sent),
      scheduler: idleScheduler,
      logger: createLogger('silent'),
      texts,
      quietHours: null,
      timeZone: 'Europe/Moscow',
      storedRecipient: vkStoredRecipient,
    });

    await engine.run(id, 'now', false);
    // Only the batch not sent before: the person as the PersonId "310", the chat as its peer.
    expect(sent.batches).toEqual([['310', chat]]);
    expect(sent.batches[0]!.map((to) => (typeof to === 'number' ? to : vkPeer(to)))).toEqual([person, chat]);

    await engine.run(id, 'held', false);
    expect(sent.batches).toEqual([['310', chat], ['312']]);
    // The author, stored as a number, is told how the morning's copies fared in their private dialog.
    expect(sent.single).toEqual(['310']);

    // The outcome the earlier version recorded reads as the person too: everyone counts once.
    const result = await engine.result(id);
    expect([...result!.outcomes.keys()].sort()).toEqual([chat, '310', '311', '312'].sort());
    expect(result!.delivered).toBe(4);
  });

  it('without the messenger’s reader keeps the stored recipients as they are', async () => {
    const id = 'as-stored';
    await db.redis.hset(`${db.prefix}dl:${id}`, {
      meta: JSON.stringify({ message: { text: 'x' }, total: 2, now: 1, held: 0, startedAt: Date.now() }),
      'b:0': JSON.stringify(['310', VK_CHAT_PEER_BASE + 1]),
      'done:held': '1',
    });
    const sent: Sent = { batches: [], single: [] };
    const engine = new DeliveryEngine({ redis: db.redis, prefix: db.prefix, messenger: recordingMessenger(sent), scheduler: idleScheduler, logger: createLogger('silent'), texts, quietHours: null, timeZone: 'Europe/Moscow' });
    await engine.run(id, 'now', false);
    expect(sent.batches).toEqual([['310', VK_CHAT_PEER_BASE + 1]]);
  });
});
