import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { ADMIN, Harness } from '../helpers/harness.js';

describe('two people at the same moment', () => {
  let h: Harness;
  beforeEach(async () => {
    // The students consent themselves here (the parent's consent of the default grades 1–8: test/e2e/consent.test.ts).
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: 'none' } });
  });
  afterEach(() => h.close());

  it('F05 F27: the last use of an invite is taken by exactly one of two people consenting at once', async () => {
    const { classes, invites, requests } = h.bot.app.services;
    const classId = (await classes.create(ADMIN, '7В')).id;
    const invite = await invites.create(ADMIN, { classId, role: 'student', maxUses: 1 });
    const link = inviteDeepLink(h.emulator.groupId, invite.token);
    const people = [h.driver.user({ id: 701, firstName: 'Лиза', lastName: 'Котова' }), h.driver.user({ id: 702, firstName: 'Миша', lastName: 'Зайцев' })];
    for (const person of people) {
      await person.openLink(link);
      await person.expect('Вас приглашают');
      await person.press('Да, всё верно');
      await person.expect('Как вас зовут');
      await person.press(`${person.user.lastName} ${person.user.firstName}`);
      await person.expect('Согласие на обработку');
    }
    await Promise.all(people.map((person) => person.press('Даю согласие')));
    const outcomes = await Promise.all(people.map((person) => person.expect((m) => m.text.includes('Заявка отправлена') || m.text.includes('уже вступили все'))));
    expect(outcomes.filter((m) => m.text.includes('Заявка отправлена'))).toHaveLength(1);
    expect(outcomes.filter((m) => m.text.includes('уже вступили все'))).toHaveLength(1);
    expect((await invites.get(invite.id))?.uses).toBe(1);
    expect((await requests.listPending('system')).total).toBe(1);
  });
});
