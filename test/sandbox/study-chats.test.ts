import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN_ID } from '../../sandbox/cast.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import { SandboxSession } from './browser.js';

describe('the sandbox page in a browser: chats (issue 9)', () => {
  let s: SandboxSession;
  beforeEach(async () => {
    s = await SandboxSession.start();
    await s.services.classes.create(vk(SANDBOX_ADMIN_ID), '5А');
    await verifiedTeacher(s.services, 102, 'Петрова Анна Сергеевна');
    await joinAs(s.services, 'student', '5А', 103, 'Сидоров Иван');
  }, 30_000);
  afterEach(() => s.close());

  it('F25 sandbox: a teacher creates a subject chat through the page, the student joins it by its link, both write in it, the members and who has read show', async () => {
    const student = await s.tab(103);
    // The student writes to the community first («Начать» on the empty chat), so the bot may send them the link.
    await student.page.locator('#messages .empty button').click();
    await student.expectMessage(/./u);

    const teacher = await s.tab(102);
    await teacher.say('/chat');
    await teacher.expectMessage('Какой чат создать?');
    await teacher.press('Предметный чат класса');
    await teacher.expectMessage('Для какого класса создать учебный чат?');
    await teacher.press('5А');
    await teacher.expectMessage('По какому предмету чат для 5А?');
    await teacher.press('Математика');
    await teacher.expectMessage('Кому отправить ссылку на чат');
    await teacher.press('Только ученикам');
    await teacher.expectMessage('Учебный чат «5А · Математика»');
    await teacher.press('Создать');
    const report = await teacher.expectMessage('✅ Учебный чат «5А · Математика» создан.');
    expect(await report.textContent()).toContain('Ссылку получили в личных сообщениях: 1 из 1.');
    // The chat is listed on the left, as a study chat, in both tabs.
    await teacher.page.locator('#chats button', { hasText: '5А · Математика' }).filter({ hasText: 'учебный чат' }).waitFor();
    await student.page.locator('#chats button', { hasText: '5А · Математика' }).waitFor();
    await teacher.screenshot('chats-1-teacher-created');

    // The student opens the link they got as themselves: they join the chat and the tab shows it.
    await student.openLinkAs('создала учебный чат «5А · Математика»', 'Иван Сидоров');
    await student.page.locator('#chat-title', { hasText: '5А · Математика' }).waitFor();
    await student.page.locator('#messages .service', { hasText: 'Иван Сидоров вошёл(ла) в чат по ссылке' }).waitFor();
    const [chat] = [...s.sandbox.emulator.state.chats.values()].filter((c) => c.title === '5А · Математика');
    expect(chat?.members.map((m) => m.memberId)).toContain(103);
    await student.page.locator('#members-summary', { hasText: 'Участники (1)' }).waitFor();
    await student.page.locator('#members-summary').click();
    await expect(student.page.locator('#members-list li').allTextContents()).resolves.toEqual(expect.arrayContaining(['Partaсообществоадмин чата', 'Иван Сидоров']));
    await student.say('Здравствуйте! Я на месте.');
    await student.page.locator('#messages .msg.mine', { hasText: 'Здравствуйте! Я на месте.' }).waitFor();

    // The teacher, not in the chat yet, is offered its link; joins; sees the student's message and asks the bot there.
    await teacher.openChat('5А · Математика');
    await teacher.page.locator('#notice', { hasText: 'не в этом чате' }).waitFor();
    await expect(teacher.page.locator('#text').isDisabled()).resolves.toBe(true);
    await teacher.page.locator('#join').click();
    await teacher.page.locator('#notice').waitFor({ state: 'hidden' });
    const fromStudent = await teacher.expectMessage('Здравствуйте! Я на месте.');
    expect(await fromStudent.locator('.from').textContent()).toBe('Иван Сидоров');
    await teacher.page.locator('#members-summary', { hasText: 'Участники (2)' }).waitFor();
    await teacher.say('/help');
    // The bot's answer in the chat: the student's tab has the chat open, so it is read by both.
    const answer = teacher.page.locator('#messages .msg:not(.mine)').filter({ hasNot: teacher.page.locator('.from', { hasText: 'Иван Сидоров' }) }).last();
    await answer.waitFor();
    await answer.locator('.meta', { hasText: /Прочитали \(2\): (Анна Петрова, Иван Сидоров|Иван Сидоров, Анна Петрова)/u }).waitFor();
    await teacher.screenshot('chats-2-teacher-in-chat');
    await student.screenshot('chats-3-student-in-chat');
  }, 60_000);
});
