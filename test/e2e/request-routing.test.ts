import { afterEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { announceJoinRequest } from '../../src/features/join-requests/review-notices.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import type { InviteRole, JoinRequest } from '../../src/domain/index.js';
import { jobsDoneBy, sentinelJob } from '../helpers/jobs-done.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: ReceivedMessage): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('join requests go to whom they belong (F08)', () => {
  let h: Harness;
  let classA: string;
  let classB: string;

  afterEach(() => h.close());

  /** A school with classes 5А and 5Б; the admin (100) has written to the bot. */
  async function school(env: Record<string, string> = {}): Promise<DriverUser> {
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: 'none', ...env }, bot: { extraJobs: [sentinelJob] } }); // students consent themselves here (parents' consent: consent.test.ts)
    const created = await h.bot.app.services.classes.createMany(ADMIN, ['5А', '5Б']);
    const ids = created.flatMap((c) => (c.status === 'created' ? [c.classGroup.id] : []));
    if (ids.length !== 2) throw new Error('classes not created');
    [classA, classB] = ids as [string, string];
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    return admin;
  }

  /** A verified teacher leading `classId`, who has written to the bot. */
  async function classTeacher(userId: number, first: string, last: string, classId: string): Promise<DriverUser> {
    await verifiedTeacher(h.bot.app.services, userId, `${last} ${first}`);
    await h.bot.app.services.members.assignClassTeacher(ADMIN, classId, vk(userId));
    const teacher = h.driver.user({ id: userId, firstName: first, lastName: last });
    await teacher.say('/help');
    await teacher.expect('Ваши роли');
    return teacher;
  }

  /** Files a request through an invite and announces it, as onboarding does. */
  async function apply(userId: number, name: string, classId: string, role: InviteRole = 'student'): Promise<JoinRequest> {
    const services = h.bot.app.services;
    const invite = await services.invites.create(ADMIN, { classId, role });
    const extra = role === 'parent' ? { childName: 'Петров Ваня' } : role === 'teacher' ? { subjects: ['Физика'] } : {};
    const used = await services.invites.use(invite.id, { personId: vk(userId), name, consent: true, ...extra });
    if (!used.ok) throw new Error(`invite not used: ${used.reason}`);
    await announceJoinRequest(h.bot.app, used.request);
    return used.request;
  }

  /** A press on a message the person has no such button on (forged or stale): the snackbar. */
  async function forge(user: DriverUser, cmid: number, payload: Record<string, unknown>): Promise<string | undefined> {
    const eventId = h.emulator.messageEvent(user.id, user.id, cmid, payload);
    const answer = await user.expectAnswer(eventId);
    return answer?.text as string | undefined;
  }

  /** The scheduler's waiting jobs whose id starts with `prefix`. */
  async function waitingJobs(prefix: string): Promise<string[]> {
    const key = `${h.db.prefix}{s:${h.config.SCHOOL_ID}}:bull:jobs:delayed`;
    return (await h.db.redis.zrange(key, 0, '-1')).filter((id) => id.startsWith(prefix));
  }

  it('F08: a request for a class with a class teacher goes to the class teacher only; the applicant is told who decides, by name', async () => {
    const admin = await school();
    const teacher = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    const invite = await h.bot.app.services.invites.create(ADMIN, { classId: classA, role: 'student' });
    const student = h.driver.user({ id: 301, firstName: 'Анна', lastName: 'Петрова' });
    await student.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    await student.expect('Как вас зовут');
    await student.press('Петрова Анна');
    await student.expect('Согласие на обработку');
    await student.press('Даю согласие');
    const filed = await student.expect('Заявка отправлена');
    expect(filed.text).toContain('Решение примет классный руководитель: Кузнецова Ольга.');

    const card = await teacher.expect('Новая заявка на вступление');
    expect(card.text).toContain('Петрова Анна');
    expect(card.text).toContain('Класс: 5А');
    expect(labels(card)).toEqual(['Принять', 'Отклонить', 'Позже']);
    await h.idle();
    expect(admin.received.some((m) => m.text.includes('Петрова Анна'))).toBe(false);

    await teacher.press('Принять');
    await teacher.expectAnswer();
    expect(teacher.lastSnackbar()).toBe('Заявка принята: Петрова Анна.');
    await student.expect('Ваша заявка принята');
    await h.idle();
    expect(admin.received.some((m) => m.text.includes('Анна Петрова'))).toBe(false);
  });

  it('F08: a request for a class without a class teacher, and a staff-room request, go to the admins; the applicant is told the administration decides', async () => {
    const admin = await school();
    const teacherOfA = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    await apply(302, 'Иван Смирнов', classB);
    const card = await admin.expect('Новая заявка на вступление');
    expect(card.text).toContain('Иван Смирнов');
    expect(card.text).toContain('Класс: 5Б');
    expect(labels(card)).toEqual(['Принять', 'Отклонить', 'Позже']);
    await apply(303, 'Нина Новикова', 'staff', 'teacher');
    const staff = await admin.expect('Нина Новикова');
    expect(staff.text).toContain('Класс: Учительская');
    await h.idle();
    expect(teacherOfA.received.some((m) => m.text.includes('Иван Смирнов') || m.text.includes('Нина Новикова'))).toBe(false);
    const applicant = h.driver.user({ id: 302, firstName: 'Иван', lastName: 'Смирнов' });
    await applicant.say('Когда меня примут?');
    expect((await applicant.expect('Ваша заявка ждёт проверки')).text).toContain('Решение примет администрация школы.');
  });

  it('F08: a class teacher the bot cannot write to (they never wrote to it): the admins get the request at once, and are told why', async () => {
    const admin = await school();
    await verifiedTeacher(h.bot.app.services, 200, 'Кузнецова Ольга');
    await h.bot.app.services.members.assignClassTeacher(ADMIN, classA, vk(200));
    await apply(308, 'Анна Петрова', classA);
    const card = await admin.expect('Новая заявка на вступление');
    expect(card.text).toContain('Анна Петрова');
    const why = await admin.expect('не удалось показать [id200|Кузнецовой Ольге]: она ещё не писала сообществу школы, а ВКонтакте не даёт сообществу писать первым. Попросите её отправить сообществу любое сообщение.');
    expect(why.text).toContain('Анна Петрова, 5А');
  });

  it('F08: a request undecided for REQUEST_ESCALATE_AFTER goes to the admins too; one decided before sends them nothing', async () => {
    const admin = await school({ REQUEST_ESCALATE_AFTER: '3s' });
    const teacher = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    const decided = await apply(304, 'Пётр Решённый', classA);
    const waiting = await apply(305, 'Вера Ждущая', classA);
    await teacher.expect('Пётр Решённый');
    await teacher.expect('Вера Ждущая');
    expect((await h.bot.app.services.requests.approve(vk(teacher.id), decided.id)).ok).toBe(true);

    const escalated = await admin.expect('Вера Ждущая', { timeout: 20_000 });
    expect(escalated.text).toContain('давно ждёт решения классного руководителя');
    expect(labels(escalated)).toEqual(['Принять', 'Отклонить', 'Позже']);
    // The earlier request was due first and was decided: the admin got nothing about it.
    await h.idle();
    expect(admin.received.some((m) => m.text.includes('Пётр Решённый'))).toBe(false);
    // The applicant, writing now, reads that the administration decides too.
    const applicant = h.driver.user({ id: 305, firstName: 'Вера', lastName: 'Ждущая' });
    await applicant.say('Когда меня примут?');
    expect((await applicant.expect('Ваша заявка ждёт проверки')).text).toContain('Решение примет классный руководитель (Кузнецова Ольга) или администрация школы.');
    await admin.press('Принять');
    await admin.expectAnswer();
    expect(await h.bot.app.services.requests.get(waiting.id)).toMatchObject({ status: 'approved', decidedBy: ADMIN });
  });

  it('F08: ten requests at once: cards for the first three, then one summary «Новых заявок» edited as they come and as they are decided; «Показать» opens them five at a time', async () => {
    const admin = await school();
    const teacher = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    const names = ['Первый', 'Второй', 'Третий', 'Четвёртый', 'Пятый', 'Шестой', 'Седьмой', 'Восьмой', 'Девятый', 'Десятый'].map((last) => `Ученик ${last}`);
    for (const [i, name] of names.entries()) await apply(400 + i, name, classA);
    await h.idle();
    const got = teacher.received.slice(1);
    const cards = got.filter((m) => m.text.includes('Новая заявка'));
    expect(cards.map((m) => names.findIndex((n) => m.text.includes(n)))).toEqual([0, 1, 2]);
    const summaries = got.filter((m) => m.text.includes('Новых заявок'));
    expect(summaries).toHaveLength(1);
    const summary = summaries[0]!;
    expect(summary.text).toContain('Новых заявок: 7');
    expect(labels(summary)).toEqual(['Показать']);
    expect(got).toHaveLength(4);
    await teacher.expect((m) => m.cmid === summary.cmid);

    await teacher.press('Показать');
    await teacher.expectAnswer();
    const page: string[] = [];
    for (let i = 0; i < 5; i++) page.push((await teacher.expect('Заявка: ')).text);
    expect(page.map((text) => names.findIndex((n) => text.includes(n)))).toEqual([3, 4, 5, 6, 7]);
    await h.idle();
    const edited = teacher.received.find((m) => m.cmid === summary.cmid)!;
    expect(edited.text).toContain('Новых заявок: 2');
    expect(labels(edited)).toEqual(['Показать']);

    // A stale «Показать» of another generation, or forged under another message, is refused and shows nothing.
    const shownBefore = teacher.received.length;
    expect(await forge(teacher, summary.cmid, { k: 'cb', a: 'req.show', v: '7' })).toBe('Эта сводка устарела. Список заявок — /заявки.');
    expect(await forge(teacher, cards[0]!.cmid, { k: 'cb', a: 'req.show', v: '0' })).toBe('Эта сводка устарела. Список заявок — /заявки.');
    expect(await forge(teacher, summary.cmid, { k: 'cb', a: 'req.show', v: 'x' })).toBe('Кнопка устарела. Откройте последнее сообщение.');
    await h.idle();
    expect(teacher.received).toHaveLength(shownBefore);
    expect(teacher.received.find((m) => m.cmid === summary.cmid)!.text).toContain('Новых заявок: 2');

    // The admin decides one of the two still counted (from /заявки): the summary counts one.
    await admin.say('/заявки');
    await admin.expect('Заявки 1–5 из 10');
    await admin.press('→');
    await admin.expect('Заявки 6–10 из 10');
    await admin.press('Принять');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toBe('Заявка принята: Ученик Десятый.');
    await h.idle();
    expect(teacher.received.find((m) => m.cmid === summary.cmid)!.text).toContain('Новых заявок: 1');

    await teacher.press('Показать');
    await teacher.expectAnswer();
    await teacher.expect('Ученик Девятый');
    await h.idle();
    expect(teacher.received.filter((m) => m.text.includes('Ученик Десятый') && m.text.includes('Заявка: '))).toHaveLength(0);
    const closed = teacher.received.find((m) => m.cmid === summary.cmid)!;
    expect(closed.text).toContain('Новых заявок больше нет');
    expect(closed.keyboard).toBeUndefined();
    // Its button pressed again (the summary is closed): refused, nothing shown twice.
    const before = teacher.received.length;
    expect(await forge(teacher, summary.cmid, { k: 'cb', a: 'req.show', v: '0' })).toBe('Эта сводка устарела. Список заявок — /заявки.');
    await h.idle();
    expect(teacher.received).toHaveLength(before);
  });

  it('F08: «Позже» asks when; the chosen time brings the card back; decided meanwhile, it does not come', async () => {
    await school();
    const teacher = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    const request = await apply(306, 'Анна Петрова', classA);
    await teacher.expect('Анна Петрова');
    await teacher.press('Позже');
    const ask = await teacher.expect('Когда напомнить о заявке (Анна Петрова, 5А)?');
    expect(labels(ask)).toEqual(['Через час', 'Завтра утром', 'Через 3 дня']);
    await teacher.press('Через час');
    await teacher.expectAnswer();
    expect(teacher.lastSnackbar()).toMatch(/^Напомню: /u);
    await h.idle();
    const set = teacher.received.find((m) => m.cmid === ask.cmid)!;
    expect(set.text).toContain('Напомню о заявке (Анна Петрова, 5А):');
    expect(set.keyboard).toBeUndefined();
    expect(await h.bot.app.services.requests.get(request.id)).toMatchObject({ status: 'pending' });

    const [jobId] = await waitingJobs(`req-remind.${request.id}.200.`);
    const at = Number(jobId!.split('.').at(-1));
    expect(at - Date.now()).toBeGreaterThan(55 * 60_000);
    // The hour passes: the job is made due now.
    expect(await h.bot.app.scheduler.reschedule(jobId!, Date.now())).toBe(true);
    const back = await teacher.expect('Вы просили напомнить об этой заявке', { timeout: 15_000 });
    expect(back.text).toContain('Анна Петрова');
    expect(labels(back)).toEqual(['Принять', 'Отклонить', 'Позже']);

    // Postponed again, then decided: the card does not come back.
    await teacher.press('Позже');
    await teacher.expect('Когда напомнить');
    await teacher.press('Через 3 дня');
    await teacher.expectAnswer();
    const [second] = await waitingJobs(`req-remind.${request.id}.200.`);
    expect(Number(second!.split('.').at(-1)) - Date.now()).toBeGreaterThan(71 * 3_600_000);
    expect((await h.bot.app.services.requests.approve(ADMIN, request.id)).ok).toBe(true);
    const count = teacher.received.length;
    expect(await h.bot.app.scheduler.reschedule(second!, Date.now())).toBe(true);
    await jobsDoneBy(h, Date.now());
    expect(await waitingJobs('req-remind.')).toEqual([]);
    expect(teacher.received.slice(count).some((m) => m.text.includes('напомнить'))).toBe(false);
  });

  it('F08: refusals: forged «Позже» times, a class teacher deciding or postponing a request of another class, a stale «Позже»', async () => {
    await school();
    const teacherA = await classTeacher(200, 'Ольга', 'Кузнецова', classA);
    const teacherB = await classTeacher(201, 'Павел', 'Орлов', classB);
    const ofB = await apply(307, 'Борис Бэшкин', classB);
    await teacherB.expect('Борис Бэшкин');
    await h.idle();
    expect(teacherA.received.some((m) => m.text.includes('Борис Бэшкин'))).toBe(false);
    const cmid = teacherA.received.at(-1)!.cmid;
    const denied = 'Вы не можете решать эту заявку.';
    for (const payload of [
      { k: 'cb', a: 'req.ok', id: ofB.id },
      { k: 'cb', a: 'req.no', id: ofB.id },
      { k: 'cb', a: 'req.later', id: ofB.id },
      { k: 'cb', a: 'req.later.at', id: ofB.id, v: 'hour' },
    ]) {
      expect(await forge(teacherA, cmid, payload)).toBe(denied);
    }
    expect(await forge(teacherB, cmid, { k: 'cb', a: 'req.later.at', id: ofB.id, v: 'never' })).toBe('Кнопка устарела. Откройте последнее сообщение.');
    expect(await forge(teacherB, cmid, { k: 'cb', a: 'req.later.at', v: 'hour' })).toBe('Кнопка устарела. Откройте последнее сообщение.');
    expect(await h.bot.app.services.requests.get(ofB.id)).toMatchObject({ status: 'pending' });
    expect(await waitingJobs('req-remind.')).toEqual([]);

    await teacherB.press('Позже');
    await teacherB.expect('Когда напомнить');
    expect((await h.bot.app.services.requests.approve(ADMIN, ofB.id)).ok).toBe(true);
    await teacherB.press('Завтра утром');
    await teacherB.expectAnswer();
    expect(teacherB.lastSnackbar()).toBe('Заявку уже приняла Мария Иванова.');
    expect(await waitingJobs('req-remind.')).toEqual([]);
  });
});
