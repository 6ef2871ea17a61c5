import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN_ID } from '../../sandbox/cast.js';
import { vk } from '../helpers/people.js';
import { PROFILE } from '../helpers/school-profile.js';
import { SandboxSession } from './browser.js';

describe('the sandbox page in a browser: onboarding (issue 9)', () => {
  let s: SandboxSession;
  beforeEach(async () => {
    s = await SandboxSession.start();
    await s.sandbox.bot.app.school.save(PROFILE, vk(SANDBOX_ADMIN_ID));
    await s.services.classes.create(vk(SANDBOX_ADMIN_ID), '10А');
  }, 30_000);
  afterEach(() => s.close());

  it('F27 sandbox: a student onboards through the page in one tab and an admin approves in another; the QR code shows, presses and roles update live', async () => {
    const admin = await s.tab(SANDBOX_ADMIN_ID);
    // The page says it is a sandbox, and lists the cast.
    await expect(admin.page.locator('#banner').textContent()).resolves.toContain('Ничего не уходит во ВКонтакте');
    await expect(admin.page.locator('#people .name').allTextContents()).resolves.toEqual(['Мария Иванова', 'Ольга Кузнецова', 'Анна Петрова', 'Иван Сидоров', 'Елена Сидорова']);
    await admin.say('/invite 10А ученик 30 7');
    const card = await admin.expectMessage('Приглашение готово');
    // The QR code the bot uploaded is shown as a picture.
    const qr = card.locator('img');
    await qr.waitFor();
    expect(await qr.evaluate((img) => { const picture = img as unknown as { complete: boolean; naturalWidth: number }; return picture.complete && picture.naturalWidth >= 512; })).toBe(true);
    await admin.screenshot('onboarding-1-admin-invite');

    const student = await s.tab(103);
    await student.page.locator('#messages .empty').first().waitFor();
    // The admin opens the card's deep link as the student: the student's tab shows the bot's question live.
    await admin.openLinkAs(/vk\.me\/club1\?ref=/u, 'Иван Сидоров');
    await admin.page.locator('#snackbar', { hasText: 'Ссылка открыта как Иван Сидоров' }).waitFor();
    const confirm = await student.expectMessage('Вас приглашают');
    expect(await confirm.textContent()).toContain('Класс: 10А');
    await student.press('Да, всё верно');
    await student.expectMessage('Как вас зовут');
    await student.press('Сидоров Иван');
    await student.expectMessage('Согласие на обработку персональных данных');
    await student.press('Даю согласие');
    await student.expectMessage('Заявка отправлена');
    // The student's own messages (the labels pressed) are on the right.
    await expect(student.page.locator('#messages .msg.mine').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Даю согласие')]));
    await student.screenshot('onboarding-2-student-request');

    // The admin's tab gets the request card live and approves it with its callback button.
    await admin.expectMessage('Новая заявка на вступление');
    await admin.press('Принять');
    await student.expectMessage('Ваша заявка принята');
    // The list on the left shows what the bot's records now say of the student, in both tabs.
    await admin.page.locator('#people button[data-person="103"]', { hasText: 'ученик · 10А' }).waitFor();
    await student.page.locator('#people button[data-person="103"]', { hasText: 'ученик · 10А' }).waitFor();
    const request = (await s.services.requests.listPending('system')).items;
    expect(request).toEqual([]);
    expect((await s.services.members.get(vk(103)))?.roles).toEqual(['student']);
    await admin.screenshot('onboarding-3-admin-approved');

    // A forged press (a keyboard no longer shown) is refused with a clear answer, and nothing is sent.
    const before = s.sandbox.emulator.state.messagesOf(103).length;
    const refused = await student.page.evaluate(async () => {
      const response = await fetch('/api/press', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 103, peer: 103, cmid: 1, row: 9, col: 9 }) });
      return { status: response.status, body: (await response.json()) as { error: string } };
    });
    expect(refused).toEqual({ status: 400, body: expect.objectContaining({ error: 'no-button' }) });
    expect(s.sandbox.emulator.state.messagesOf(103)).toHaveLength(before);
  }, 60_000);

  it('F27 sandbox: on a phone-sized screen the people are behind a menu, the chat takes the width, and the page switches to English', async () => {
    const phone = await s.tab(103, { phone: true });
    await expect(phone.page.locator('#side').isVisible()).resolves.toBe(true); // in the page, moved off screen
    const box = await phone.page.locator('#side').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(0);
    await phone.page.locator('#menu-toggle').click();
    await phone.page.locator('#people button[data-person="103"]').click();
    await phone.say('/start');
    await phone.expectMessage(/./u);
    const chat = await phone.page.locator('#chat').boundingBox();
    expect(chat?.width).toBe(390);
    await phone.screenshot('phone-390x844');
    await phone.page.locator('[data-lang="en"]').click();
    await phone.page.locator('#send', { hasText: 'Send' }).waitFor();
    await expect(phone.page.locator('#banner').textContent()).resolves.toContain('Nothing reaches VK');
    await phone.screenshot('phone-390x844-english');
  }, 40_000);
});
