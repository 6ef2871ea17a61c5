import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { announceJoinRequest } from '../../src/features/join-requests/review-notices.js';
import { STAFF_ROOM_ID, effectiveRoles } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';

const labels = (message: ReceivedMessage): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];
const nameOf = (user: DriverUser): string => `${user.user.firstName} ${user.user.lastName}`.trim();

describe('teacher status (F09, F20, F24)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  /** A person who has written to the bot. */
  async function person(id: number, firstName: string, lastName: string): Promise<DriverUser> {
    const user = h.driver.user({ id, firstName, lastName });
    await user.say('/start');
    await user.nextMessage();
    return user;
  }

  /** Files a teacher request for the person through a staff-room invite; returns the request id. */
  async function fileTeacher(user: DriverUser, subjects: string[] = ['Математика']): Promise<string> {
    const services = h.bot.app.services;
    const invite = await services.invites.create(ADMIN, { classId: STAFF_ROOM_ID, role: 'teacher' });
    const used = await services.invites.use(invite.id, { personId: vk(user.id), name: nameOf(user), consent: true, subjects });
    if (!used.ok) throw new Error(`invite not used: ${used.reason}`);
    return used.request.id;
  }

  /** An approved (not yet verified) teacher, without any notices. */
  async function pendingTeacher(user: DriverUser): Promise<void> {
    await h.bot.app.services.requests.approve(ADMIN, await fileTeacher(user));
  }

  /** A verified teacher made head or deputy. */
  async function administration(user: DriverUser, role: 'head' | 'deputy'): Promise<void> {
    await pendingTeacher(user);
    await h.bot.app.services.members.verifyTeacher(ADMIN, vk(user.id));
    await h.bot.app.services.members.setAdministrationRole(ADMIN, vk(user.id), role);
  }

  it('F24 F09: an approved teacher waits for confirmation, /help says so; the admin confirms from the notice and the teacher is told', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const ivan = await person(300, 'Иван', 'Петров');
    const requestId = await fileTeacher(ivan, ['Математика', 'Физика']);
    await announceJoinRequest(h.bot.app, (await h.bot.app.services.requests.get(requestId))!);
    const notice = await admin.expect('Новая заявка');
    expect(notice.text).toContain('Предметы: Математика, Физика');
    await admin.press('Принять');
    await admin.expectAnswer();

    const welcome = await ivan.expect('Ваша заявка принята');
    expect(welcome.text).toContain('Класс: Учительская');
    expect(welcome.text).toContain('Роль: учитель');
    expect(welcome.text).toContain('ожидает подтверждения');
    const ask = await admin.expect('Новый учитель ждёт подтверждения статуса');
    expect(ask.text).toContain('[id300|Иван Петров]');
    expect(ask.text).toContain('Предметы: Математика, Физика');
    expect(labels(ask)).toEqual(['Подтвердить статус']);

    let member = await h.bot.app.services.members.get(vk(ivan.id));
    expect(member?.teacherStatus).toBe('pending');
    expect(effectiveRoles(member ?? null)).not.toContain('teacher');
    await ivan.say('/help');
    const help = await ivan.expect('Ваши роли');
    expect(help.text.toLowerCase()).toContain('ваш статус учителя ожидает подтверждения');
    await ivan.say('/verify');
    await ivan.expect('недоступна');

    await admin.press('Подтвердить статус');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toBe('Статус подтверждён: Иван Петров');
    const told = await ivan.expect('Ваш статус учителя подтверждён');
    expect(told.text).toContain('Мария Иванова');
    const edited = admin.received.find((m) => m.cmid === ask.cmid);
    expect(edited?.text).toContain('✅ Статус подтверждён: Мария Иванова');
    expect(edited?.keyboard).toBeUndefined();
    member = await h.bot.app.services.members.get(vk(ivan.id));
    expect(member?.teacherStatus).toBe('verified');
    expect(effectiveRoles(member ?? null)).toContain('teacher');

    await ivan.say('/help');
    const after = await ivan.expect('Ваши роли');
    expect(after.text).toContain('учитель');
    expect(after.text).not.toContain('ожидает подтверждения');
  });

  it('F20 F09: the head confirms from the /verify list (redrawn in place), a deputy by /verify <vk link>', async () => {
    const head = await person(201, 'Елена', 'Директорова');
    const deputy = await person(202, 'Павел', 'Завучев');
    await administration(head, 'head');
    await administration(deputy, 'deputy');
    const t1 = await person(301, 'Анна', 'Первая');
    const t2 = await person(302, 'Борис', 'Второй');
    await pendingTeacher(t1);
    await pendingTeacher(t2);

    await head.say('/verify');
    const list = await head.expect('Ждут подтверждения статуса учителя: 2');
    expect(list.text).toContain('[id301|Анна Первая]');
    expect(list.text).toContain('[id302|Борис Второй]');
    expect(labels(list)).toEqual(['✅ 1. Анна Первая', '✅ 2. Борис Второй']);
    await head.press('✅ 1. Анна Первая');
    await head.expectAnswer();
    expect(head.lastSnackbar()).toBe('Статус подтверждён: Анна Первая');
    const redrawn = head.received.find((m) => m.cmid === list.cmid);
    expect(redrawn?.text).toContain('Ждут подтверждения статуса учителя: 1');
    expect(labels(redrawn!)).toEqual(['✅ 1. Борис Второй']);
    await t1.expect('Ваш статус учителя подтверждён (Елена Директорова)');

    await deputy.say('/подтвердить vk.com/id302');
    await deputy.expect('Статус учителя подтверждён: [id302|Борис Второй]');
    await t2.expect('Ваш статус учителя подтверждён (Павел Завучев)');
    expect((await h.bot.app.services.members.get(vk(t2.id)))?.teacherStatus).toBe('verified');
    await deputy.say('/verify');
    await deputy.expect('Учителей, ожидающих подтверждения статуса, нет');
  });

  it('F09: refusals: a student trying /verify, a forged confirm by a teacher, a bad id, a non-teacher, an already confirmed teacher; /verify by a part of the surname', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const classes = await h.bot.app.services.classes.createMany(ADMIN, ['5А']);
    const classId = classes[0]?.status === 'created' ? classes[0].classGroup.id : '';
    const student = await person(400, 'Коля', 'Учеников');
    const invite = await h.bot.app.services.invites.create(ADMIN, { classId, role: 'student' });
    const used = await h.bot.app.services.invites.use(invite.id, { personId: vk(student.id), name: 'Коля Учеников', consent: true });
    if (!used.ok) throw new Error('not used');
    await h.bot.app.services.requests.approve(ADMIN, used.request.id);
    const teacher = await person(300, 'Иван', 'Петров');
    await pendingTeacher(teacher);
    const colleague = await person(301, 'Анна', 'Коллегова');
    await pendingTeacher(colleague);
    await h.bot.app.services.members.verifyTeacher(ADMIN, vk(colleague.id));

    await student.say('/verify');
    await student.expect('недоступна');
    await student.say(`/verify ${teacher.id}`);
    await student.expect('недоступна');

    // A verified teacher is no verifier: a forged button is refused by the service.
    await colleague.say('/help');
    const last = await colleague.expect('Ваши роли');
    const eventId = h.emulator.messageEvent(colleague.id, colleague.id, last.cmid, { k: 'cb', a: 'ver.ok', id: String(teacher.id) });
    expect((await colleague.expectAnswer(eventId))?.text).toBe('Подтверждать статус учителя могут администратор, руководитель и заместители.');
    expect((await h.bot.app.services.members.get(vk(teacher.id)))?.teacherStatus).toBe('pending');

    // By a part of the surname: only the teachers waiting are found; one is confirmed after a press.
    await admin.say('/verify Сидоров');
    const none = await admin.expect('никого по запросу «Сидоров» нет');
    expect(labels(none)).toEqual(['Отмена']);
    await admin.say('/verify Коллег');
    await admin.expect('никого по запросу «Коллег» нет');
    await admin.say('/подтвердить петр');
    const one = await admin.expect('Чей статус учителя подтвердить?');
    expect(one.text).toContain('Нашёлся один человек: [id300|Иван Петров]');
    expect(labels(one)).toEqual(['Да, продолжить', 'Отмена']);
    await h.idle();
    expect((await h.bot.app.services.members.get(vk(teacher.id)))?.teacherStatus).toBe('pending');
    await admin.say(`/verify ${student.id}`);
    await admin.expect('Этот человек — не учитель школы');
    await admin.say('/verify 99999');
    await admin.expect('Этот человек — не учитель школы');
    await admin.press('Да, продолжить');
    await admin.expect('Статус учителя подтверждён: [id300|Иван Петров]');
    await teacher.expect('Ваш статус учителя подтверждён');
    await admin.say(`/verify [id${teacher.id}|Иван]`);
    await admin.expect('Статус учителя [id300|Ивана Петрова] уже подтвердила Мария Иванова');
    await admin.say(`/verify id${teacher.id}`);
    await admin.expect('Статус учителя [id300|Ивана Петрова] уже подтвердила Мария Иванова');
    // Who confirmed is kept with the teacher's record, also for a confirmation made elsewhere.
    await admin.say(`/verify ${colleague.id}`);
    await admin.expect('Статус учителя [id301|Анны Коллеговой] уже подтвердила Мария Иванова');
  });

  it('F09 F20: two verifiers confirming at the same moment: one confirmation, the teacher told once, the other told who confirmed', async () => {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    const head = await person(201, 'Елена', 'Директорова');
    await administration(head, 'head');
    const ivan = await person(300, 'Иван', 'Петров');
    const requestId = await fileTeacher(ivan);
    await announceJoinRequest(h.bot.app, (await h.bot.app.services.requests.get(requestId))!);
    await admin.expect('Новая заявка');
    await admin.press('Принять');
    await admin.expectAnswer();
    await admin.expect('Новый учитель ждёт подтверждения');
    await head.expect('Новый учитель ждёт подтверждения');

    const [a, b] = await Promise.all([admin.press('Подтвердить статус'), head.press('Подтвердить статус')]);
    const answers = [String((await admin.expectAnswer(a.eventId))?.text), String((await head.expectAnswer(b.eventId))?.text)];
    const done = answers.filter((text) => text === 'Статус подтверждён: Иван Петров');
    expect(done).toHaveLength(1);
    const other = answers.find((text) => text !== done[0]);
    expect(other).toMatch(/^Иван Петров: статус уже подтвердила (Мария Иванова|Елена Директорова)$/);
    await ivan.expect('Ваш статус учителя подтверждён');
    await h.idle();
    expect(ivan.received.filter((m) => m.text.includes('Ваш статус учителя подтверждён'))).toHaveLength(1);
    expect((await h.bot.app.services.members.get(vk(ivan.id)))?.teacherStatus).toBe('verified');
  });
});
