import { afterEach, describe, expect, it } from 'vitest';
import type { Middleware } from '../../src/bot.js';
import type { MessageContext } from 'vk-io';
import { turnOf } from '../../src/turn.js';
import { Harness } from '../helpers/harness.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';

/** A probe for session tests: `inc` bumps a counter and logs it in a nested list; `push N` changes only the nested list. */
const probe: Middleware = async (context, next) => {
  const message = context as MessageContext;
  const session = context.session as { counter?: number; box?: { items: number[] } };
  if (message.text === 'inc') {
    session.counter = (session.counter ?? 0) + 1;
    if (!session.box) session.box = { items: [] };
    session.box.items.push(session.counter);
    return turnOf(context).reply(`count ${session.counter}`);
  }
  const push = /^push (\d+)$/.exec(message.text ?? '');
  if (push && session.box) {
    session.box.items.push(Number(push[1]));
    return turnOf(context).reply('pushed');
  }
  return next();
};

type ProbeSession = { counter?: number; box: { items: number[] } };

/** The session as stored in Redis, once `ready` holds (the bot saves right after its reply). */
async function storedSession(h: Harness, key: string, ready: (session: ProbeSession) => boolean): Promise<ProbeSession> {
  const started = Date.now();
  for (;;) {
    const session = JSON.parse((await h.db.redis.get(`${runtimeBase(h.db.prefix, 'main')}session:${key}`)) ?? '{"box":{"items":[]}}') as ProbeSession;
    if (ready(session) || Date.now() - started > 3000) return session;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('foundation', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('F28: 20 messages from one user at once are handled one at a time, in order, and the session counter ends at 20', async () => {
    h = await Harness.start({ bot: { extraMiddleware: [probe] } });
    const user = h.driver.user({ id: 201, firstName: 'Оля', lastName: 'Смирнова' });
    for (let i = 0; i < 20; i++) h.emulator.userMessage(user.id, 'inc');
    await user.expect('count 20', { timeout: 10_000 });
    expect(user.received.map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `count ${i + 1}`));
    const stored = await storedSession(h, '201:201', (s) => s.counter === 20);
    expect(stored.box.items).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('a change nested inside the session is saved too', async () => {
    h = await Harness.start({ bot: { extraMiddleware: [probe] } });
    const user = h.driver.user({ id: 202, firstName: 'Иван', lastName: 'Орлов' });
    await user.say('inc');
    await user.expect('count 1');
    await user.say('push 42');
    await user.expect('pushed');
    const stored = await storedSession(h, '202:202', (s) => s.box?.items.length === 2);
    expect(stored.box.items).toEqual([1, 42]);
  });

  it('F14: /help lists what the caller may do; an unknown person learns how to join', async () => {
    h = await Harness.start();
    const admin = h.admin();
    await admin.say('/help');
    const home = await admin.expect('Что вы можете сделать');
    expect(home.text).toContain('Ваши роли: администратор');
    await admin.press('Все команды');
    const help = await admin.expect('Что вы можете сделать:');
    expect(help.text).toContain('/школа');
    expect(help.text).toContain('/отмена');
    const stranger = h.driver.user({ id: 300, firstName: 'Пётр', lastName: 'Сидоров' });
    await stranger.say('/помощь');
    const intro = await stranger.expect('ссылка-приглашение');
    expect(intro.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Ввести код приглашения']);
    expect(intro.text).not.toContain('/школа');
    await stranger.say('/start');
    await stranger.expect('ссылка-приглашение');
  });

  it('F14: the language follows VK lang_id, then /lang; Russian aliases work', async () => {
    h = await Harness.start();
    const english = h.driver.user({ id: 301, firstName: 'John', lastName: 'Smith', langId: 3 });
    await english.say('/help');
    await english.expect('To join a class or the staff room');
    await english.say('/язык');
    const choice = await english.expect('Choose a language');
    expect(choice.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Русский', 'English']);
    await english.press('Русский');
    await english.expect('Язык переключён на русский');
    await english.say('/help');
    await english.expect('Чтобы вступить в класс');
  });

  it('commands work in chats, also after the community mention; plain chat talk is left alone', async () => {
    h = await Harness.start();
    const admin = h.admin();
    const chat = h.emulator.addChat({ ownerId: admin.id, title: '5А родители', memberIds: [admin.id] });
    const peerId = 2_000_000_000 + chat.chatId;
    const room = h.driver.chat(peerId);
    const texts = () => room.received.map((m) => m.text);
    await admin.sayIn(peerId, `[club${h.emulator.groupId}|@school] /help`);
    await room.expect('Что вы можете сделать');
    await h.idle();
    expect(texts()).toHaveLength(1);
    // Each reply is awaited as a new message: the earlier answer cannot stand in for it.
    await admin.sayIn(peerId, '/помощь');
    await room.expect('Что вы можете сделать');
    await admin.sayIn(peerId, '/school');
    await room.expect('Сначала напишите боту в личные сообщения');
    await h.idle();
    expect(texts()).toHaveLength(3);
    // Talk addressed to the community but not a command gets no answer in a chat.
    await admin.sayIn(peerId, `[club${h.emulator.groupId}|@school] привет`);
    await h.idle();
    expect(texts()).toHaveLength(3);
    await admin.sayIn(peerId, '/help');
    await room.expect('Что вы можете сделать');
    await h.idle();
    expect(texts()).toHaveLength(4);
    expect(texts().filter((text) => text.includes('Я понимаю команды'))).toHaveLength(0);
  });

  it('F02: a command with personal data or a dialog, typed in a chat, continues in the private dialog', async () => {
    h = await Harness.start();
    const admin = h.admin();
    const chat = h.emulator.addChat({ ownerId: admin.id, title: 'Учительская', memberIds: [admin.id] });
    const peerId = 2_000_000_000 + chat.chatId;
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    await admin.sayIn(peerId, `[club${h.emulator.groupId}|@school] /school`);
    // The chat learns only whom the answer went to, by the first name (the admin has no roster name yet: VK's).
    const moved = await h.driver.chat(peerId).expect('в личных сообщениях с ботом');
    expect(moved.text).toBe(`📬 [id${admin.id}|Мария], ответ — в личных сообщениях с ботом.`);
    await admin.expect('Полное наименование');
    await admin.say('Средняя школа номер девять');
    await admin.expect('Краткое наименование');
    await h.idle();
    expect(h.driver.chat(peerId).received.map((m) => m.text).join('\n')).not.toContain('Краткое наименование');
  });

  it('a forged or stale button and an unknown command get a polite answer, never a crash', async () => {
    h = await Harness.start();
    const user = h.driver.user({ id: 302, firstName: 'Анна', lastName: 'Белова' });
    await user.say('Подтвердить', { payload: { k: 'cb', a: 'admin.grant', id: '1' } });
    await user.expect('кнопка устарела');
    await user.say('Что-то', { payload: '{"broken json' });
    await user.expect('кнопка устарела');
    await user.say('Старое', { payload: { k: 'scene', s: 'school-setup', v: 'confirm' } });
    await user.expect('кнопка устарела');
    await user.say('/нетакой');
    await user.expect('Не знаю такой команды');
    await user.say('просто текст');
    await user.expect('Чтобы вступить в класс');
    const eventId = h.emulator.messageEvent(user.id, user.id, 1, { k: 'cb', a: 'nothing.here' });
    await user.expectAnswer(eventId);
    expect(user.lastSnackbar()).toContain('Кнопка устарела');
  });

  it('/cancel leaves any dialog from any step; with no dialog it says so', async () => {
    h = await Harness.start();
    const admin = h.admin();
    await admin.say('/cancel');
    await admin.expect('нечего отменять');
    await admin.say('/start');
    await admin.expect('Полное наименование');
    await admin.say('Школа номер один');
    await admin.expect('Краткое наименование');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    await admin.say('СОШ 1');
    await admin.expect('Я понимаю команды');
    expect(await h.bot.app.school.get()).toBeNull();
  });

  it('a VK internal error on send is retried, and the person still gets the answer', async () => {
    h = await Harness.start();
    const admin = h.admin();
    h.emulator.faults.failNext('messages.send', 10, 1);
    await admin.say('/help');
    await admin.expect('Что вы можете сделать');
    const sends = h.emulator.callsOf('messages.send');
    expect(sends.some((call) => call.error?.code === 10)).toBe(true);
  });

  it('a dialog interrupted by a restart continues at the same step', async () => {
    h = await Harness.start();
    const admin = h.admin();
    await admin.say('/start');
    await admin.expect('Полное наименование');
    await admin.say('Средняя школа номер пять');
    await admin.expect('Краткое наименование');
    expect(await h.stopBot()).toBe(true);
    await h.startBot();
    await admin.say('СОШ № 5');
    await admin.expect('Населённый пункт');
    // The idle wait works across a restart too (the stopped bot's last poll does not count), and nothing else came.
    await h.idle();
    expect(admin.received.map((m) => m.text).filter((text) => text.includes('Населённый пункт'))).toHaveLength(1);
  });
});
