import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveRoles } from '../../../src/domain/index.js';
import { decideRequest } from '../../../src/features/join-requests/decide-request.js';
import { sendRequestCard } from '../../../src/features/join-requests/review-notices.js';
import { deliverNotices } from '../../../src/features/shared/notices.js';
import { readerFor } from '../../../src/features/shared/recipients.js';
import type { Turn } from '../../../src/turn.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';

// The decision as a use case: it records the decision and returns what it asks to be sent, and
// sends nothing itself; delivering the notices is the caller's step.

describe('deciding a join request (F08), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  /** The admin's turn, as the bot's middleware would build it. */
  async function adminTurn(): Promise<Turn> {
    const { app } = h.bot;
    const member = (await app.services.members.get(ADMIN)) ?? null;
    return { app, eventId: undefined, locale: 'ru', t: app.i18n.bind('ru'), caller: { personId: ADMIN, member, roles: new Set(member ? effectiveRoles(member) : []) }, reply: (text) => app.messenger.send(ADMIN_ID, { text }) };
  }

  it('F08: an approval returns the outcome with the reviewer card edit and the applicant welcome, and sends nothing until they are delivered', async () => {
    const { app } = h.bot;
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const [created] = await app.services.classes.createMany(ADMIN, ['5А']);
    const classId = created?.status === 'created' ? created.classGroup.id : '';
    const pupil = h.driver.user({ id: 600, firstName: 'Вера', lastName: 'Соколова' });
    await pupil.say('/start');
    await pupil.nextMessage();
    const invite = await app.services.invites.create(ADMIN, { classId, role: 'student' });
    const used = await app.services.invites.use(invite.id, { personId: vk(600), name: 'Соколова Вера', consent: true });
    if (!used.ok) throw new Error(used.reason);
    await sendRequestCard(app, await readerFor(app, ADMIN), ADMIN, used.request, { withLater: true, key: 'card:test' });
    await admin.expect('Заявка: ');
    await h.idle();
    const sentBefore = h.emulator.sentTo(600).length;

    const { outcome, notices } = await decideRequest(app, await adminTurn(), used.request.id, 'approved');
    expect(outcome).toMatchObject({ ok: true, text: expect.stringContaining('Соколова Вера'), applicant: { personId: vk(600) } });
    expect(notices.map((n) => (n.kind === 'edit' ? `edit ${n.message.chat}` : `send ${n.to} ${n.key}`))).toEqual([`edit ${ADMIN_ID}`, `send 600 req-outcome:${used.request.id}`]);
    expect(await app.services.requests.get(used.request.id)).toMatchObject({ status: 'approved' });
    await h.idle();
    expect(h.emulator.sentTo(600)).toHaveLength(sentBefore);

    expect(await deliverNotices(app, notices)).toEqual({ unreachable: [] });
    await pupil.expect('5А');
    expect(h.emulator.sentTo(ADMIN_ID).find((m) => m.text.startsWith('Заявка: '))?.text).toContain('Принята');
    // A second decision is refused with who decided, and asks nothing to be sent.
    const again = await decideRequest(app, await adminTurn(), used.request.id, 'rejected');
    expect(again).toMatchObject({ outcome: { ok: false }, notices: [] });
  });
});
