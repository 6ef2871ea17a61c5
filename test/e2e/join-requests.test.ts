import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { announceJoinRequest } from '../../src/features/join-requests/review-notices.js';
import { STAFF_ROOM_ID, type InviteRole, type JoinRequest } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs } from '../helpers/school-people.js';

const labels = (message: ReceivedMessage): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];
const nameOf = (user: DriverUser): string => `${user.user.firstName} ${user.user.lastName}`.trim();

describe('join requests (F08)', () => {
  let h: Harness;
  let classId: string;

  beforeEach(async () => {
    h = await Harness.start({ env: { ADMIN_VK_IDS: '100,101' } });
    const [created] = await h.bot.app.services.classes.createMany(ADMIN, ['5А']);
    if (created?.status !== 'created') throw new Error('class not created');
    classId = created.classGroup.id;
  });
  afterEach(() => h.close());

  /** Files a request through an invite, as the onboarding dialog does. */
  async function file(user: DriverUser, role: InviteRole, extra: { childName?: string; subjects?: string[] } = {}): Promise<JoinRequest> {
    const services = h.bot.app.services;
    const invite = await services.invites.create(ADMIN, { classId: role === 'teacher' ? STAFF_ROOM_ID : classId, role });
    const used = await services.invites.use(invite.id, { personId: vk(user.id), name: nameOf(user), consent: true, ...extra });
    if (!used.ok) throw new Error(`invite not used: ${used.reason}`);
    return used.request;
  }

  /** Files and announces a request; the applicant has written to the bot first. */
  async function apply(user: DriverUser, role: InviteRole, extra: { childName?: string; subjects?: string[] } = {}): Promise<JoinRequest> {
    await user.say('/start');
    await user.nextMessage();
    const request = await file(user, role, extra);
    await announceJoinRequest(h.bot.app, request);
    return request;
  }

  /** A verified teacher leading class 5А, who has written to the bot. */
  async function classTeacher(): Promise<DriverUser> {
    const teacher = h.driver.user({ id: 200, firstName: 'Ольга', lastName: 'Кузнецова' });
    await teacher.say('/start');
    await teacher.nextMessage();
    const services = h.bot.app.services;
    const request = await file(teacher, 'teacher', { subjects: ['Математика'] });
    await services.requests.approve(ADMIN, request.id);
    await services.members.verifyTeacher(ADMIN, vk(teacher.id));
    await services.members.assignClassTeacher(ADMIN, classId, vk(teacher.id));
    return teacher;
  }

  /** Presses a callback button on a message the person does not have a button for (a forged or stale press). */
  async function forge(user: DriverUser, cmid: number, payload: Record<string, unknown>): Promise<string | undefined> {
    const eventId = h.emulator.messageEvent(user.id, user.id, cmid, payload);
    const answer = await user.expectAnswer(eventId);
    return answer?.text as string | undefined;
  }

  async function admins(): Promise<[DriverUser, DriverUser]> {
    const first = h.admin();
    const second = h.driver.user({ id: 101, firstName: 'Олег', lastName: 'Смирнов' });
    for (const admin of [first, second]) {
      await admin.say('/help');
      await admin.expect('Ваши роли');
    }
    return [first, second];
  }

  it('F08: every reviewer gets the request with buttons; «Позже» keeps it; approval edits every copy and welcomes the student', async () => {
    const [admin, admin2] = await admins();
    const anna = h.driver.user({ id: 301, firstName: 'Анна', lastName: 'Петрова' });
    const request = await apply(anna, 'student');

    const notice = await admin.expect('Новая заявка на вступление');
    expect(notice.text).toContain('Кто: [id301|Анна Петрова]');
    expect(notice.text).toContain('Роль: ученик');
    expect(notice.text).toContain('Класс: 5А');
    expect(notice.text).toMatch(/Подана: \d{1,2} \S+ \d{4} г\., \d\d:\d\d/);
    expect(notice.keyboard?.inline).toBe(true);
    expect(labels(notice)).toEqual(['Принять', 'Отклонить', 'Позже']);
    const second = await admin2.expect('Новая заявка на вступление');
    expect(second.text).toContain('[id301|Анна Петрова]');

    await admin.press('Позже');
    const when = await admin.expect('Когда напомнить о заявке');
    expect(labels(when)).toEqual(['Через час', 'Завтра утром', 'Через 3 дня']);
    expect((await h.bot.app.services.requests.get(request.id))?.status).toBe('pending');
    await h.idle();
    expect(admin.received.find((m) => m.cmid === notice.cmid)?.edited).toBe(false);

    await admin.press('Принять');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toBe('Заявка принята: Анна Петрова.');
    const welcome = await anna.expect('Ваша заявка принята');
    expect(welcome.text).toContain('Класс: 5А');
    expect(welcome.text).toContain('Роль: ученик');
    expect(welcome.text).toContain('Что вы теперь можете');
    // The student's own commands by their Russian names, without what everyone has; where the rest is, last.
    expect(welcome.text).toContain('/чаты — учебные чаты и ссылки на них\n');
    expect(welcome.text).toContain('/вопрос — ');
    expect(welcome.text).not.toMatch(/\/(start|help|chats|join|начать|вступить) /u);
    expect(welcome.text.trim().split('\n').at(-1)).toBe('Все команды и помощь по темам — /помощь, главное меню с кнопками — /меню.');
    // Children's consents are no student's business: not in the list, and the command is not theirs.
    expect(welcome.text).not.toContain('/согласие');
    await anna.say('/согласие');
    await anna.expect('Эта команда вам недоступна');

    for (const [user, cmid] of [[admin, notice.cmid], [admin2, second.cmid]] as const) {
      const edited = user.received.find((m) => m.cmid === cmid);
      expect(edited?.edited).toBe(true);
      expect(edited?.text).toContain('✅ Принята. Решение: Мария Иванова');
      expect(edited?.text).toContain('[id301|Анна Петрова]');
      expect(edited?.keyboard).toBeUndefined();
    }
    const stored = await h.bot.app.services.requests.get(request.id);
    expect(stored).toMatchObject({ status: 'approved', decidedBy: ADMIN });
    const member = await h.bot.app.services.members.get(vk(anna.id));
    expect(member?.roles).toContain('student');
    expect(member?.classIds).toContain(classId);
  });

  it('F08: a parent request shows the child; «Отклонить» asks a reason, re-prompts bad input, and tells the applicant', async () => {
    const [admin] = await admins();
    const parent = h.driver.user({ id: 302, firstName: 'Ирина', lastName: 'Соколова' });
    const request = await apply(parent, 'parent', { childName: 'Соколов Миша' });
    const notice = await admin.expect('Новая заявка');
    expect(notice.text).toContain('Роль: родитель');
    expect(notice.text).toContain('Ребёнок: Соколов Миша');

    await admin.press('Отклонить');
    const ask = await admin.expect('Почему отклоняете заявку');
    expect(ask.text).toContain('Ирина Соколова (5А)');
    expect(labels(ask)).toEqual(['Без причины', 'Отмена']);
    await admin.say('   ');
    await admin.expect((m) => m.text.includes('Ответ пустой') && m.text.includes('Почему отклоняете'));
    await admin.say('x'.repeat(501));
    await admin.expect((m) => m.text.includes('не больше 500 символов') && m.text.includes('Почему отклоняете'));
    await admin.say('/requests');
    await admin.expect('а не команда');
    await admin.say('', { payload: { k: 'scene', s: 'other', v: 'x' } });
    await admin.expect('кнопка устарела');
    expect((await h.bot.app.services.requests.get(request.id))?.status).toBe('pending');

    await admin.say('Ребёнка нет в списках класса');
    await admin.expect('Заявка отклонена: Ирина Соколова');
    const refusal = await parent.expect('отклонена');
    expect(refusal.text).toContain('класс 5А, роль: родитель');
    expect(refusal.text).toContain('Причина: Ребёнка нет в списках класса');
    expect(refusal.text).toContain('Если это ошибка, напишите [id100|Марии Ивановой] или');
    const edited = admin.received.find((m) => m.cmid === notice.cmid);
    expect(edited?.text).toContain('❌ Отклонена. Решение: Мария Иванова');
    expect(edited?.text).toContain('Причина: Ребёнка нет в списках класса');
    expect(edited?.keyboard).toBeUndefined();
    expect(await h.bot.app.services.requests.get(request.id)).toMatchObject({ status: 'rejected', decidedBy: ADMIN, reason: 'Ребёнка нет в списках класса' });
    expect(await h.bot.app.services.members.get(vk(parent.id))).toBeUndefined();
  });

  it('F08: «Без причины» rejects with no reason; /отмена leaves the request pending', async () => {
    const [admin] = await admins();
    const petya = h.driver.user({ id: 303, firstName: 'Пётр', lastName: 'Орлов' });
    const request = await apply(petya, 'student');
    await admin.expect('Новая заявка');
    // Another dialog is open: the reason is not asked until it is finished or cancelled.
    await admin.say('/school');
    await admin.expect('Полное наименование');
    await admin.press('Отклонить');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toBe('Сначала закончите текущий диалог или отправьте /отмена.');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    await admin.press('Отклонить');
    await admin.expect('Почему отклоняете');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    expect((await h.bot.app.services.requests.get(request.id))?.status).toBe('pending');

    await admin.press('Отклонить');
    await admin.expect('Почему отклоняете');
    await admin.press('Без причины');
    await admin.expect('Заявка отклонена: Пётр Орлов');
    const refusal = await petya.expect('отклонена');
    expect(refusal.text).not.toContain('Причина');
    const stored = await h.bot.app.services.requests.get(request.id);
    expect(stored).toMatchObject({ status: 'rejected', decidedBy: ADMIN });
    expect(stored && 'reason' in stored ? stored.reason : undefined).toBeUndefined();
  });

  it('F08: two reviewers pressing «Принять» at the same moment: exactly one decision, the other is told who decided', async () => {
    const [admin, admin2] = await admins();
    const anna = h.driver.user({ id: 301, firstName: 'Анна', lastName: 'Петрова' });
    const request = await apply(anna, 'student');
    await admin.expect('Новая заявка');
    await admin2.expect('Новая заявка');

    const [first, second] = await Promise.all([admin.press('Принять'), admin2.press('Принять')]);
    const answers = [await admin.expectAnswer(first.eventId), await admin2.expectAnswer(second.eventId)].map((a) => String(a?.text));
    const stored = await h.bot.app.services.requests.get(request.id);
    expect(stored?.status).toBe('approved');
    const winner = stored?.status === 'approved' ? stored.decidedBy : undefined;
    const [won, lost] = winner === ADMIN ? answers : [answers[1]!, answers[0]!];
    expect(won).toBe('Заявка принята: Анна Петрова.');
    expect(lost).toBe(`Заявку уже ${winner === ADMIN ? 'приняла Мария Иванова' : 'принял Олег Смирнов'}.`);
    const decisions = (await h.bot.app.services.audit.recent(50)).filter((e) => e.action === 'request.approved' && e.target.requestId === request.id);
    expect(decisions).toHaveLength(1);
    await anna.expect('Ваша заявка принята');
    await h.idle();
    expect(anna.received.filter((m) => m.text.includes('Ваша заявка принята'))).toHaveLength(1);
  });

  it('F08: refusals: a forged press by a non-reviewer, a class teacher on a teacher request, and a stale button after the decision', async () => {
    const [admin] = await admins();
    const teacher = await classTeacher();
    const stranger = h.driver.user({ id: 400, firstName: 'Иван', lastName: 'Чужой' });
    await stranger.say('/start');
    const strangerMessage = await stranger.nextMessage();
    const candidate = h.driver.user({ id: 304, firstName: 'Сергей', lastName: 'Лебедев' });
    const teacherRequest = await apply(candidate, 'teacher', { subjects: ['Физика'] });
    const notice = await admin.expect('Новая заявка');
    expect(notice.text).toContain('Роль: учитель');
    expect(notice.text).toContain('Класс: Учительская');
    expect(notice.text).toContain('Предметы: Физика');

    // The class teacher is no reviewer of teacher requests: no notice, and a forged button is refused.
    await h.idle();
    expect(teacher.received.some((m) => m.text.includes('Сергей Лебедев'))).toBe(false);
    const teacherCmid = teacher.received.at(-1)!.cmid;
    expect(await forge(teacher, teacherCmid, { k: 'cb', a: 'req.ok', id: teacherRequest.id })).toBe('Вы не можете решать эту заявку.');
    expect(await forge(teacher, teacherCmid, { k: 'cb', a: 'req.no', id: teacherRequest.id })).toBe('Вы не можете решать эту заявку.');
    expect(await forge(stranger, strangerMessage.cmid, { k: 'cb', a: 'req.ok', id: teacherRequest.id })).toBe('Вы не можете решать эту заявку.');
    expect(await forge(stranger, strangerMessage.cmid, { k: 'cb', a: 'req.later', id: teacherRequest.id })).toBe('Вы не можете решать эту заявку.');
    expect(await forge(stranger, strangerMessage.cmid, { k: 'cb', a: 'req.ok', id: '99999' })).toBe('Такой заявки нет. Список заявок — /заявки.');
    expect((await h.bot.app.services.requests.get(teacherRequest.id))?.status).toBe('pending');
    await h.idle();
    expect(stranger.received.find((m) => m.cmid === strangerMessage.cmid)?.edited).toBe(false);

    // A student request goes to the class teacher alone, who approves; the admin's buttons for it are stale.
    const anna = h.driver.user({ id: 301, firstName: 'Анна', lastName: 'Петрова' });
    const studentRequest = await apply(anna, 'student');
    const card = await teacher.expect('Анна Петрова');
    await teacher.press('Принять');
    await teacher.expectAnswer();
    await anna.expect('Ваша заявка принята');
    const edited = teacher.received.find((m) => m.cmid === card.cmid);
    expect(edited?.text).toContain('Принята. Решение: Ольга Кузнецова');
    expect(edited?.keyboard).toBeUndefined();
    expect(admin.received.some((m) => m.text.includes('Анна Петрова'))).toBe(false);
    for (const a of ['req.ok', 'req.no', 'req.later', 'req.later.at']) {
      expect(await forge(admin, notice.cmid, { k: 'cb', a, id: studentRequest.id, v: 'hour' })).toBe('Заявку уже приняла Ольга Кузнецова.');
    }
    expect(await h.bot.app.services.requests.get(studentRequest.id)).toMatchObject({ status: 'approved', decidedBy: vk(teacher.id) });
  });

  it('F08: /requests pages five at a time with «←» and «→»; a class teacher sees only their class; a student may not', async () => {
    const [admin] = await admins();
    const teacher = await classTeacher();
    const ordinal = ['Первый', 'Второй', 'Третий', 'Четвёртый', 'Пятый', 'Шестой'];
    const people = ordinal.map((lastName, i) => h.driver.user({ id: 500 + i, firstName: 'Ученик', lastName }));
    for (const person of people) await file(person, 'student');
    const newTeacher = h.driver.user({ id: 510, firstName: 'Нина', lastName: 'Новикова' });
    await file(newTeacher, 'teacher', { subjects: ['Химия'] });

    await admin.say('/заявки');
    for (let i = 1; i <= 5; i++) {
      const card = await admin.expect('Заявка: ');
      expect(card.text).toContain(`Ученик ${ordinal[i - 1]}`);
      expect(labels(card)).toEqual(['Принять', 'Отклонить']);
    }
    const nav = await admin.expect('Заявки 1–5 из 7');
    expect(nav.text).toContain('страница 1 из 2');
    expect(labels(nav)).toEqual(['→']);
    await admin.press('→');
    await admin.expect('Ученик Шестой');
    await admin.expect('Нина Новикова');
    const last = await admin.expect('Заявки 6–7 из 7');
    expect(labels(last)).toEqual(['←']);
    await admin.press('←');
    await admin.expect('Ученик Первый');
    await admin.expect('Заявки 1–5 из 7');

    await teacher.say('/requests');
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) lines.push((await teacher.expect('Заявка: ')).text);
    expect(lines.join('\n')).not.toContain('Нина Новикова');
    await teacher.expect('Заявки 1–5 из 6');

    const student = people[0]!;
    await h.bot.app.services.requests.approve(ADMIN, (await h.bot.app.services.requests.listPending(ADMIN)).items[0]!.id);
    await student.say('/requests');
    await student.expect('недоступна');
  });

  it('F08: with no pending requests /requests says so; a stranger may not use it', async () => {
    const [admin] = await admins();
    await admin.say('/requests');
    await admin.expect('Заявок на рассмотрении нет');
    const stranger = h.driver.user({ id: 401, firstName: 'Пётр', lastName: 'Сидоров' });
    await stranger.say('/заявки');
    await stranger.expect('недоступна');
  });


  describe('of parents linked to their children (F08)', () => {
    /** A person who has written to the bot, with a request filed through an invite of 5А and announced. */
    async function apply(user: DriverUser, role: 'student' | 'parent', childName?: string): Promise<JoinRequest> {
      await user.say('/start');
      await user.nextMessage();
      const services = h.bot.app.services;
      const invite = await services.invites.create(ADMIN, { classId, role });
      const used = await services.invites.use(invite.id, { personId: vk(user.id), name: nameOf(user), consent: true, ...(childName ? { childName } : {}) });
      if (!used.ok) throw new Error(`invite not used: ${used.reason}`);
      await announceJoinRequest(h.bot.app, used.request);
      return used.request;
    }

    /** A student of 5А, approved without notices. */
    async function student(id: number, firstName: string, lastName: string): Promise<DriverUser> {
      const user = h.driver.user({ id, firstName, lastName });
      const services = h.bot.app.services;
      const invite = await services.invites.create(ADMIN, { classId, role: 'student' });
      const used = await services.invites.use(invite.id, { personId: vk(id), name: nameOf(user), consent: true });
      if (!used.ok) throw new Error('not filed');
      await services.requests.approve(ADMIN, used.request.id);
      return user;
    }

    async function admin(): Promise<DriverUser> {
      const first = h.admin();
      await first.say('/help');
      await first.expect('Ваши роли');
      return first;
    }

    const childrenOf = async (parentId: number) =>
      (await h.bot.app.services.members.roster(ADMIN, classId)).parents.find((p) => p.member.personId === vk(parentId))?.children;

    it('F08: approving a parent links them to the student of that name; the reviewers’ copies name the child found', async () => {
      const reviewer = await admin();
      await student(301, 'Анна', 'Петрова');
      const parent = h.driver.user({ id: 302, firstName: 'Ирина', lastName: 'Петрова' });
      await apply(parent, 'parent', 'петрова анна');
      const notice = await reviewer.expect('Новая заявка на вступление');
      expect(notice.text).toContain('Ребёнок: петрова анна');
      await reviewer.press('Принять');
      await reviewer.expectAnswer();
      expect(reviewer.lastSnackbar()).toBe('Заявка принята: Ирина Петрова.');
      const edited = reviewer.received.find((m) => m.cmid === notice.cmid);
      expect(edited?.text).toContain('✅ Принята. Решение: Мария Иванова');
      expect(edited?.text).toContain('👪 Ребёнок «петрова анна» найден: [id301|Анна Петрова].');
      await parent.expect('Ваша заявка принята');
      expect(await childrenOf(302)).toEqual([{ childName: 'петрова анна', childId: vk(301) }]);
      const linked = (await h.bot.app.services.audit.recent(5)).find((e) => e.action === 'family.child_linked');
      expect(linked).toMatchObject({ actor: ADMIN, target: { personId: vk(302), classId }, details: { childId: vk(301) } });
    });

    it('F08: a child not found: the reviewers are told how to link; a student who joins later is linked and the parent told', async () => {
      const reviewer = await admin();
      const parent = h.driver.user({ id: 302, firstName: 'Ирина', lastName: 'Соколова' });
      await apply(parent, 'parent', 'Соколов Миша');
      const notice = await reviewer.expect('Новая заявка на вступление');
      await reviewer.press('Принять');
      await reviewer.expectAnswer();
      const edited = reviewer.received.find((m) => m.cmid === notice.cmid);
      expect(edited?.text).toContain('⚠️ Ребёнка «Соколов Миша» нет среди учеников 5А — родитель пока связан только по имени.');
      expect(edited?.text).toContain('/связать [id302|');
      expect(await childrenOf(302)).toEqual([{ childName: 'Соколов Миша' }]);

      const misha = h.driver.user({ id: 303, firstName: 'Миша', lastName: 'Соколов' });
      await apply(misha, 'student');
      const second = await reviewer.expect('[id303|Миша Соколов]');
      await reviewer.press('Принять');
      await reviewer.expectAnswer();
      const approved = reviewer.received.find((m) => m.cmid === second.cmid);
      expect(approved?.text).toContain('👪 Связан с родителем: [id302|Ирина Соколова].');
      await misha.expect('Ваша заявка принята');
      await parent.expect('Миша Соколов вступил в класс 5А — вы связаны с ним как родитель.');
      expect(await childrenOf(302)).toEqual([{ childName: 'Соколов Миша', childId: vk(303) }]);
    });

    it('F08: namesakes: the class teacher picks the child with /linkchild buttons; the parent is told; refusals', async () => {
      const services = h.bot.app.services;
      const teacher = h.driver.user({ id: 200, firstName: 'Ольга', lastName: 'Кузнецова' });
      await teacher.say('/start');
      await teacher.nextMessage();
      await joinAs(services, 'teacher', 'staff', 200, 'Кузнецова Ольга');
      await services.members.verifyTeacher(ADMIN, vk(200));
      await services.members.assignClassTeacher(ADMIN, classId, vk(200));
      const first = await student(304, 'Иван', 'Орлов');
      await student(305, 'Иван', 'Орлов');
      const parent = h.driver.user({ id: 306, firstName: 'Анна', lastName: 'Орлова' });
      const request = await apply(parent, 'parent', 'Орлов Иван');
      const notice = await teacher.expect('Новая заявка на вступление');
      await teacher.press('Принять');
      await teacher.expectAnswer();
      const edited = teacher.received.find((m) => m.cmid === notice.cmid);
      expect(edited?.text).toContain('⚠️ Учеников с именем «Орлов Иван» в 5А несколько — ребёнок не выбран.');
      expect(await services.requests.get(request.id)).toMatchObject({ status: 'approved', decidedBy: vk(200) });

      await teacher.say('/linkchild');
      await teacher.expect('Какого родителя связать с ребёнком?');
      await teacher.say('/связать Анна');
      await teacher.expect('Кто ребёнок [id306|Анны Орловой]?');
      await teacher.say('/linkchild 306 999');
      await teacher.expect('Этого человека нет среди участников школы.');
      await teacher.say('/linkchild 304 305');
      await teacher.expect('Этот человек — не родитель в этом классе');
      await teacher.say('/linkchild 306 200');
      await teacher.expect('Этот человек — не ученик');

      await teacher.say('/linkchild 306');
      const pick = await teacher.expect('Кто ребёнок [id306|Анны Орловой]? В заявке ребёнок назван так: Орлов Иван.');
      expect(labels(pick)).toEqual(['Иван Орлов (5А)', 'Иван Орлов (5А)', 'Отмена']);
      await teacher.press('Иван Орлов (5А)');
      await teacher.expect('Готово: [id306|Анна Орлова] связана с учеником [id304|Иваном Орловым] (5А).');
      await parent.expect('Вы связаны как родитель с учеником Иваном Орловым (5А).');
      expect(await childrenOf(306)).toEqual([{ childName: 'Орлов Иван', childId: vk(304) }]);
      await teacher.say('/linkchild 306 304');
      await teacher.expect('[id306|Анна Орлова] уже связана с учеником [id304|Иваном Орловым] (5А).');
      const audit = (await services.audit.recent(3)).find((e) => e.action === 'family.child_linked');
      expect(audit).toMatchObject({ actor: vk(200), target: { personId: vk(306), classId }, details: { childId: vk(304), how: 'hand' } });

      // A student may not link; a class teacher of another class may not link in 5А.
      await first.say('/linkchild 306 305');
      await first.expect('Эта команда вам недоступна');
      await services.classes.create(ADMIN, '6А');
      const other = h.driver.user({ id: 201, firstName: 'Нина', lastName: 'Новикова' });
      await joinAs(services, 'teacher', 'staff', 201, 'Новикова Нина');
      await services.members.verifyTeacher(ADMIN, vk(201));
      await services.members.assignClassTeacher(ADMIN, (await services.classes.findByName('6А'))!.id, vk(201));
      await other.say('/linkchild 306 305');
      await other.expect('У вас нет прав на это действие.');
      expect(await childrenOf(306)).toEqual([{ childName: 'Орлов Иван', childId: vk(304) }]);
    });

    it('F08: a parent of two children in one class files a second request for the other child; the same child again is refused', async () => {
      const reviewer = await admin();
      await student(301, 'Олег', 'Кузнецов');
      await student(303, 'Мария', 'Кузнецова');
      const parent = h.driver.user({ id: 302, firstName: 'Вера', lastName: 'Кузнецова' });
      await apply(parent, 'parent', 'Кузнецов Олег');
      await reviewer.expect('Ребёнок: Кузнецов Олег');
      await reviewer.press('Принять');
      await reviewer.expectAnswer();
      await parent.expect('Ваша заявка принята');

      const services = h.bot.app.services;
      const invite = await services.invites.create(ADMIN, { classId, role: 'parent' });
      const same = await services.invites.use(invite.id, { personId: vk(302), name: 'Вера Кузнецова', consent: true, childName: 'олег кузнецов' });
      expect(same).toEqual({ ok: false, reason: 'already_member' });
      const second = await apply(parent, 'parent', 'Кузнецова Мария');
      const notice = await reviewer.expect('Ребёнок: Кузнецова Мария');
      expect(notice.text).toContain('Заявка: ');
      expect(notice.text).not.toContain(second.id);
      await reviewer.press('Принять');
      await reviewer.expectAnswer();
      const edited = reviewer.received.find((m) => m.cmid === notice.cmid);
      expect(edited?.text).toContain('👪 Ребёнок «Кузнецова Мария» найден: [id303|Мария Кузнецова].');
      await parent.expect('Ваша заявка принята');
      expect(await childrenOf(302)).toEqual([
        { childName: 'Кузнецов Олег', childId: vk(301) },
        { childName: 'Кузнецова Мария', childId: vk(303) },
      ]);
      expect((await services.members.get(vk(302)))?.classIds).toEqual([classId]);
    });
  });
});
