import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../emulator/index.js';
import { announceJoinRequest } from '../../src/features/join-requests/review-notices.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';

const HOUR = 3600_000;

describe('VK refusing to deliver (reply window, flood)', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('F08: an applicant VK will not message any more (reply window closed) is named to the reviewer, and the decision stands', async () => {
    const clock = new ManualClock();
    h = await Harness.start({ emulator: { now: clock.now, replyWindow: true } });
    const { classes, invites, requests } = h.bot.app.services;
    const classId = (await classes.create(ADMIN, '4Б')).id;
    const student = h.driver.user({ id: 950, firstName: 'Дима', lastName: 'Соколов' });
    await student.say('/help');
    await student.expect('ссылка-приглашение');
    const invite = await invites.create(ADMIN, { classId, role: 'student' });
    const used = await invites.use(invite.id, { personId: vk(student.id), name: 'Соколов Дима', consent: true });
    if (!used.ok) throw new Error('setup: the request was refused');

    clock.advance(25 * HOUR);
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    await announceJoinRequest(h.bot.app, used.request);
    await admin.expect('Новая заявка');
    await admin.press('Принять');
    const note = await admin.expect('не получит сообщение');
    expect(note.text).toContain('[id950|Соколов Дима] не получит сообщение: он давно не писал сообществу школы или закрыл сообщения, а ВКонтакте не даёт сообществу писать первым. Сообщите ему сами');
    await h.idle();
    expect(admin.received.some((m) => m.text.includes('Что-то пошло не так'))).toBe(false);
    expect((await requests.get(used.request.id))?.status).toBe('approved');
    expect(student.received.some((m) => m.text.includes('Ваша заявка принята'))).toBe(false);
  });
});
