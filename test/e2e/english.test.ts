import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { STAFF_ROOM_ID } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { runtimeBase } from '../../src/runtime/runtime-keys.js';

describe('in English (VK lang_id 3)', () => {
  let h: Harness;
  beforeEach(async () => {
    // The student consents themself here (the parent's consent of the default grades 1–8: test/e2e/consent.test.ts).
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: 'none' } });
  });
  afterEach(() => h.close());

  it('F27: a parent whose VK speaks English joins by the deep link in English, and the reviewer reads Russian', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const { classes, invites } = h.bot.app.services;
    const classId = (await classes.create(ADMIN, '3Б')).id;
    const invite = await invites.create(ADMIN, { classId, role: 'parent' });
    const parent = h.driver.user({ id: 801, firstName: 'Anna', lastName: 'Brown', langId: 3 });
    await parent.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    const confirm = await parent.expect('Class: 3Б');
    expect(confirm.keyboard?.buttons.flat().map((b) => b.label)).toContain('Cancel');
    await parent.press(confirm.keyboard!.buttons[0]![0]!.label);
    await parent.expect(/name/i);
    await parent.say('Brown Anna');
    await parent.expect(/child/i);
    await parent.say('Brown Tom');
    const consent = await parent.expect(/consent/i);
    await parent.press(consent.keyboard!.buttons[0]![0]!.label);
    const sent = await parent.expect(/request/i);
    for (const message of parent.received) expect(message.text, message.text).not.toMatch(/[а-яё]{4,}/i);
    expect(sent.text).not.toContain('Заявка');
    await admin.expect((m) => m.text.includes('Новая заявка') && m.text.includes('Brown Anna'));
    await admin.press('Принять');
    const welcome = await parent.expect(/welcome/i);
    expect(welcome.text).toContain('3Б');
    expect(welcome.text).toContain('/help');
  });

  it('F23: a teacher reads the subjects in English, and the reviewer reads them in Russian', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const invite = await h.bot.app.services.invites.create(ADMIN, { classId: STAFF_ROOM_ID, role: 'teacher' });
    const teacher = h.driver.user({ id: 802, firstName: 'Mary', lastName: 'Jones', langId: 3 });
    await teacher.say(`/join ${invite.code}`);
    const confirm = await teacher.expect('Role: teacher');
    await teacher.press(confirm.keyboard!.buttons[0]![0]!.label);
    await teacher.expect(/name/i);
    await teacher.say('Jones Mary');
    const subjects = await teacher.expect(/subjects/i);
    const labels = subjects.keyboard!.buttons.flat().map((b) => b.label);
    expect(labels).toContain('Physics');
    expect(labels).not.toContain('Физика');
    await teacher.press('Physics');
    await teacher.expect('Chosen: Physics');
    await teacher.say('chemistry');
    await teacher.expect('Chosen: Physics, Chemistry');
    await teacher.press('Done');
    const consent = await teacher.expect(/consent/i);
    await teacher.press(consent.keyboard!.buttons[0]![0]!.label);
    await teacher.expect(/request/i);
    const card = await admin.expect((m) => m.text.includes('Новая заявка') && m.text.includes('Jones Mary'));
    expect(card.text).toContain('Физика, Химия');
  });

  it('F14: the language chosen with /lang stays with the person after the dialog expires', async () => {
    const anna = h.driver.user({ id: 803, firstName: 'Анна', lastName: 'Петрова' });
    await anna.say('/lang en');
    await anna.expect('The language is now English.');
    expect(await h.db.redis.hget(`${runtimeBase(h.db.prefix, 'main')}lang`, '803')).toBe('en');
    // The idle expiry removes the dialog's session; the language is kept with the person.
    await h.db.redis.del(`${runtimeBase(h.db.prefix, 'main')}session:803:803`);
    await anna.say('/help');
    await anna.expect('To join');
  });

  it('F08: a reviewer who reads English gets the request card with the date in English', async () => {
    const admin = h.admin();
    await admin.say('/lang en');
    await admin.expect('The language is now English.');
    const classId = (await h.bot.app.services.classes.create(ADMIN, '4В')).id;
    const invite = await h.bot.app.services.invites.create(ADMIN, { classId, role: 'student' });
    const student = h.driver.user({ id: 804, firstName: 'Олег', lastName: 'Сидоров' });
    await student.say(`/вступить ${invite.code}`);
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.press('Сидоров Олег');
    await student.expect('Согласие');
    await student.press('Даю согласие');
    await student.expect('Заявка отправлена');
    const card = await admin.expect('New join request');
    expect(card.text).toMatch(/Filed: \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}/);
    expect(card.text).not.toMatch(/[а-яё]{4,}\.? \d{4}/i);
    await admin.press('Approve');
    const edited = await admin.expectEdit('Approved by');
    expect(edited.text).toMatch(/Approved by .+, \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}\./);
  });
});
