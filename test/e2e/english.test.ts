import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteDeepLink } from '../../src/invite-links.js';
import { ADMIN_ID, Harness } from '../helpers/harness.js';

describe('in English (VK lang_id 3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F27: a parent whose VK speaks English joins by the deep link in English, and the reviewer reads Russian', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const { classes, invites } = h.bot.app.services;
    const classId = (await classes.create(ADMIN_ID, '3Б')).id;
    const invite = await invites.create(ADMIN_ID, { classId, role: 'parent' });
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
});
