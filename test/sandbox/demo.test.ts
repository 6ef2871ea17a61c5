import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLASSES } from '../../sandbox/demo.js';
import { vks } from '../helpers/people.js';
import { SandboxSession } from './browser.js';

describe('the sandbox with --demo (issue 9)', () => {
  let s: SandboxSession;
  afterEach(() => s.close());

  it('F04 F08 F12 F25 sandbox --demo: a sample school (classes 1А–11Б, a head and a deputy, requests waiting, a subject chat and a post) shows on the page, ready to try', async () => {
    s = await SandboxSession.start({ demo: true });
    const { services } = s;
    expect((await services.classes.list()).filter((c) => c.kind !== 'staff').map((c) => c.name)).toEqual(DEMO_CLASSES);
    expect(DEMO_CLASSES).toHaveLength(22);
    expect((await services.members.listByRole('head')).map((m) => m.personId)).toEqual(vks(101));
    expect((await services.members.listByRole('deputy')).map((m) => m.personId)).toEqual(vks(110));
    expect((await services.requests.listPending('system')).items.map((r) => r.applicant.personId).sort()).toEqual(vks(113, 114));
    expect((await services.studyChats.all()).map((c) => c.title)).toEqual(['5А · Математика']);
    expect((await services.channels.recentPosts()).map((p) => p.kind)).toEqual(['school']);

    const admin = await s.tab(100);
    await admin.page.locator('#demo-note').waitFor();
    await admin.page.locator('#people button[data-person="101"]', { hasText: 'директор' }).waitFor();
    await admin.page.locator('#chats button', { hasText: '5А · Математика' }).waitFor();
    await admin.openChat('Новости школы № 7');
    await admin.expectMessage('общешкольное родительское собрание');
    // The student got the subject chat's link in private messages, to join with one click.
    const student = await s.tab(103);
    await student.expectMessage('учебный чат «5А · Математика»');
    await admin.page.locator('#people button[data-person="100"]').click();
    await admin.say('/requests');
    await admin.expectMessage(/Волков Дима|Новиков Игорь/u);
    // The README's picture (docs/sandbox.png is a copy): the administrator's requests with their buttons, the people and the chats.
    await admin.screenshot('readme-sandbox');
    await student.screenshot('demo-student-link');
  }, 60_000);
});
