import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../emulator/index.js';
import type { StoredMessage } from '../../emulator/state.js';
import { ADMIN, ADMIN_ID, Harness, type HarnessOptions } from '../helpers/harness.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

/**
 * The delivery engine through /пост (F12): one message to many goes in `peer_ids` batches of 100, each
 * person gets one copy, the author sees one progress message edited in place, refused people are
 * reported with what to do and never retried, VK's transient errors are retried without loss or
 * doubles, and the quiet hours hold students' and parents' copies until the morning.
 */
describe('sends to many (F12 delivery)', () => {
  let h: Harness;
  afterEach(() => h.close());

  const STUDENTS_FROM = 10_000;
  const POST_TEXT = 'Завтра, 1 сентября, торжественная линейка в 9:00 во дворе школы.';

  /** A surname of letters for person `n` (names are letters only). */
  const surname = (n: number): string => {
    const abc = 'абвгдежзиклмнопрстуфхцчшэюя';
    let out = '';
    for (let rest = n; out.length === 0 || rest > 0; rest = Math.floor(rest / abc.length)) out += abc[rest % abc.length];
    return `Ученик${out}`;
  };

  /** A school of `count` students of 5А, each a VK user who allows messages unless listed. */
  async function school(count: number, options: { neverWrote?: number[]; blocked?: number[] } = {}): Promise<number[]> {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    const ids = Array.from({ length: count }, (_, i) => STUDENTS_FROM + i);
    for (const id of ids) {
      await joinAs(s, 'student', '5А', id, `${surname(id)} Тест`);
      h.emulator.addUser({ id, firstName: 'Ученик', lastName: `Номер${id}`, allowsMessages: !options.neverWrote?.includes(id), blocked: options.blocked?.includes(id) ?? false });
    }
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [] });
    await s.channels.bind(ADMIN, 'school', chat.peerId);
    return ids;
  }

  /** The admin goes through /пост to the school channel and presses `send`; returns the report. */
  async function post(text: string, send = 'Отправить') {
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(text);
    await admin.expect('Выше — пост в точности так, как его получат.');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    await admin.expect('Пост в ');
    await admin.press(send);
    return admin.expect('✅ Пост отправлен', { timeout: 20_000 });
  }

  const copies = (id: number, text = POST_TEXT) => h.emulator.sentTo(id).filter((m) => m.text === text).length;
  /** messages.send calls to several peers at once: the delivery's batches (tries included). */
  const batchSends = (): CallRecord[] => h.emulator.callsOf('messages.send').filter((c) => (c.params.peer_ids ?? '').includes(','));
  const progressMessages = () => h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('Отправлено'));

  let admin: ReturnType<Harness['admin']>;
  async function start(options: HarnessOptions = {}) {
    h = await Harness.start(options);
    admin = h.admin();
  }

  it('F12 delivery: a post to a school of 250 goes in 3 batched sends, each person gets exactly one copy, the author sees one progress message edited to the end, then the report', async () => {
    await start();
    const ids = await school(250);
    const edits: string[] = [];
    h.emulator.on('edited', (message: StoredMessage) => {
      if (message.peerId === ADMIN_ID) edits.push(message.text);
    });
    const report = await post(POST_TEXT);
    expect(report.text).toContain('Лично (тем, кого нет в чате канала): получили 250 из 250.');
    await h.idle();
    expect(batchSends()).toHaveLength(3);
    expect(batchSends().map((c) => c.params.peer_ids!.split(',').length)).toEqual([100, 100, 50]);
    for (const id of ids) expect(copies(id)).toBe(1);
    // One progress message, edited in place, ending with the count.
    const [progress, ...more] = progressMessages();
    expect(more).toHaveLength(0);
    expect(progress?.editedAt).toBeDefined();
    expect(progress?.text).toContain('Отправлено 250 из 250. Рассылка закончена.');
    expect(progress?.text).toContain('Получили: 250.');
    expect(edits.length).toBeGreaterThanOrEqual(1);
    // It came before the report.
    const adminTexts = h.emulator.sentTo(ADMIN_ID).map((m) => m.text);
    expect(adminTexts.findIndex((t) => t.startsWith('Отправлено'))).toBeLessThan(adminTexts.findIndex((t) => t.startsWith('✅ Пост отправлен')));
    const [stored] = await h.bot.app.services.channels.recentPosts();
    expect(stored).toMatchObject({ reached: 250, total: 250, unreachable: 0 });
  }, 60_000);

  it('F12 delivery: people VK refuses (never wrote: 901, blocked the community: 900) are reported with what to do and never retried', async () => {
    await start();
    const neverWrote = [STUDENTS_FROM + 3, STUDENTS_FROM + 50, STUDENTS_FROM + 101];
    const blocked = [STUDENTS_FROM + 7];
    const ids = await school(120, { neverWrote, blocked });
    const report = await post(POST_TEXT);
    expect(report.text).toContain('получили 116 из 120.');
    expect(report.text).toContain('Не получили пост лично (4): пока человек не напишет сообществу школы, ВКонтакте не даёт сообществу писать ему первым. Попросите их написать');
    await h.idle();
    // Two batches, each sent once: nobody refused is tried again.
    expect(batchSends()).toHaveLength(2);
    for (const id of ids) expect(copies(id)).toBe([...neverWrote, ...blocked].includes(id) ? 0 : 1);
    const [progress] = progressMessages();
    expect(progress?.text).toContain('Не доставлено: 4. Что делать:');
    expect(progress?.text).toContain('3 человека ещё не писали сообществу школы или запретили ему писать. Попросите их написать сообществу');
    expect(progress?.text).toContain('1 человек добавил сообщество в чёрный список. Бот не напишет этому человеку, пока он сам не уберёт сообщество оттуда.');
    const [stored] = await h.bot.app.services.channels.recentPosts();
    expect(stored).toMatchObject({ reached: 116, total: 120, unreachable: 4 });
  }, 60_000);

  it('F12 delivery: VK errors 10 and 6 on batches are retried; nothing is lost or doubled', async () => {
    await start({ bot: { gateway: { retryDelayMs: 50 } } });
    const ids = await school(250);
    // The errors hit the first two batch sends (those right after the author's progress message).
    const off = h.emulator.on('sent', (message: StoredMessage) => {
      if (!message.text.startsWith('Отправлено')) return;
      off();
      h.emulator.faults.failNext('messages.send', 10, 1);
      h.emulator.faults.failNext('messages.send', 6, 1);
    });
    const report = await post(POST_TEXT);
    expect(report.text).toContain('получили 250 из 250.');
    expect(report.text).not.toContain('ошибки ВКонтакте');
    await h.idle();
    const failed = batchSends().filter((c) => c.error);
    expect(failed.map((c) => c.error?.code).sort()).toEqual([10, 6].sort());
    expect(batchSends()).toHaveLength(5);
    for (const id of ids) expect(copies(id)).toBe(1);
  }, 60_000);

  /** The school's clock at a time of day in Moscow (UTC+3, no clock changes): today, or tomorrow if `nextDay`. */
  function moscow(hours: number, minutes: number, seconds = 0, nextDay = false): number {
    const today = new Date();
    const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + (nextDay ? 1 : 0));
    return day + ((hours - 3) * 3600 + minutes * 60 + seconds) * 1000;
  }

  /** The bot's clock (the scheduler's and the quiet hours'): set to a moment, it runs on from there. */
  let offset = 0;
  const setClock = (at: number) => (offset = at - Date.now());

  /** A harness with quiet hours 21-8 in Moscow and a clock the test sets. */
  async function startQuiet() {
    offset = 0;
    await start({ env: { QUIET_HOURS: '21-8', SCHOOL_TZ: 'Europe/Moscow' }, bot: { now: () => Date.now() + offset } });
  }

  /** A small school: a teacher, two students (one with a parent). */
  async function smallSchool() {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа №11', memberIds: [] });
    await s.channels.bind(ADMIN, 'school', chat.peerId);
    return {
      teacher: h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
      masha: h.driver.user({ id: 311, firstName: 'Маша', lastName: 'Козлова', allowsMessages: true }),
      olga: h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true }),
    };
  }

  it('F12 delivery: quiet hours: a post at 22:00 school time reaches the staff at once and holds students and parents, the report says how many until 08:00; an urgent post reaches everyone at once', async () => {
    await startQuiet();
    const { teacher, vanya, masha, olga } = await smallSchool();
    setClock(moscow(22, 0));
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(POST_TEXT);
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в ');
    expect(confirm.text).toContain('Сейчас тихие часы (21:00–08:00): ученики и родители получат пост в 08:00, сотрудники — сразу.');
    expect(confirm.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Отправить', 'Изменить текст', 'Попросить подтвердить прочтение', 'Срочно: отправить и ночью', 'Отмена']);
    await admin.press('Отправить');
    const report = await admin.expect('✅ Пост отправлен');
    expect(report.text).toContain('получили 1 из 4.');
    expect(report.text).toContain('3 ученика или родителя получат сообщение в 08:00: сейчас тихие часы (21:00–08:00).');
    expect(report.text).not.toContain('Не получили пост');
    await teacher.expect(POST_TEXT);
    await h.idle();
    for (const person of [vanya, masha, olga]) expect(person.received).toHaveLength(0);

    // The same night, an urgent post goes to everyone at once.
    const urgent = 'Завтра школа закрыта: прорвало трубу.';
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say(urgent);
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    await admin.expect('Пост в ');
    await admin.press('Срочно: отправить и ночью');
    const urgentReport = await admin.expect((m) => m.text.startsWith('✅ Пост отправлен') && m.text.includes('получили 4 из 4.'));
    expect(urgentReport.text).not.toContain('тихие часы');
    for (const person of [teacher, vanya, masha, olga]) await person.expect(urgent);
  }, 60_000);

  it('F12 delivery: quiet hours: the copies held at night go at 08:00 school time, once each', async () => {
    await startQuiet();
    const { teacher, vanya, masha, olga } = await smallSchool();
    setClock(moscow(7, 59, 52));
    const report = await post(POST_TEXT);
    expect(report.text).toContain('получат сообщение в 08:00');
    await teacher.expect(POST_TEXT);
    expect(vanya.received).toHaveLength(0);
    // 08:00 comes a few seconds later: the held copies go.
    for (const person of [vanya, masha, olga]) await person.expect(POST_TEXT, { timeout: 20_000 });
    // The author learns, once, that the held copies have gone.
    await admin.expect('🌅 Тихие часы закончились: копии, отложенные до утра, разосланы ученикам и родителям. Получили: 3 из 3.', { timeout: 20_000 });
    await h.idle();
    for (const id of [300, 310, 311, 312]) expect(copies(id)).toBe(1);
    expect(h.emulator.sentTo(ADMIN_ID).filter((m) => m.text.startsWith('🌅'))).toHaveLength(1);
  }, 60_000);

  it('F12 delivery: quiet hours: two sends held until 08:00 go in the order they were made, even when the first one is slow to go', async () => {
    await startQuiet();
    const { vanya, masha, olga } = await smallSchool();
    setClock(moscow(7, 59, 50));
    const first = 'Родительское собрание — в четверг в 18:00.';
    const second = 'Собрание переносится на пятницу, 18:00.';
    await post(first);
    await post(second);
    // At 08:00 VK is slow to take the first send: the second must still wait for it.
    h.emulator.faults.delayNext('messages.send', 3000);
    for (const person of [vanya, masha, olga]) await person.expect(second, { timeout: 30_000 });
    await h.idle();
    for (const person of [vanya, masha, olga]) {
      const texts = person.received.map((m) => m.text).filter((text) => text === first || text === second);
      expect(texts).toEqual([first, second]);
    }
  }, 60_000);
});
