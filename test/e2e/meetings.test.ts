import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { typedMoment } from '../../src/features/shared/typed-time.js';
import { formatWhen } from '../../src/i18n.js';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { jobsDoneBy, sentinelJob } from '../helpers/jobs-done.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('meetings (F22)', () => {
  let h: Harness;
  const TZ = 'Europe/Moscow';
  beforeEach(async () => {
    h = await Harness.start({ env: { MEETING_REMINDERS: '4s,2s', SCHOOL_TZ: TZ }, bot: { extraJobs: [sentinelJob] } });
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 200, 'Смирнова Ольга');
    await s.members.setAdministrationRole(ADMIN, vk(200), 'head');
    await verifiedTeacher(s, 210, 'Кузнецов Павел');
    await s.members.setAdministrationRole(ADMIN, vk(210), 'deputy');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Орлов Иван');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
  });
  afterEach(() => h.close());

  const head = () => h.driver.user({ id: 200, firstName: 'Ольга', lastName: 'Смирнова', allowsMessages: true });
  const person = (id: number, firstName: string) => h.driver.user({ id, firstName, allowsMessages: true });
  const when = (at: number) => formatWhen(at, TZ, 'ru');

  /** The head plans a meeting through the dialog; returns the report. */
  async function plan(organiser: ReturnType<typeof head>, title: string, at: number, audience: 'Руководство' | 'Всех сотрудников' | 'Родителей класса', place?: string) {
    await organiser.say('/встреча');
    await organiser.expect('Как называется встреча?');
    await organiser.say(title);
    await organiser.expect('Когда встреча?');
    await organiser.say(typedMoment(at, TZ));
    const placeQuestion = await organiser.expect('Где пройдёт встреча?');
    expect(labels(placeQuestion)).toEqual(['Пропустить', 'Отмена']);
    if (place) await organiser.say(place);
    else await organiser.press('Пропустить');
    const audienceQuestion = await organiser.expect('Кого пригласить?');
    expect(labels(audienceQuestion)).toEqual(['Руководство', 'Всех сотрудников', 'Родителей класса', 'Отмена']);
    await organiser.press(audience);
    if (audience === 'Родителей класса') {
      await organiser.expect('Родителей какого класса пригласить?');
      await organiser.press('5А');
    }
    const confirm = await organiser.expect(`Встреча «${title}»`);
    expect(labels(confirm)).toEqual(['Разослать приглашения', 'Отмена']);
    await organiser.press('Разослать приглашения');
    return organiser.expect(`✅ Встреча «${title}» назначена на ${when(at)}.`);
  }

  it('F22: the head plans a meeting for all staff a few seconds ahead: teachers get the invitation with the link, a student does not; the reminders come; the report names who was not reached', async () => {
    const olga = head();
    const anna = person(300, 'Анна');
    const ivan = person(301, 'Иван');
    const pavel = person(210, 'Павел');
    const vanya = person(310, 'Ваня');
    const parent = person(312, 'Ольга');
    const at = Date.now() + 8000;
    const report = await plan(olga, 'Педсовет', at, 'Всех сотрудников', 'https://vk.com/call/join/abc');
    // The bootstrap admin never wrote to the community: named as not reached.
    expect(report.text).toContain('Приглашение получили в личных сообщениях: 3 из 4.');
    expect(report.text).toContain('Не получили сообщение (1)');
    expect(report.text).toContain(`id${ADMIN_ID}`);
    expect(report.text).toContain('Напоминания придут за 4 с, за 2 с до начала.');
    for (const teacher of [anna, ivan, pavel]) {
      const invitation = await teacher.expect('Смирнова Ольга приглашает вас на встречу «Педсовет».');
      expect(invitation.text).toContain(`Когда: ${when(at)}`);
      expect(invitation.text).toContain('Где: https://vk.com/call/join/abc');
    }
    for (const teacher of [anna, ivan]) {
      await teacher.expect('⏰ Напоминание: встреча «Педсовет».', { timeout: 8000 });
      await teacher.expect('⏰ Напоминание: встреча «Педсовет».', { timeout: 8000 });
    }
    await olga.expect('⏰ Напоминание: встреча «Педсовет».', { timeout: 8000 });
    await jobsDoneBy(h, at);
    expect(anna.received.filter((m) => m.text.startsWith('⏰'))).toHaveLength(2);
    expect(vanya.received).toHaveLength(0);
    expect(parent.received).toHaveLength(0);
  });

  it('F22: cancelling from /meetings tells everyone invited, and no reminder comes afterwards', async () => {
    const olga = head();
    const anna = person(300, 'Анна');
    const pavel = person(210, 'Павел');
    const at = Date.now() + 8000;
    const report = await plan(olga, 'Совещание', at, 'Руководство');
    expect(report.text).toContain('Приглашение получили в личных сообщениях: 1 из 1.');
    await pavel.expect('приглашает вас на встречу «Совещание»');
    await olga.say('/встречи');
    await olga.expect('Предстоящие встречи школы (1).');
    const card = await olga.expect('📅 «Совещание»');
    expect(card.text).toContain('Приглашены: руководитель школы и заместители (1).');
    expect(labels(card)).toEqual(['Перенести', 'Отменить']);
    await olga.press('Отменить');
    const notice = await pavel.expect('❌ Встреча «Совещание»');
    expect(notice.text).toContain(`(${when(at)}) отменена.`);
    const cancelled = await olga.expect((m) => m.text.startsWith('❌ Встреча «Совещание»') && m.text.includes('Об этом узнали'));
    expect(cancelled.text).toContain('1 из 1');
    await jobsDoneBy(h, at);
    expect(pavel.received.filter((m) => m.text.startsWith('⏰'))).toHaveLength(0);
    expect(olga.received.filter((m) => m.text.startsWith('⏰'))).toHaveLength(0);
    // The deputies' meeting did not go to the teachers; /meetings is empty now.
    expect(anna.received).toHaveLength(0);
    await olga.say('/встречи');
    await olga.expect('В школе нет предстоящих встреч.');
  });

  it('F22: moving a meeting tells everyone the new time, and the reminders follow it', async () => {
    const olga = head();
    const anna = person(300, 'Анна');
    const first = Date.now() + 3_600_000;
    await plan(olga, 'Педсовет', first, 'Всех сотрудников', 'каб. 12');
    await anna.expect('приглашает вас на встречу «Педсовет»');
    await olga.say('/встречи');
    await olga.expect('📅 «Педсовет»');
    await olga.press('Перенести');
    await olga.expect(`На когда перенести встречу «Педсовет» (сейчас: ${when(first)})?`);
    await olga.say('вчера');
    await olga.expect('Не удалось понять дату и время. Напишите, например: «15.09 14:30» или «завтра 15:00».');
    const moved = Date.now() + 7000;
    await olga.say(typedMoment(moved, TZ));
    const report = await olga.expect(`🔁 Встреча «Педсовет» перенесена на ${when(moved)}.`);
    // Only Anna wrote to the community here; the others are named.
    expect(report.text).toContain('Об этом узнали в личных сообщениях: 1 из 4.');
    expect(report.text).toContain('[id210|Кузнецов Павел]');
    const notice = await anna.expect('🔁 Встреча «Педсовет» перенесена');
    expect(notice.text).toContain(`перенесена на ${when(moved)}.`);
    expect(notice.text).toContain(`Было: ${when(first)}`);
    expect(notice.text).toContain('Где: каб. 12');
    await anna.expect('⏰ Напоминание: встреча «Педсовет».', { timeout: 8000 });
    await jobsDoneBy(h, moved);
    expect(anna.received.filter((m) => m.text.startsWith('⏰'))).toHaveLength(2);
    const stored = (await h.bot.app.services.meetings.upcoming(vk(200), 0))[0];
    expect(stored).toMatchObject({ title: 'Педсовет', at: Math.floor(moved / 1000) * 1000, version: 2 });
  });

  it('F22: a meeting for one class\'s parents goes to them, not to the students or the teachers', async () => {
    const olga = head();
    const anna = person(300, 'Анна');
    const vanya = person(310, 'Ваня');
    const parent = person(312, 'Ольга');
    const report = await plan(olga, 'Родительское собрание', Date.now() + 3_600_000, 'Родителей класса');
    expect(report.text).toContain('1 из 1');
    await parent.expect('приглашает вас на встречу «Родительское собрание»');
    await h.idle();
    expect(vanya.received).toHaveLength(0);
    expect(anna.received).toHaveLength(0);
  });

  it('F22: the head lists the school\'s meetings and cancels a deputy\'s one: everyone invited is told, the deputy learns who cancelled it; another deputy may not touch it', async () => {
    const olga = head();
    const pavel = person(210, 'Павел');
    const anna = person(300, 'Анна');
    // A second deputy, not the organiser.
    await h.bot.app.services.members.setAdministrationRole(ADMIN, vk(301), 'deputy');
    const ivan = person(301, 'Иван');
    const at = Date.now() + 60_000;
    await plan(pavel, 'Методобъединение', at, 'Всех сотрудников');
    await anna.expect('приглашает вас на встречу «Методобъединение»');
    await ivan.expect('приглашает вас на встречу «Методобъединение»');
    // His forged «Отменить» is refused and changes nothing.
    const [meeting] = await h.bot.app.services.meetings.upcoming('all', 0);
    const forged = h.emulator.messageEvent(301, 301, 1, { k: 'cb', a: 'mt.cancel', id: meeting!.id });
    expect((await ivan.expectAnswer(forged))?.text).toBe('Изменить встречу может тот, кто её назначил, а также администратор или руководитель школы.');
    expect((await h.bot.app.services.meetings.get(meeting!.id))?.status).toBe('planned');

    // The head sees the school's meetings, each with its organiser, and cancels the deputy's.
    await olga.say('/встречи');
    await olga.expect('Предстоящие встречи школы (1).');
    const card = await olga.expect('📅 «Методобъединение»');
    expect(card.text).toContain('Назначил: [id210|Кузнецов Павел].');
    expect(labels(card)).toEqual(['Перенести', 'Отменить']);
    await olga.press('Отменить');
    await anna.expect('❌ Встреча «Методобъединение»');
    const told = await pavel.expect('отменила вашу встречу «Методобъединение»');
    expect(told.text).toContain('[id200|Смирнова Ольга]');
    await olga.expect((m) => m.text.startsWith('❌ Встреча «Методобъединение»') && m.text.includes('Об этом узнали'));
    expect((await h.bot.app.services.meetings.get(meeting!.id))?.status).toBe('cancelled');
    // The head, invited too, gets her report once: not the invitees' notice besides it.
    await h.idle();
    expect(olga.received.filter((m) => !m.edited && m.text.startsWith('❌ Встреча «Методобъединение»')).map((m) => m.text.includes('Об этом узнали'))).toEqual([true]);
    // Gone from the deputy's own list too.
    await pavel.say('/встречи');
    await pavel.expect('У вас нет предстоящих встреч.');
  });

  it('F22: a teacher and a student are refused /meeting and /meetings', async () => {
    const anna = person(300, 'Анна');
    await anna.say('/встреча');
    await anna.expect('Встречи назначают руководитель школы, его заместители и администраторы.');
    await anna.say('/meetings');
    await anna.expect('Встречи назначают руководитель школы, его заместители и администраторы.');
    const vanya = person(310, 'Ваня');
    await vanya.say('/встреча');
    await vanya.expect('Встречи назначают руководитель школы');
    await h.idle();
    expect(await h.bot.app.services.meetings.upcoming(vk(300), 0)).toEqual([]);
  });

  it('F22: a time in the past or one that cannot be read is refused with an example', async () => {
    const olga = head();
    await olga.say('/встреча');
    await olga.expect('Как называется встреча?');
    await olga.say('Педсовет');
    await olga.expect('Когда встреча?');
    await olga.say('01.09.2020 10:00');
    const past = await olga.expect('Это время уже прошло.');
    expect(past.text).toContain('например: «завтра 15:00»');
    await olga.say('когда-нибудь');
    await olga.expect('Не удалось понять дату и время. Напишите, например: «15.09 14:30» или «завтра 15:00».');
    await olga.say('31.02 10:00');
    await olga.expect('Не удалось понять дату и время.');
    await olga.say('завтра 15:00');
    await olga.expect('Где пройдёт встреча?');
  });

  it('F22: with the staff chat made, the invitation for all staff goes to that chat, and privately only to those invited who are not in it; cancelling tells the chat too', async () => {
    const olga = head();
    const anna = person(300, 'Анна');
    const ivan = person(301, 'Иван');
    const pavel = person(210, 'Павел');
    const s = h.bot.app.services;
    // The staff chat, made earlier by /коллектив: Anna and Pavel are in it, Ivan has not joined.
    const chat = h.emulator.addChat({ ownerId: 200, title: 'Педагогический коллектив', memberIds: [300, 210] });
    await s.adminChats.reserve(vk(200), 'staff', 'Педагогический коллектив');
    await s.adminChats.finish(vk(200), 'staff', chat.peerId, 'https://vk.me/join/staff');
    const at = Date.now() + 60 * 60_000;
    const report = await plan(olga, 'Педсовет', at, 'Всех сотрудников');
    expect(report.text).toContain('Отправлено в чат педагогического коллектива.');
    // Privately: Ivan, and the admin (who never wrote to the community, so is named as not reached).
    expect(report.text).toContain('Приглашение получили в личных сообщениях: 1 из 2.');
    await h.driver.chat(chat.peerId).expect('Педсовет');
    await ivan.expect('Педсовет');
    await h.idle();
    for (const inChat of [anna, pavel]) expect(inChat.received.filter((m) => m.text.includes('Педсовет'))).toHaveLength(0);

    await olga.say('/встречи');
    await olga.expect('Педсовет');
    await olga.press('Отменить');
    await h.driver.chat(chat.peerId).expect((m) => m.text.includes('Педсовет') && m.text.includes('отмен'));
    await ivan.expect((m) => m.text.includes('Педсовет') && m.text.includes('отмен'));
    await h.idle();
    expect(anna.received.filter((m) => m.text.includes('Педсовет'))).toHaveLength(0);
  });
});
