import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreSnapshot, snapshotOf, SnapshotFormatError, startEmulator, type Emulator, type StateSnapshot } from '../../emulator/index.js';
import { EmulatorState } from '../../emulator/state.js';
import { rawCall } from './helpers.js';

type Conversations = { items: { peer: { id: number }; out_read: number; out_read_by?: { count: number; member_ids: number[] } }[] };

describe('read marks (the sandbox shows who has read)', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
    emu.addUser({ id: 10, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    emu.addUser({ id: 11, firstName: 'Борис', lastName: 'Смирнов', allowsMessages: true });
  });
  afterEach(() => emu.close());

  const conversations = async (peers: number[]): Promise<Conversations['items']> =>
    ((await rawCall(emu, 'messages.getConversationsById', { peer_ids: peers.join(',') })).response as Conversations).items;

  it("a DM's out_read is the community's last message the person read: nothing before they look, all of it after markRead, and writing reads too", async () => {
    const first = await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 1, message: 'первое' });
    expect(first).toHaveProperty('response');
    expect((await conversations([10]))[0]?.out_read).toBe(0);
    const reads: unknown[] = [];
    emu.on('read', (read) => reads.push(read));
    emu.markRead(10, 10);
    const firstId = emu.sentTo(10)[0]!.id;
    expect((await conversations([10]))[0]?.out_read).toBe(firstId);
    expect(reads).toEqual([{ peerId: 10, userId: 10, cmid: 1 }]);
    emu.markRead(10, 10); // nothing new: no event
    expect(reads).toHaveLength(1);
    await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 2, message: 'второе' });
    expect((await conversations([10]))[0]?.out_read).toBe(firstId);
    emu.userMessage(10, 'ответ');
    expect((await conversations([10]))[0]?.out_read).toBe(emu.sentTo(10)[1]!.id);
  });

  it("a chat's out_read_by names the members who read the community's last message", async () => {
    const created = (await rawCall(emu, 'messages.createChat', { user_ids: '10,11', title: '5А · Математика' })).response as { chat_id: number };
    const peer = 2_000_000_000 + created.chat_id;
    await rawCall(emu, 'messages.send', { peer_id: peer, random_id: 3, message: 'Завтра контрольная' });
    expect((await conversations([peer]))[0]?.out_read_by).toEqual({ count: 0, member_ids: [] });
    emu.markRead(11, peer);
    expect((await conversations([peer]))[0]?.out_read_by).toEqual({ count: 1, member_ids: [11] });
    const post = emu.sentTo(peer).at(-1)!;
    expect(emu.state.readersOf(peer, post.cmid)).toEqual([11]);
    emu.userMessage(10, 'Поняла', { peerId: peer });
    expect(emu.state.readersOf(peer, post.cmid)).toEqual([11, 10]);
  });

  it('a snapshot keeps the world (users, messages with keyboards, chats, read marks, photos, the next ids) and a restored state goes on numbering', async () => {
    await rawCall(emu, 'messages.send', { peer_id: 10, random_id: 4, message: 'с кнопкой', keyboard: JSON.stringify({ inline: true, buttons: [[{ action: { type: 'text', label: 'Да' } }]] }) });
    await rawCall(emu, 'messages.createChat', { user_ids: '10', title: 'Чат' });
    emu.markRead(10, 10);
    const snapshot = JSON.parse(JSON.stringify(snapshotOf(emu.state))) as StateSnapshot;
    const state = new EmulatorState();
    restoreSnapshot(state, snapshot);
    expect(state.users.get(10)).toEqual(emu.state.users.get(10));
    expect(state.messagesOf(10)).toEqual(emu.state.messagesOf(10));
    expect(state.messagesOf(10)[0]?.keyboard?.buttons[0]?.[0]?.label).toBe('Да');
    expect([...state.chats.values()].map((c) => [c.title, c.inviteLink])).toEqual([...emu.state.chats.values()].map((c) => [c.title, c.inviteLink]));
    expect(state.readThrough(10, 10)).toBe(1);
    expect(state.randomIds.get('10:4')?.text).toBe('с кнопкой');
    const next = state.addMessage({ peerId: 10, fromId: 10, text: 'дальше', out: 0 });
    expect(next.id).toBe(emu.state.sequence.message);
    expect(state.createChat({ title: 'Второй', ownerId: 10, ownerGroup: undefined, members: [] }).chatId).toBe(2);
    expect(() => restoreSnapshot(state, { ...snapshot, version: 99 })).toThrow(SnapshotFormatError);
  });
});
