import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { createLogger } from '../../src/logger.js';
import { PeerQueue } from '../../src/runtime/peer-queue.js';
import { UpdateGate, leaveInInbox, type UpdatePreload } from '../../src/runtime/update-gate.js';
import { vkPeerOf as peerOf, type VkUpdate } from '../../src/vk/update-envelope.js';
import { openTestRedis, newTestConnection, type TestRedis } from '../helpers/redis.js';

const message = (eventId: string, peer: number, text: string): VkUpdate => ({ type: 'message_new', event_id: eventId, object: { message: { peer_id: peer, from_id: peer, text } } });

describe('update gate', () => {
  let db: TestRedis;
  let other: RedisClient;
  const gates: UpdateGate[] = [];
  beforeEach(async () => {
    db = await openTestRedis();
    other = newTestConnection();
  });
  afterEach(async () => {
    for (const gate of gates.splice(0)) await gate.shutdown();
    other.disconnect();
    await db.cleanup();
  });

  function gateOn(redis: RedisClient, seen: string[]): UpdateGate {
    const gate = new UpdateGate(redis, db.prefix, new PeerQueue(redis, db.prefix), async (update, scope) => {
      seen.push(`${(update.object.message as { text: string }).text}@${scope.eventId}`);
    }, createLogger('silent'), { peerOf });
    gates.push(gate);
    return gate;
  }

  it('reads ahead for the handler in the call that records the update, only when it takes the peer then', async () => {
    await db.redis.set(`${db.prefix}greeting:5`, 'привет');
    const reads: unknown[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const preload: UpdatePreload = { lua: `return redis.call('GET', PK[1]) .. PA[1]`, for: (update) => ({ id: 'read', keys: [`${db.prefix}greeting:${peerOf(update)}`], args: ['!'] }) };
    const gate = new UpdateGate(db.redis, db.prefix, new PeerQueue(db.redis, db.prefix), async (update, scope) => {
      reads.push(scope.preloaded);
      if ((update.object.message as { text: string }).text === 'first') await held;
    }, createLogger('silent'), { peerOf, preload });
    gates.push(gate);
    await gate.open();
    await gate.accept(message('p1', 5, 'first'));
    // The peer is busy with the first: the second is queued and reads for itself when it runs.
    await gate.accept(message('p2', 5, 'second'));
    release();
    await expect.poll(() => reads.length).toBe(2);
    expect(reads).toEqual([{ id: 'read', reply: 'привет!' }, undefined]);
  });

  it('does not hand a read-ahead to an update whose peer has an earlier update queued (the lease freed between the two records)', async () => {
    await db.redis.set(`${db.prefix}greeting:5`, 'before');
    const reads: [string, unknown][] = [];
    const preload: UpdatePreload = { lua: `return redis.call('GET', PK[1])`, for: (update) => ({ id: 'read', keys: [`${db.prefix}greeting:${peerOf(update)}`], args: [] }) };
    const gate = new UpdateGate(db.redis, db.prefix, new PeerQueue(db.redis, db.prefix), async (update, scope) => {
      const text = (update.object.message as { text: string }).text;
      reads.push([text, scope.preloaded?.reply]);
      if (text === 'A') await db.redis.set(`${db.prefix}greeting:5`, 'after A');
    }, createLogger('silent'), { peerOf, preload });
    gates.push(gate);
    await gate.open();
    // Another process holds the peer: A is recorded without the lease and waits for it.
    await db.redis.set(`${db.prefix}lock:peer:5`, 'another-process', 'PX', 60_000);
    // In one round trip: A's record finds the peer held, the lease is freed, B's record takes it (and reads
    // ahead); A runs first and changes what B read.
    await Promise.all([gate.accept(message('a', 5, 'A')), db.redis.del(`${db.prefix}lock:peer:5`), gate.accept(message('b', 5, 'B'))]);
    await expect.poll(() => reads.length).toBe(2);
    expect(reads).toEqual([['A', undefined], ['B', undefined]]);
  });

  it('handles a repeated delivery once and keeps nothing in the inbox afterwards', async () => {
    const seen: string[] = [];
    const gate = gateOn(db.redis, seen);
    await gate.open();
    expect(await gate.accept(message('e1', 5, 'hi'))).toBe(true);
    expect(await gate.accept(message('e1', 5, 'hi'))).toBe(false);
    await expect.poll(() => seen).toEqual(['hi@e1']);
    await expect.poll(() => db.redis.hlen(`${db.prefix}inbox`)).toBe(0);
  });

  it('leaves a live process its updates, and gives a dead process updates to exactly one taker', async () => {
    const inbox = `${db.prefix}inbox`;
    const live = gateOn(db.redis, []);
    await live.open();
    await leaveInInbox(db.redis, db.prefix, { ...message('mine', 1, 'live'), event_id: 'mine' }, live.instanceId, '1');
    await leaveInInbox(db.redis, db.prefix, { ...message('orphan', 2, 'orphan'), event_id: 'orphan' }, 'dead-process', '2');
    const seenA: string[] = [];
    const seenB: string[] = [];
    const a = gateOn(db.redis, seenA);
    const b = gateOn(other, seenB);
    const [takenA, takenB] = await Promise.all([a.open(), b.open()]);
    expect(takenA + takenB).toBe(1);
    await expect.poll(() => [...seenA, ...seenB]).toEqual(['orphan@orphan']);
    expect(await db.redis.hexists(inbox, 'mine')).toBe(1);
  });

  it('an update whose peer another process keeps too long is not dropped: it stays in the inbox and runs later', async () => {
    const seen: string[] = [];
    const logged: string[] = [];
    const gate = new UpdateGate(db.redis, db.prefix, new PeerQueue(db.redis, db.prefix, { maxWaitMs: 100 }), async (update) => {
      seen.push((update.object.message as { text: string }).text);
    }, createLogger('info', { write: (line: string) => void logged.push(line) }), { peerOf });
    gates.push(gate);
    await gate.open();
    await db.redis.set(`${db.prefix}lock:peer:7`, 'a-slow-process', 'PX', 60_000);
    await gate.accept(message('busy-1', 7, 'wait for me'));
    // The lease could not be had within 100 ms: nothing ran, and the entry is still there.
    await expect.poll(() => logged.some((line) => line.includes('PeerBusyError'))).toBe(true);
    expect(seen).toEqual([]);
    expect(await db.redis.hexists(`${db.prefix}inbox`, 'busy-1')).toBe(1);
    await db.redis.del(`${db.prefix}lock:peer:7`);
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['wait for me']);
    await expect.poll(() => db.redis.hlen(`${db.prefix}inbox`)).toBe(0);
  });

  it('a process taken for dead (its heartbeat expired) drops what it had queued, and the taker runs it once', async () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const queueOfA = new PeerQueue(db.redis, db.prefix);
    const a = new UpdateGate(db.redis, db.prefix, queueOfA, async (update) => {
      const text = (update.object.message as { text: string }).text;
      seenA.push(text);
      if (text === 'first') await blocked;
    }, createLogger('silent'), { peerOf });
    gates.push(a);
    await a.open();
    for (const [id, text] of [['q1', 'first'], ['q2', 'second'], ['q3', 'third']] as const) await a.accept(message(id, 9, text));
    await expect.poll(() => seenA).toEqual(['first']);
    // A stalls past its heartbeat: another process takes its entries over (as its sweep would).
    await db.redis.del(`${db.prefix}instance:${a.instanceId}`);
    const b = gateOn(other, seenB);
    await b.open();
    await expect.poll(() => seenB.map((entry) => entry.split('@')[0]).sort()).toEqual(['first', 'second', 'third']);
    // A's next heartbeat tells it so (it registers again): it finishes what was running and runs nothing else.
    await expect.poll(() => db.redis.sismember(`${db.prefix}instances`, a.instanceId), { timeout: 5_000 }).toBe(1);
    release();
    await queueOfA.drain();
    await expect.poll(() => db.redis.hlen(`${db.prefix}inbox`)).toBe(0);
    expect(seenA).toEqual(['first']);
  });

  it('orders by the peer the update belongs to', () => {
    expect(peerOf(message('e', 2000000001, 'x'))).toBe('2000000001');
    expect(peerOf({ type: 'message_event', object: { peer_id: 7, user_id: 7 } })).toBe('7');
    expect(peerOf({ type: 'message_allow', object: { user_id: 9 } })).toBe('9');
    expect(peerOf({ type: 'group_join', object: {} })).toBe('group');
  });
});
