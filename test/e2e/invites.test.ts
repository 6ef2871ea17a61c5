import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../emulator/driver.js';
import { STAFF_ROOM_ID, type Invite } from '../../src/domain/index.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';

const labels = (m: ReceivedMessage): string[] => m.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('invite links (F05, F11)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const services = () => h.bot.app.services;

  /** A verified teacher who leads `classId`, joined the way the bot lets people in. */
  async function classTeacher(userId: number, classId: string): Promise<void> {
    const s = services();
    const personId = vk(userId);
    const invite = await s.invites.create(ADMIN, { classId: STAFF_ROOM_ID, role: 'teacher' });
    const used = await s.invites.use(invite.id, { personId, name: 'Петрова Анна', consent: true, subjects: ['Математика'] });
    if (!used.ok) throw new Error('teacher invite not used');
    await s.requests.approve(ADMIN, used.request.id);
    await s.members.verifyTeacher(ADMIN, personId);
    await s.members.assignClassTeacher(ADMIN, classId, personId);
  }

  async function latestInvite(): Promise<Invite> {
    const [invite] = await services().invites.listActive();
    if (!invite) throw new Error('no invite stored');
    return invite;
  }

  it('F05: /invite with arguments creates an invite and shows the deep link with the token, the code and the QR picture', async () => {
    await services().classes.create(ADMIN, '5А');
    const admin = h.admin();
    await admin.say('/invite 5А ученик 30 7');
    const card = await admin.expect('Приглашение готово');
    const invite = await latestInvite();
    expect(invite).toMatchObject({ role: 'student', maxUses: 30, uses: 0, createdBy: ADMIN });
    expect(Math.round((invite.expiresAt - invite.createdAt) / 86_400_000)).toBe(7);
    expect(Buffer.from(invite.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(invite.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    expect(card.text).toContain(`https://vk.me/club${h.emulator.groupId}?ref=${invite.token}`);
    expect(card.text).toContain(invite.code);
    expect(card.text).toContain('5А');
    expect(card.attachments).toHaveLength(1);
    expect(card.attachments[0]).toMatch(/^photo-?\d+_\d+/);
    const photoId = Number(/^photo-?\d+_(\d+)/.exec(card.attachments[0]!)![1]);
    const photo = [...h.emulator.state.photos.values()].find((p) => p.id === photoId);
    expect(photo?.width).toBeGreaterThanOrEqual(512);
    expect(labels(card)).toContain('Отправить человеку');
  });

  it('F05: /invite alone opens a builder with buttons for class, role, uses and days', async () => {
    await services().classes.createMany(ADMIN, ['5А', '6Б']);
    const admin = h.admin();
    await admin.say('/invite');
    const classes = await admin.expect('Куда приглашаем');
    expect(labels(classes)).toEqual(['Учительская', '5А', '6Б', 'Отмена']);
    await admin.say('11Я');
    await admin.expect((m) => m.text.includes('Такого класса нет') && m.text.includes('Куда приглашаем'));
    await admin.press('6Б');
    const roles = await admin.expect('Кого приглашаем в 6Б');
    expect(labels(roles)).toEqual(['Ученик', 'Родитель', 'Отмена']);
    await admin.press('Родитель');
    const uses = await admin.expect('Сколько человек');
    expect(labels(uses)).toEqual(['1 человек', '30 человек', '50 человек', 'Отмена']);
    await admin.say('0');
    await admin.expect((m) => m.text.includes('Нужно число от 1 до') && m.text.includes('Сколько человек'));
    await admin.say('', { payload: { k: 'scene', s: 'inv-build', v: 'zzz' } });
    await admin.expect('кнопка устарела');
    await admin.press('30 человек');
    const days = await admin.expect('Сколько дней');
    expect(labels(days)).toEqual(['1 день', '7 дней', '30 дней', 'Отмена']);
    await admin.say('365');
    await admin.expect('Нужно число дней от 1 до 90');
    await admin.say('14');
    const confirm = await admin.expect('Проверьте приглашение');
    expect(confirm.text).toContain('Класс: 6Б');
    expect(confirm.text).toContain('Роль: родитель');
    expect(confirm.text).toContain('Срок: 14 дней');
    await admin.press('Создать');
    const card = await admin.expect('Приглашение готово');
    const invite = await latestInvite();
    expect(invite).toMatchObject({ role: 'parent', maxUses: 30 });
    expect(card.text).toContain(invite.token);
    expect(card.attachments[0]).toMatch(/^photo/);
  });

  it('F05: the staff room takes only teachers, so the builder skips the role', async () => {
    const admin = h.admin();
    await admin.say('/пригласить');
    await admin.expect('Куда приглашаем');
    await admin.press('Учительская');
    await admin.expect('Сколько человек');
    await admin.press('1 человек');
    await admin.expect('Сколько дней');
    await admin.press('30 дней');
    const confirm = await admin.expect('Проверьте приглашение');
    expect(confirm.text).toContain('Роль: учитель');
    await admin.press('Создать');
    await admin.expect('Приглашение готово');
    expect(await latestInvite()).toMatchObject({ role: 'teacher', classId: STAFF_ROOM_ID, maxUses: 1 });
  });

  it('F05: /cancel leaves the builder and nothing is created', async () => {
    const admin = h.admin();
    await admin.say('/invite');
    await admin.expect('Куда приглашаем');
    await admin.press('Учительская');
    await admin.expect('Сколько человек');
    await admin.press('Отмена');
    await admin.expect('Отменено');
    expect(await services().invites.listActive()).toEqual([]);
  });

  it('F05: a student may not invite', async () => {
    const s = services();
    const cls = await s.classes.create(ADMIN, '5А');
    const invite = await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    const used = await s.invites.use(invite.id, { personId: vk(300), name: 'Петров Иван', consent: true });
    if (!used.ok) throw new Error('not used');
    await s.requests.approve(ADMIN, used.request.id);
    const student = h.driver.user({ id: 300, firstName: 'Иван', lastName: 'Петров' });
    await student.say('/invite 5А ученик');
    await student.expect('недоступна');
    await student.say('/invites');
    await student.expect('недоступна');
    await student.say('/revoke unused');
    await student.expect('недоступна');
    expect(await s.invites.listActive()).toHaveLength(1);
  });

  it('F05: a class teacher invites students and parents of their own class only', async () => {
    const s = services();
    const own = await s.classes.create(ADMIN, '5А');
    await s.classes.create(ADMIN, '6Б');
    await classTeacher(200, own.id);
    const teacher = h.driver.user({ id: 200, firstName: 'Анна', lastName: 'Петрова' });
    await teacher.say('/invite');
    const classes = await teacher.expect('Куда приглашаем');
    expect(labels(classes)).toEqual(['5А', 'Отмена']);
    await teacher.press('Отмена');
    await teacher.say('/invite 6Б ученик');
    await teacher.expect('только учеников и родителей своего класса');
    await teacher.say('/invite Учительская учитель');
    await teacher.expect('Учителей в «Учительскую» приглашает администратор');
    await teacher.say('/invite 5А учитель');
    await teacher.expect('Учителей в «Учительскую» приглашает администратор');
    expect(await s.invites.listActive()).toHaveLength(1); // only the teacher's own staff invite made in setup
    await teacher.say('/invite 5А родитель 1 1');
    await teacher.expect('Приглашение готово');
    expect((await s.invites.listActive({ classId: own.id }))[0]).toMatchObject({ role: 'parent', createdBy: vk(200) });
  });

  it('F05: wrong /invite arguments get the format', async () => {
    const admin = h.admin();
    await admin.say('/invite 5А директор');
    await admin.expect('Проще всего отправить просто /пригласить');
    await admin.say('/invite 9Я ученик');
    await admin.expect('Такого класса нет');
    await admin.say('/invite 5А ученик 5000');
    await admin.expect('Проще всего отправить просто /пригласить');
  });

  it('F05 F11: /invites lists active invites with use counts; a revoke button revokes one', async () => {
    const s = services();
    const cls = await s.classes.create(ADMIN, '5А');
    const students = await s.invites.create(ADMIN, { classId: cls.id, role: 'student', maxUses: 30 });
    const parents = await s.invites.create(ADMIN, { classId: cls.id, role: 'parent', maxUses: 10 });
    await s.invites.use(students.id, { personId: vk(301), name: 'Петров Иван', consent: true });
    const admin = h.admin();
    await admin.say('/приглашения');
    const list = await admin.expect('Действующие приглашения: 2');
    expect(list.text).toContain(`код ${students.code} · использовано 1 из 30`);
    expect(list.text).toContain(`код ${parents.code} · использовано 0 из 10`);
    expect(list.keyboard?.inline).toBe(true);
    await admin.press(`Отозвать ${parents.code}`);
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toContain(`${parents.code} отозвано`);
    expect(await s.invites.get(parents.id)).toMatchObject({ revoked: true, revokedBy: ADMIN });
    const edited = admin.received.find((m) => m.cmid === list.cmid);
    expect(edited?.text).toContain('Действующие приглашения: 1');
    expect(edited?.text).not.toContain(parents.code);
  });

  it('F11: /revoke CODE revokes one invite; /revoke unused revokes all that nobody used and says how many', async () => {
    const s = services();
    const cls = await s.classes.create(ADMIN, '5А');
    const a = await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    const b = await s.invites.create(ADMIN, { classId: cls.id, role: 'parent' });
    const c = await s.invites.create(ADMIN, { classId: STAFF_ROOM_ID, role: 'teacher' });
    const used = await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    await s.invites.use(used.id, { personId: vk(302), name: 'Сидоров Пётр', consent: true });
    const admin = h.admin();
    await admin.say(`/revoke ${a.code.toLowerCase()}`);
    await admin.expect(`Приглашение ${a.code} (5А, ученик) отозвано`);
    await admin.say('/revoke ZZZZZZZZ');
    await admin.expect('нет кода ZZZZZZZZ');
    await admin.say('/отозвать неиспользованные');
    await admin.expect('Отозвано 2 неиспользованных приглашения');
    expect((await s.invites.get(b.id))?.revoked).toBe(true);
    expect((await s.invites.get(c.id))?.revoked).toBe(true);
    expect((await s.invites.get(used.id))?.revoked).toBe(false);
    await admin.say('/revoke unused');
    await admin.expect('отзывать нечего');
  });

  it('F11: expired invites drop out of the list by themselves', async () => {
    const s = services();
    const cls = await s.classes.create(ADMIN, '5А');
    await s.invites.create(ADMIN, { classId: cls.id, role: 'student', ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const admin = h.admin();
    await admin.say('/invites');
    await admin.expect('Действующих приглашений нет');
  });

  it('F11: a class teacher revokes unused invites of their own class only', async () => {
    const s = services();
    const own = await s.classes.create(ADMIN, '5А');
    const other = await s.classes.create(ADMIN, '6Б');
    await classTeacher(200, own.id);
    const mine = await s.invites.create(vk(200), { classId: own.id, role: 'student' });
    const theirs = await s.invites.create(ADMIN, { classId: other.id, role: 'student' });
    const teacher = h.driver.user({ id: 200, firstName: 'Анна', lastName: 'Петрова' });
    await teacher.say(`/revoke ${theirs.code}`);
    await teacher.expect(`нет кода ${theirs.code}`);
    await teacher.say('/revoke unused');
    await teacher.expect('Отозвано 1 неиспользованное приглашение');
    expect((await s.invites.get(mine.id))?.revoked).toBe(true);
    expect((await s.invites.get(theirs.id))?.revoked).toBe(false);
  });

  it('F05: «Отправить человеку» sends the invite with its QR code to a VK user', async () => {
    const friend = h.driver.user({ id: 400, firstName: 'Ольга', lastName: 'Смирнова', allowsMessages: true });
    const admin = h.admin();
    await admin.say('/invite Учительская учитель 1 7');
    await admin.expect('Приглашение готово');
    const invite = await latestInvite();
    await admin.press('Отправить человеку');
    await admin.expect('Кому отправить приглашение');
    await admin.say('кому-нибудь');
    await admin.expect('Не нашёл такую страницу');
    await admin.say('[id400|Ольга]');
    await admin.expect(`Приглашение ${invite.code} отправлено [id400|Ольге Смирновой]. Когда она подаст заявку`);
    const got = await friend.expect('Вас приглашают');
    expect(got.text).toContain(`ref=${invite.token}`);
    expect(got.text).toContain(`/вступить ${invite.code}`);
    expect(got.attachments[0]).toMatch(/^photo/);
    // A man: the name declined and «он».
    h.driver.user({ id: 401, firstName: 'Олег', lastName: 'Смирнов', allowsMessages: true });
    await admin.say(`/sendinvite ${invite.code} https://vk.com/id401`);
    await admin.expect(`Приглашение ${invite.code} отправлено [id401|Олегу Смирнову]. Когда он подаст заявку, вам придёт уведомление.`);
  });

  it('F05: /sendinvite to someone who never wrote to the community tells the admin plainly what to do (901)', async () => {
    h.emulator.addUser({ id: 777, firstName: 'Олег', lastName: 'Новиков', allowsMessages: false });
    const admin = h.admin();
    await admin.say('/invite Учительская учитель 1 7');
    await admin.expect('Приглашение готово');
    const invite = await latestInvite();
    await admin.say(`/sendinvite ${invite.code} https://vk.com/id777`);
    const refusal = await admin.expect('[id777|Олег Новиков] ещё не писал сообществу');
    expect(refusal.text).toContain('попросите человека написать сообществу');
    expect(refusal.text).toContain(invite.token);
    expect(h.emulator.sentTo(777)).toEqual([]);
    await admin.say(`/sendinvite ${invite.code} id999999`);
    await admin.expect('Не нашёл такую страницу');
  });

  it('F05 F11: /invites pages through many invites; revoking the last one empties the list', async () => {
    const s = services();
    const cls = await s.classes.create(ADMIN, '5А');
    for (let i = 0; i < 7; i++) await s.invites.create(ADMIN, { classId: cls.id, role: 'student' });
    const admin = h.admin();
    await admin.say('/invites');
    const first = await admin.expect('страница 1 из 2');
    expect(labels(first).filter((l) => /^Отозвать [A-Z0-9]{8}$/.test(l))).toHaveLength(6);
    await admin.press('Дальше »');
    await admin.expectEdit('страница 2 из 2');
    await s.invites.revokeAllUnused(ADMIN);
    const [last] = await s.invites.listActive();
    expect(last).toBeUndefined();
    const one = await s.invites.create(ADMIN, { classId: cls.id, role: 'parent' });
    await admin.say('/invites');
    await admin.expect('Действующие приглашения: 1');
    await admin.press(`Отозвать ${one.code}`);
    await admin.expectEdit('Действующих приглашений нет');
  });

  it('F11: a forged revoke button for another class is refused', async () => {
    const s = services();
    const own = await s.classes.create(ADMIN, '5А');
    const other = await s.classes.create(ADMIN, '6Б');
    await classTeacher(200, own.id);
    await s.invites.create(vk(200), { classId: own.id, role: 'student' });
    const theirs = await s.invites.create(ADMIN, { classId: other.id, role: 'student' });
    const teacher = h.driver.user({ id: 200, firstName: 'Анна', lastName: 'Петрова' });
    await teacher.say('/invites');
    const list = await teacher.expect('Действующие приглашения: 1');
    expect(list.text).not.toContain(theirs.code);
    const eventId = h.emulator.messageEvent(200, 200, list.cmid, { k: 'cb', a: 'inv.revoke', id: theirs.id, v: '0' });
    await teacher.expectAnswer(eventId);
    expect(teacher.lastSnackbar()).toBe('Это действие вам недоступно.');
    expect((await s.invites.get(theirs.id))?.revoked).toBe(false);
  });
});
