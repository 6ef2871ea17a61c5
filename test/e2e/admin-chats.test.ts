import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];
const linkIn = (text: string): string => {
  const link = /https:\/\/vk\.me\/join\/\S+/u.exec(text)?.[0];
  if (!link) throw new Error(`no join link in: ${text}`);
  return link;
};

const LEADERSHIP = 'Руководство школы';
const STAFF = 'Педагогический коллектив';

describe('administration chats (F22)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 200, 'Смирнова Елена');
    await s.members.setAdministrationRole(ADMIN, vk(200), 'head');
    await verifiedTeacher(s, 201, 'Кузнецов Олег');
    await s.members.setAdministrationRole(ADMIN, vk(201), 'deputy');
    await verifiedTeacher(s, 202, 'Попова Ирина');
    await s.members.setAdministrationRole(ADMIN, vk(202), 'deputy');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 301, 'Новиков Игорь');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
  });
  afterEach(() => h.close());

  const chatsNamed = (title: string) => [...h.emulator.state.chats.values()].filter((chat) => chat.title === title);

  it('F22: the head creates both chats with the buttons; the deputies and verified teachers get the links privately, a student and a pending teacher do not; who never wrote is named; a second press creates nothing', async () => {
    const head = h.driver.user({ id: 200, firstName: 'Елена', lastName: 'Смирнова', allowsMessages: true });
    const oleg = h.driver.user({ id: 201, firstName: 'Олег', lastName: 'Кузнецов', allowsMessages: true });
    h.driver.user({ id: 202, firstName: 'Ирина', lastName: 'Попова', allowsMessages: false });
    const anna = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    const igor = h.driver.user({ id: 301, firstName: 'Игорь', lastName: 'Новиков', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true });

    await head.say('/коллектив');
    const overview = await head.expect('Чаты администрации школы:');
    expect(overview.text).toContain(`«${LEADERSHIP}» (руководитель и заместители): ещё не создан.`);
    expect(overview.text).toContain(`«${STAFF}» (руководитель, заместители и все учителя с подтверждённым статусом): ещё не создан.`);
    expect(labels(overview)).toEqual(['Создать чат руководства', 'Создать чат коллектива']);

    // (a) The leadership chat: the head and the deputies.
    await head.press('Создать чат руководства');
    const leadReport = await head.expect(`✅ Чат «${LEADERSHIP}» создан.`);
    const leadLink = linkIn(leadReport.text);
    expect(leadReport.text).toContain('Ссылку получили в личных сообщениях: 1 из 2.');
    expect(leadReport.text).toContain('Не получили сообщение (1): ВКонтакте не даёт сообществу писать тем, кто ему ещё не писал или запретил сообщения.');
    expect(leadReport.text).toContain('1. [id202|Попова Ирина], заместитель руководителя');
    expect(leadReport.text).toContain('Передайте ссылку сами.');
    const [leadChat] = chatsNamed(LEADERSHIP);
    expect(leadChat?.inviteLink).toBe(leadLink);
    const olegLead = await oleg.expect('создала чат руководства школы');
    expect(olegLead.text).toContain(leadLink);
    expect(olegLead.text).toContain('Смирнова Елена');
    // The overview is redrawn: only the other button is left.
    await h.idle();
    const redrawn = head.received.find((m) => m.id === overview.id)!;
    expect(redrawn.text).toContain(`«${LEADERSHIP}» (руководитель и заместители): ${leadLink}`);
    expect(labels(redrawn)).toEqual(['Создать чат коллектива']);

    // An admin opens the overview too, while the staff chat is not made yet.
    const admin = h.admin();
    await admin.say('/staffchats');
    expect(labels(await admin.expect('Чаты администрации школы:'))).toEqual(['Создать чат коллектива']);

    // (b) The staff chat: the head, the deputies and the verified teachers.
    await head.press('Создать чат коллектива');
    const staffReport = await head.expect(`✅ Чат «${STAFF}» создан.`);
    const staffLink = linkIn(staffReport.text);
    expect(staffReport.text).toContain('Ссылку получили в личных сообщениях: 2 из 3.');
    expect(staffReport.text).toContain('[id202|Попова Ирина]');
    expect(chatsNamed(STAFF)).toHaveLength(1);
    expect(chatsNamed(STAFF)[0]!.inviteLink).toBe(staffLink);
    expect((await anna.expect('создала чат педагогического коллектива')).text).toContain(staffLink);
    expect((await oleg.expect('создала чат педагогического коллектива')).text).toContain(staffLink);
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(2);
    // Not for a student or a teacher whose status is not confirmed; a teacher got no leadership link.
    expect(vanya.received).toHaveLength(0);
    expect(igor.received).toHaveLength(0);
    expect(anna.received.filter((m) => m.text.includes(leadLink))).toHaveLength(0);
    expect(await h.bot.app.services.adminChats.get('staff')).toMatchObject({ status: 'ready', peer: chatsNamed(STAFF)[0]!.peerId, link: staffLink, createdBy: vk(200) });

    // A second press (the admin's overview from before) gives the existing link and creates nothing.
    await admin.press('Создать чат коллектива');
    const again = await admin.expect(`Чат «${STAFF}» уже создан, второй не нужен.`);
    expect(again.text).toContain(staffLink);
    await h.idle();
    expect(admin.lastSnackbar()).toBe('Этот чат уже создан.');
    await admin.say('/staffchats');
    const all = await admin.expect('Оба чата созданы.');
    expect(all.text).toContain(staffLink);
    expect(all.text).toContain(leadLink);
    expect(labels(all)).toEqual([]);
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(2);
    expect(chatsNamed(STAFF)).toHaveLength(1);
    expect(anna.received.filter((m) => m.text.includes(staffLink))).toHaveLength(1);
  });

  it('F22: a teacher verified afterwards gets the staff chat link with the verification message; a deputy appointed afterwards gets the leadership chat link', async () => {
    const head = h.driver.user({ id: 200, firstName: 'Елена', allowsMessages: true });
    const igor = h.driver.user({ id: 301, firstName: 'Игорь', lastName: 'Новиков', allowsMessages: true });
    const anna = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    await head.say('/коллектив');
    await head.expect('Чаты администрации школы:');
    await head.press('Создать чат руководства');
    const leadLink = linkIn((await head.expect(`✅ Чат «${LEADERSHIP}» создан.`)).text);
    await head.press('Создать чат коллектива');
    const staffLink = linkIn((await head.expect(`✅ Чат «${STAFF}» создан.`)).text);

    // The head confirms a teacher: the confirmation, then the staff chat's link.
    await head.say('/verify 301');
    await head.expect('подтверждён');
    await igor.expect('Ваш статус учителя подтверждён');
    const late = await igor.expect(`В школе есть чат педагогического коллектива «${STAFF}»`);
    expect(late.text).toContain(staffLink);
    expect(late.text).not.toContain(leadLink);

    // The admin appoints a deputy: the appointment, then the leadership chat's link.
    const admin = h.admin();
    await admin.say('/deputy 300');
    await admin.expect('заместитель руководителя');
    await anna.expect('заместител');
    const lead = await anna.expect(`У руководства школы есть чат «${LEADERSHIP}»`);
    expect(lead.text).toContain(leadLink);
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(2);
  });

  it('F22: who no longer belongs is taken out: a deputy relieved leaves the leadership chat (not the staff chat), a head replaced too, a teacher who left the school leaves the staff chat; the admin reads it', async () => {
    const head = h.driver.user({ id: 200, firstName: 'Елена', lastName: 'Смирнова', allowsMessages: true });
    const oleg = h.driver.user({ id: 201, firstName: 'Олег', lastName: 'Кузнецов', allowsMessages: true });
    const anna = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true });
    await head.say('/коллектив');
    await head.expect('Чаты администрации школы:');
    await head.press('Создать чат руководства');
    const leadLink = linkIn((await head.expect(`✅ Чат «${LEADERSHIP}» создан.`)).text);
    await head.press('Создать чат коллектива');
    const staffLink = linkIn((await head.expect(`✅ Чат «${STAFF}» создан.`)).text);
    for (const person of [head, oleg]) {
      await person.joinChat(leadLink);
      await person.joinChat(staffLink);
    }
    await anna.joinChat(staffLink);
    const [lead] = chatsNamed(LEADERSHIP);
    const [staff] = chatsNamed(STAFF);
    const inChat = (chat: typeof lead, id: number) => chat!.members.some((m) => m.memberId === id);
    await h.idle();

    // The deputy relieved: out of the leadership chat, still in the staff chat (a verified teacher).
    const admin = h.admin();
    await admin.say('/deputy');
    await admin.expect('Сейчас заместители руководителя: [id201|Кузнецов Олег], [id202|Попова Ирина].');
    await admin.press('Снять: Кузнецов Олег');
    const relieved = await admin.expect('больше не заместитель руководителя.');
    expect(relieved.text).toContain(`удалён из чата «${LEADERSHIP}».`);
    expect(inChat(lead, 201)).toBe(false);
    expect(inChat(staff, 201)).toBe(true);

    // A new head: the one before (no deputy) leaves the leadership chat, the new one stays.
    await admin.say('/head 202');
    const replaced = await admin.expect('теперь руководитель.');
    expect(replaced.text).toContain('[id200|Смирнова Елена] больше не руководитель школы.');
    expect(replaced.text).toContain(`[id200|Смирнова Елена] удалена из чата «${LEADERSHIP}».`);
    expect(inChat(lead, 200)).toBe(false);
    expect(inChat(staff, 200)).toBe(true);

    // A teacher who left the school: out of the staff chat.
    await admin.say('/left 300');
    await admin.expect('как выбывш');
    await admin.press('Да, выбыла');
    const left = await admin.expect('Права закончились');
    expect(left.text).toContain(`удалена из чата «${STAFF}».`);
    expect(inChat(staff, 300)).toBe(false);
    // Nobody who still belongs was touched.
    expect([inChat(staff, 201), inChat(staff, 200)]).toEqual([true, true]);
  });

  it('F22: a teacher, a deputy and a student are refused /коллектив: the staff with who creates the chats, the student that they are the staff\'s', async () => {
    for (const [id, name] of [[300, 'Анна'], [201, 'Олег'], [310, 'Ваня']] as const) {
      const person = h.driver.user({ id, firstName: name, allowsMessages: true });
      await person.say('/коллектив');
      const refused = await person.expect('Чат руководства и чат педагогического коллектива');
      if (id === 310) expect(refused.text).toBe('Чат руководства и чат педагогического коллектива — это чаты сотрудников школы.');
      else expect(refused.text).toContain('создаёт руководитель школы или администратор. Когда ваш чат будет создан, бот пришлёт вам ссылку на него');
      expect(labels(refused)).not.toContain('Создать чат руководства');
    }
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(0);
    expect(await h.bot.app.services.adminChats.all()).toEqual({});
  });
});
