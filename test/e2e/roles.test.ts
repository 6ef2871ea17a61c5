import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('admins and the administration (F06, F18)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F06: the admins from ADMIN_VK_IDS are admins from the first start, and a restart changes nothing', async () => {
    const s = h.bot.app.services;
    expect((await s.members.get(ADMIN))?.roles).toEqual(['admin']);
    const admin = h.admin();
    await admin.say('/admins');
    const list = await admin.expect('Администраторы платформы (1)');
    expect(list.text).toContain(`• [id${ADMIN_ID}|участник]`);
    expect(labels(list)).toEqual(['Назначить администратора', 'Снять администратора']);
    await h.stopBot();
    await h.startBot();
    expect((await s.audit.recent(50)).filter((e) => e.action === 'admin.bootstrapped')).toHaveLength(1);
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
    // The restart read the admin's VK profile (the person exists in VK now): named «Фамилия Имя», no more «участник».
    expect((await s.members.get(ADMIN))?.name).toBe('Иванова Мария');
    await admin.say('/admins');
    expect((await admin.expect('Администраторы платформы (1)')).text).toContain(`• [id${ADMIN_ID}|Иванова Мария]`);
    // A name given later (the school's profile, a rename) is never overwritten by VK's.
    await s.members.setName(ADMIN, 'Иванова Мария Петровна');
    await h.stopBot();
    await h.startBot();
    expect((await s.members.get(ADMIN))?.name).toBe('Иванова Мария Петровна');
  });

  it('F06: an admin appoints an admin from verified teachers with buttons; the appointee is told what they can do', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 301, 'Новиков Игорь');
    await s.classes.create(ADMIN, '5А');
    await joinAs(s, 'student', '5А', 302, 'Сидоров Ваня');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна' });
    await teacher.say('/start');
    await teacher.expect('Здравствуйте');
    const admin = h.admin();
    await admin.say('/admins');
    await admin.expect('Администраторы платформы');
    await admin.press('Назначить администратора');
    const pick = await admin.expect('Кого назначить администратором?');
    expect(labels(pick)).toEqual(['Петрова Анна', 'Отмена']);
    await admin.press('Петрова Анна');
    await admin.expect('[id300|Петрова Анна] теперь администратор платформы.');
    const notice = await teacher.expect('Вас назначили администратором платформы');
    expect(notice.text).toContain('/классы');
    expect((await s.members.get(vk(300)))?.roles).toContain('admin');
    await teacher.say('/admins');
    await teacher.expect('Администраторы платформы (2)');
    const audit = await s.audit.recent(5);
    expect(audit.some((e) => e.action === 'admin.appointed' && e.actor === ADMIN && e.target.personId === vk(300))).toBe(true);
  });

  it('F06: appointing by id or mention; unverified, unknown and malformed people are refused with the reason', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 301, 'Новиков Игорь');
    const admin = h.admin();
    await admin.say('/admins add 301');
    await admin.expect('Этот человек — не подтверждённый учитель');
    await admin.say('/admins add 999');
    await admin.expect('Этого человека нет среди участников школы');
    await admin.say('/admins add Игорь');
    await admin.expect('никого по запросу «Игорь» нет');
    await admin.say('/admins add [id300|Анна Петрова]');
    await admin.expect('[id300|Петрова Анна] теперь администратор платформы.');
    await admin.expect('Уведомление не доставлено: [id300|Петрова Анна] ещё не писала сообществу школы, а ВКонтакте не даёт сообществу писать первым. Попросите её написать сообществу любое сообщение.');
    await admin.say('/admins add 300');
    await admin.expect('уже администратор');
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN, vk(300)]);
  });

  it('F06: an admin is removed with a button, but never the last one', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await s.members.appointAdmin(ADMIN, vk(300));
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const admin = h.admin();
    await admin.say('/admins remove');
    const pick = await admin.expect('С кого снять роль администратора?');
    expect(labels(pick)).toEqual(['участник', 'Петрова Анна', 'Отмена']);
    await admin.press('Петрова Анна');
    await admin.expect('[id300|Петрова Анна] больше не администратор платформы.');
    await teacher.expect('Вы больше не администратор платформы');
    await admin.say(`/admins remove ${ADMIN_ID}`);
    await admin.expect('Это последний администратор платформы — снять его нельзя');
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
  });

  it('F18: the head appoints a platform admin; a student may not', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Кузнецов Олег');
    await verifiedTeacher(s, 301, 'Петрова Анна');
    await s.members.setAdministrationRole(ADMIN, vk(300), 'head');
    await s.classes.create(ADMIN, '5А');
    await joinAs(s, 'student', '5А', 302, 'Сидоров Ваня');
    const student = h.driver.user({ id: 302, firstName: 'Ваня' });
    await student.say('/admins add 301');
    await student.expect('Эта команда вам недоступна');
    expect((await s.members.get(vk(301)))?.roles).not.toContain('admin');
    const head = h.driver.user({ id: 300, firstName: 'Олег' });
    await head.say('/head 301');
    await head.expect('Эта команда вам недоступна');
    await head.say('/admins');
    await head.expect('Администраторы платформы (1)');
    await head.press('Назначить администратора');
    const pick = await head.expect('Кого назначить администратором?');
    expect(labels(pick)).toEqual(['Кузнецов Олег', 'Петрова Анна', 'Отмена']);
    await head.press('Петрова Анна');
    await head.expect('[id301|Петрова Анна] теперь администратор платформы.');
    expect((await s.members.get(vk(301)))?.roles).toContain('admin');
  });

  it('F06 F18: an admin marks the head and deputies from /staff buttons; a new head replaces the old; unverified are refused', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Кузнецов Олег');
    await verifiedTeacher(s, 301, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 303, 'Новиков Игорь');
    const olga = h.driver.user({ id: 300, firstName: 'Олег', allowsMessages: true });
    const anna = h.driver.user({ id: 301, firstName: 'Анна', allowsMessages: true });
    const admin = h.admin();
    await admin.say('/staff');
    const staff = await admin.expect('Сотрудники (4)');
    expect(staff.text).toContain('• [id303|Новиков Игорь] — учитель; статус учителя не подтверждён');
    expect(staff.text).toContain(`• [id${ADMIN_ID}|участник] — администратор`);
    expect(labels(staff)).toEqual(['Назначить руководителя', 'Назначить заместителя', 'Классные руководители', 'Назначить администратора']);
    await admin.press('Назначить руководителя');
    const pick = await admin.expect('Руководитель школы пока не отмечен.');
    expect(labels(pick)).toEqual(['Кузнецов Олег', 'Петрова Анна', 'Отмена']);
    await admin.press('Кузнецов Олег');
    await admin.expect('[id300|Кузнецов Олег] теперь руководитель.');
    await olga.expect('Вас отметили как руководителя школы');
    await admin.say('/deputy 303');
    await admin.expect('Этот человек — не подтверждённый учитель');
    await admin.say('/завуч 301');
    await admin.expect('[id301|Петрова Анна] теперь заместитель руководителя.');
    await anna.expect('Вас отметили как заместителя руководителя школы');
    await admin.say('/head 301');
    const replaced = await admin.expect('[id301|Петрова Анна] теперь руководитель.');
    expect(replaced.text).toContain('[id300|Кузнецов Олег] больше не руководитель школы.');
    expect((await s.members.get(vk(300)))?.roles).not.toContain('head');
    await admin.say('/deputy');
    await admin.expect('Сейчас заместитель руководителя: [id301|Петрова Анна]');
    await admin.press('Снять: Петрова Анна');
    await admin.expect('[id301|Петрова Анна] больше не заместитель руководителя.');
    expect((await s.members.get(vk(301)))?.roles).toEqual(['teacher', 'head']);
  });
});
