import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';

/** The deep link and code shown on an invite card. */
function inviteOf(card: ReceivedMessage): { link: string; code: string } {
  const link = /https:\/\/vk\.me\/club\d+\?ref=[\w-]+(?:&ref_source=\w+)?/.exec(card.text)?.[0];
  const code = /\b([23456789ABCDEFGHJKMNPQRSTWXYZ]{8})\b/.exec(card.text)?.[1];
  if (!link || !code) throw new Error(`no link or code on the invite card:\n${card.text}`);
  return { link, code };
}

/** Waits for the request notice about `name` and presses its button. */
async function decide(reviewer: DriverUser, name: string, label: 'Принять' | 'Отклонить'): Promise<void> {
  await reviewer.expect((m) => m.text.includes('Новая заявка') && m.text.includes(name));
  await reviewer.press(label);
}

let h: Harness;

describe('a school year through the bot, with buttons and commands only', () => {
  beforeEach(async () => {
    // The 5А student consents themself here (the parent's consent of the default grades 1–8: test/e2e/consent.test.ts).
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: '1-4' } });
  });
  afterEach(() => h.close());

  it('F04 F05 F07 F08 F09 F10 F23 F24 F27: set up, invite, join, review, verify, lead a class, promote', async () => {
    const admin = h.admin();
    await admin.say('/start');
    for (const answer of ['Средняя общеобразовательная школа № 7', 'СОШ № 7', 'Пермь', 'Иванова Мария Петровна', 'director@school7.ru', '+79123456789']) {
      await admin.expect((m) => m.keyboard !== undefined);
      await admin.say(answer);
    }
    await admin.expect('Проверьте профиль школы');
    await admin.press('Всё верно');
    await admin.expect('Заявка на регистрацию');

    await admin.say('/classes 5а 5 Б');
    const created = await admin.expect('5А');
    expect(created.text).toContain('5Б');

    // A student joins 5А by the deep link; the admin approves with the notice's button.
    await admin.say('/invite 5А ученик 30 7');
    const studentCard = await admin.expect('vk.me/club');
    expect(studentCard.attachments.some((a) => a.startsWith('photo'))).toBe(true);
    const student = h.driver.user({ id: 601, firstName: 'Иван', lastName: 'Петров' });
    await student.openLink(inviteOf(studentCard).link);
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.press('Петров Иван');
    await student.expect('Согласие на обработку');
    await student.press('Даю согласие');
    await student.expect('Заявка отправлена');
    await decide(admin, 'Петров Иван', 'Принять');
    const welcome = await student.expect('Ваша заявка принята');
    expect(welcome.text).toContain('Класс: 5А');
    expect(welcome.text).toContain('Роль: ученик');

    // A teacher joins the staff room with a code, is approved, then verified.
    await admin.say('/invite Учительская учитель 5 7');
    const teacherCard = await admin.expect((m) => m.text.includes('vk.me/club') && m.text.includes('Учительская'));
    const teacher = h.driver.user({ id: 602, firstName: 'Анна', lastName: 'Смирнова' });
    await teacher.say(`/join ${inviteOf(teacherCard).code}`);
    await teacher.expect('Роль: учитель');
    await teacher.press('Да, всё верно');
    await teacher.expect('Как вас зовут');
    await teacher.say('Смирнова Анна Сергеевна');
    await teacher.expect('Какие предметы');
    await teacher.press('Математика');
    await teacher.expect('Выбрано: Математика');
    await teacher.press('Готово');
    await teacher.expect('Согласие на обработку');
    await teacher.press('Даю согласие');
    await teacher.expect('Заявка отправлена');
    await decide(admin, 'Смирнова Анна Сергеевна', 'Принять');
    await teacher.expect('ожидает подтверждения');
    await admin.expect((m) => m.keyboard?.buttons.flat().some((b) => b.label === 'Подтвердить статус') ?? false);
    await admin.press('Подтвердить статус');
    await teacher.expect('Ваш статус учителя подтверждён');

    // The teacher leads 5А, invites a parent and reviews the parent's request herself.
    await admin.say('/classteacher 5А 602');
    await teacher.expect('5А');
    await teacher.say('/invite 5А родитель 1 7');
    const parentCard = await teacher.expect('vk.me/club');
    const parent = h.driver.user({ id: 603, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.openLink(inviteOf(parentCard).link);
    await parent.expect('Вас приглашают');
    await parent.press('Да, всё верно');
    await parent.expect('родителя, не ребёнка');
    await parent.say('Петрова Ольга Николаевна');
    await parent.expect('ребёнка');
    await parent.say('Петров Иван');
    await parent.expect('Согласие на обработку');
    await parent.press('Даю согласие');
    await parent.expect('Заявка отправлена');
    await decide(teacher, 'Петрова Ольга Николаевна', 'Принять');
    await parent.expect('Ваша заявка принята');
    await teacher.say('/class 5А');
    const roster = await teacher.expect('Петров Иван');
    expect(roster.text).toContain('Петрова Ольга Николаевна');

    // The year ends: 5А becomes 6А with its people.
    await admin.say('/promote');
    await admin.expect('5А → 6А');
    await admin.press('Перевести');
    await admin.expect('переведено классов — 2');
    const moved = await h.bot.app.services.classes.findByName('6А');
    expect(moved?.status).toBe('active');
    const member = await h.bot.app.services.members.get(vk(601));
    expect(member?.classIds).toContain(moved?.id);
  }, 60_000);
});
