import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DriverUser, ReceivedMessage } from '../../emulator/driver.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { CONSENT_TEXT_VERSION } from '../../src/domain/index.js';
import { schoolKeys } from '../../src/domain/keys.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { PROFILE } from '../helpers/school-profile.js';
import { verifiedTeacher } from '../helpers/school-people.js';

const labels = (m: ReceivedMessage): string[] => m.keyboard?.buttons.flat().map((b) => b.label) ?? [];
const CONSENT_LINK = /https:\/\/vk\.me\/club\d+\?ref=[\w%-]+&ref_source=consent/u;

/** The consent link in a message to the student. */
function linkIn(message: ReceivedMessage): string {
  const link = CONSENT_LINK.exec(message.text)?.[0];
  if (!link) throw new Error(`no consent link in: ${message.text}`);
  return link;
}

describe('consent of a parent for a young student (152-ФЗ)', () => {
  let h: Harness;
  let c5: string;
  let c10: string;
  beforeEach(async () => {
    h = await Harness.start();
    await h.bot.app.school.save(PROFILE, ADMIN);
    c5 = (await h.bot.app.services.classes.create(ADMIN, '5А')).id;
    c10 = (await h.bot.app.services.classes.create(ADMIN, '10А')).id;
  });
  afterEach(() => h.close());

  const services = () => h.bot.app.services;
  const keys = () => schoolKeys(h.config.REDIS_PREFIX, h.config.SCHOOL_ID);

  /** The admin has written to the bot once, so VK lets the bot notify them. */
  async function adminReachable(): Promise<DriverUser> {
    const admin = h.admin();
    await admin.say('/help');
    await admin.expect('Ваши роли');
    return admin;
  }

  /** A student opens the class invite, confirms, takes the VK name; returns the message that ends onboarding. */
  async function onboard(student: DriverUser, classId: string): Promise<ReceivedMessage> {
    const invite = await services().invites.create(ADMIN, { classId, role: 'student' });
    await student.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await student.expect('Вас приглашают');
    await student.press('Да, всё верно');
    const ask = await student.expect('Как вас зовут');
    await student.press(labels(ask)[0]!);
    return student.nextMessage();
  }

  /** A 5А student onboards; returns the link for the parent and the request id. */
  async function youngStudent(student: DriverUser): Promise<{ link: string; requestId: string }> {
    const waiting = await onboard(student, c5);
    expect(waiting.text).toContain('ждёт согласия родителя');
    const [request] = await services().consent.waiting();
    return { link: linkIn(waiting), requestId: request!.id };
  }

  /** The parent opens the link, names themself and reaches the consent text. */
  async function parentReadsConsent(parent: DriverUser, link: string): Promise<ReceivedMessage> {
    await parent.openLink(link);
    await parent.expect('Вас просят дать согласие');
    await parent.say('Петрова Ольга Николаевна');
    return parent.expect('Согласие родителя на обработку персональных данных ребёнка');
  }

  const hasCardOf = (requestId: string) => (m: ReceivedMessage) => m.keyboard?.buttons.flat().some((b) => (b.payload ?? '').includes(`"id":"${requestId}"`)) ?? false;

  it('a 5А student onboards with no consent step of their own: the request waits for a parent, the student gets a link, reviewers get nothing yet', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const waiting = await onboard(student, c5);
    expect(waiting.text).toContain('Заявка сохранена и ждёт согласия родителя');
    expect(waiting.text).toContain('ученика 5А даёт родитель');
    expect(waiting.text).toMatch(CONSENT_LINK);
    expect(waiting.text).toContain('/согласие');
    expect(student.received.some((m) => m.text.includes('Согласие на обработку персональных данных'))).toBe(false);
    expect(student.received.some((m) => labels(m).includes('Согласен(на)'))).toBe(false);
    const [request] = await services().consent.waiting();
    expect(request?.applicant).toMatchObject({ personId: vk(500), role: 'student', name: 'Петров Иван', classId: c5 });
    expect(request?.awaitingConsent).toBe(true);
    expect((await services().requests.listPending('system')).items).toEqual([]);
    expect(await services().requests.approve(ADMIN, request!.id)).toEqual({ ok: false, reason: 'awaiting_consent' });
    await h.idle();
    expect(admin.received.some(hasCardOf(request!.id))).toBe(false);
    // Whatever the student writes, they learn the request waits for a parent.
    await student.say('привет');
    const pending = await student.expect('Ждёт согласия родителя');
    expect(pending.text).toContain('Класс: 5А');
    // The student asks again: a new link, the old one stops working.
    await student.say('/согласие');
    const fresh = await student.expect('Новая ссылка для родителя');
    expect(linkIn(fresh)).not.toBe(linkIn(waiting));
    const stranger = h.driver.user({ id: 610, firstName: 'Пётр', lastName: 'Сидоров' });
    await stranger.openLink(linkIn(waiting));
    await stranger.expect('Эта ссылка для согласия не работает');
  });

  it('the parent opens the link as another user, confirms who they are and consents: the reviewer gets the card, the student is told, the parent is linked on approval', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { link, requestId } = await youngStudent(student);
    const parent = h.driver.user({ id: 601, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.openLink(link);
    const intro = await parent.expect('Вас просят дать согласие');
    expect(intro.text).toContain('Ребёнок: Петров Иван');
    expect(intro.text).toContain('Класс: 5А');
    expect(intro.text).toContain('Школа: МАОУ СОШ № 11');
    expect(labels(intro)).toEqual(['Петрова Ольга', 'Отмена']);
    await parent.say('/');
    await parent.expect((m) => m.id > intro.id && m.text.includes('свои фамилию, имя и отчество'));
    await parent.say('Петрова Ольга Николаевна');
    const text = await parent.expect('Согласие родителя на обработку персональных данных ребёнка');
    expect(text.text).toContain('Я, Петрова Ольга Николаевна, родитель (законный представитель) Петрова Ивана, ученика 5А, даю согласие школе');
    expect(text.text).toContain('школе МАОУ СОШ № 11');
    expect(text.text).toContain('классы, чаты класса и школы, объявления');
    expect(text.text).toContain('фамилия и имя ребёнка, класс, номер страницы ВКонтакте');
    expect(text.text).toContain('команда /согласие');
    expect(text.text).toContain(`Версия текста: ${CONSENT_TEXT_VERSION}`);
    expect(labels(text)).toEqual(['Даю согласие', 'Не даю согласия', 'Отмена']);
    await parent.say('да');
    await parent.expect((m) => m.id > text.id && m.text.includes('Выберите вариант'));
    await parent.press('Даю согласие');
    const done = await parent.expect('Согласие записано');
    expect(done.text).toContain('Ваша заявка как родителя этого ребёнка тоже подана');
    await student.expect('Согласие родителя получено (Петрова Ольга Николаевна)');
    const card = await admin.expect(hasCardOf(requestId));
    expect(card.text).toContain('Согласие родителя: [id601|Петрова Ольга Николаевна] (по ссылке в боте)');
    const consent = await services().consent.of(vk(500));
    expect(consent).toMatchObject({ kind: 'parent', parentId: vk(601), parentName: 'Петрова Ольга Николаевна', version: CONSENT_TEXT_VERSION, requestId });
    const audit = await services().audit.recent(20);
    expect(audit.some((e) => e.action === 'consent.given' && e.actor === vk(601))).toBe(true);
    const pending = (await services().requests.listPending('system')).items;
    const parentRequest = pending.find((r) => r.applicant.personId === vk(601));
    expect(parentRequest?.applicant).toMatchObject({ role: 'parent', childName: 'Петров Иван', classId: c5, consentVersion: CONSENT_TEXT_VERSION });
    await admin.expect(hasCardOf(parentRequest!.id));
    expect((await services().requests.approve(ADMIN, requestId)).ok).toBe(true);
    const approved = await services().requests.approve(ADMIN, parentRequest!.id);
    expect(approved.ok && approved.child).toMatchObject({ status: 'linked', childId: vk(500) });
    // The link is spent.
    const other = h.driver.user({ id: 611, firstName: 'Анна', lastName: 'Петрова' });
    await other.openLink(link);
    await other.expect('Эта ссылка для согласия не работает');
  });

  it('a parent declines: the child\'s request is closed, the student is told, reviewers get nothing', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { link, requestId } = await youngStudent(student);
    const parent = h.driver.user({ id: 601, firstName: 'Ольга', lastName: 'Петрова' });
    await parentReadsConsent(parent, link);
    await parent.press('Не даю согласия');
    await parent.expect('Согласие не дано. Заявка ребёнка (Петров Иван) закрыта');
    await student.expect('Родитель не дал согласия на обработку ваших данных, поэтому заявка закрыта');
    const request = await services().requests.get(requestId);
    expect(request).toMatchObject({ status: 'rejected', reasonCode: 'no_consent', decidedBy: 'system' });
    expect(await services().consent.of(vk(500))).toBeUndefined();
    await h.idle();
    expect(admin.received.some(hasCardOf(requestId))).toBe(false);
    expect((await services().requests.listPending('system')).items).toEqual([]);
  });

  it('F27: a 10А student still consents themself, to the text that names the school, the purposes, the data and how to withdraw', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 502, firstName: 'Анна', lastName: 'Смирнова' });
    const consent = await onboard(student, c10);
    expect(consent.text).toContain('Согласие на обработку персональных данных');
    expect(consent.text).toContain('Оператор данных — МАОУ СОШ № 11');
    expect(consent.text).toContain('классы, чаты класса и школы, объявления');
    expect(consent.text).toContain('номер вашей страницы ВКонтакте');
    expect(consent.text).toContain('Как отозвать согласие: напишите администратору школы');
    expect(labels(consent)).toEqual(['Даю согласие', 'Не даю согласия', 'Отмена']);
    await student.press('Даю согласие');
    await student.expect('Заявка отправлена');
    const [request] = (await services().requests.listPending('system')).items;
    expect(request?.awaitingConsent).toBeUndefined();
    expect(request?.applicant.consentVersion).toBe(CONSENT_TEXT_VERSION);
    await admin.expect(hasCardOf(request!.id));
  });

  it('an admin records a paper consent with /согласие and the student, or with the list\'s button; a non-admin may not', async () => {
    const admin = await adminReachable();
    const first = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { requestId: firstId } = await youngStudent(first);
    const second = h.driver.user({ id: 501, firstName: 'Мария', lastName: 'Козлова' });
    await onboard(second, c5);
    // The class teacher sees who waits in their class, with no paper button (only admins record those).
    await verifiedTeacher(services(), 300, 'Кузнецова Анна Сергеевна');
    await services().members.assignClassTeacher(ADMIN, c5, vk(300));
    const lead = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Кузнецова' });
    await lead.say('/согласие');
    const theirs = await lead.expect('Заявки учеников ваших классов, ждущие согласия родителя (2)');
    expect(theirs.text).toContain('[id500|Петров Иван], 5А');
    expect(theirs.text).toContain('передайте его администратору школы');
    expect(labels(theirs)).toEqual([]);
    await admin.say('/согласие');
    const list = await admin.expect('Заявки учеников, ждущие согласия родителя (2)');
    expect(list.text).toContain('Петров Иван');
    expect(list.text).toContain('Козлова Мария');
    expect(labels(list)).toEqual(['Бумажное согласие № 1', 'Бумажное согласие № 2']);
    await admin.press('Бумажное согласие № 2');
    await admin.expect('Бумажное согласие отмечено: [id501|Козлова Мария], 5А');
    await second.expect('Школа получила бумажное согласие вашего родителя');
    await admin.say('/согласие id500');
    await admin.expect('Бумажное согласие отмечено: [id500|Петров Иван], 5А');
    await first.expect('Школа получила бумажное согласие');
    expect(await services().consent.of(vk(500))).toMatchObject({ kind: 'paper', recordedBy: ADMIN, version: CONSENT_TEXT_VERSION });
    const audit = await services().audit.recent(30);
    expect(audit.filter((e) => e.action === 'consent.paper' && e.actor === ADMIN)).toHaveLength(2);
    await admin.say('/согласие id500');
    await admin.expect('нет заявки, ждущей согласия родителя');
    // The same button pressed again: the request no longer waits.
    await admin.press('Бумажное согласие № 2');
    await admin.expect('Эта заявка уже не ждёт согласия родителя');
    // Someone who is not an admin gets no admin list, and a forged paper consent is refused by the domain.
    const third = h.driver.user({ id: 503, firstName: 'Олег', lastName: 'Орлов' });
    await third.say('/согласие id500');
    await third.expect('Согласий, которые можно посмотреть или отозвать, у вас нет');
    await expect(services().consent.recordPaper(vk(503), firstId)).rejects.toThrow('not an admin');
  });

  it('a link whose key has expired, or a forged one, is refused; the student cannot consent by their own link', async () => {
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { link } = await youngStudent(student);
    await student.openLink(link);
    await student.expect('Это ссылка для родителя: своё согласие ученик дать не может');
    const forger = h.driver.user({ id: 620, firstName: 'Пётр', lastName: 'Сидоров' });
    await forger.openLink(link.replace(/ref=c[\w-]{4}/u, 'ref=cAAAA'));
    await forger.expect('Эта ссылка для согласия не работает');
    await forger.openLink(`https://vk.me/club${h.emulator.groupId}?ref=${encodeURIComponent('../x')}&ref_source=consent`);
    await forger.expect((m) => m.text.includes('Эта ссылка для согласия не работает') && m.id > 0);
    // Redis drops the token when the link's week is over: the same as deleting it now.
    const token = new URL(link).searchParams.get('ref')!;
    await h.db.redis.del(`${keys().base}consent:token:${token}`);
    const parent = h.driver.user({ id: 601, firstName: 'Ольга', lastName: 'Петрова' });
    await parent.openLink(link);
    await parent.expect('Эта ссылка для согласия не работает');
    expect(await services().consent.of(vk(500))).toBeUndefined();
  });

  it('/согласие: a parent withdraws their consent, an admin confirms, the child\'s data is removed and both are told; no one else may withdraw it', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { link, requestId } = await youngStudent(student);
    const parent = h.driver.user({ id: 601, firstName: 'Ольга', lastName: 'Петрова' });
    await parentReadsConsent(parent, link);
    await parent.press('Даю согласие');
    await parent.expect('Согласие записано');
    const parentRequest = (await services().requests.listPending('system')).items.find((r) => r.applicant.personId === vk(601))!;
    await services().requests.approve(ADMIN, requestId);
    await services().requests.approve(ADMIN, parentRequest.id);
    expect((await services().members.get(vk(500)))?.status).toBe('active');
    // Someone else cannot withdraw it, not even with the parent's button payload.
    const other = h.driver.user({ id: 630, firstName: 'Пётр', lastName: 'Сидоров' });
    await other.say('/согласие');
    await other.expect('Согласий, которые можно посмотреть или отозвать, у вас нет');
    expect(await services().consent.askWithdraw(vk(630), vk(500))).toEqual({ ok: false });
    await parent.say('/согласие');
    const list = await parent.expect('Согласия на обработку данных, которые вы дали за детей');
    expect(list.text).toContain('1. Петров Иван, 5А');
    expect(labels(list)).toEqual(['Отозвать согласие № 1']);
    await parent.press('Отозвать согласие № 1');
    await parent.expect('Запрос на отзыв согласия отправлен администраторам школы');
    const notice = await admin.expect('отзывает согласие на обработку данных ребёнка: Петров Иван, 5А');
    expect(labels(notice)).toEqual(['Подтвердить и удалить данные']);
    await parent.say('/согласие');
    await parent.expect('(отзыв ждёт подтверждения администратора)');
    // Only an admin confirms: the parent (or anyone) calling the domain directly is refused, nothing removed.
    await expect(services().consent.confirmWithdraw(vk(601), vk(500))).rejects.toThrow('not an admin');
    expect((await services().members.get(vk(500)))?.status).toBe('active');
    await admin.press('Подтвердить и удалить данные');
    await admin.expect('Согласие отозвано, данные ребёнка удалены');
    await parent.expect('Администратор подтвердил отзыв согласия. Данные ребёнка (Петров Иван) удалены');
    expect(await services().members.get(vk(500))).toBeUndefined();
    expect(await h.db.redis.sismember(keys().classStudents(c5), '500')).toBe(0);
    expect(await h.db.redis.hget(keys().classParents(c5), '601')).toBeNull();
    expect(await services().requests.get(requestId)).toBeUndefined();
    expect(await services().consent.of(vk(500))).toBeUndefined();
    const audit = await services().audit.recent(100);
    const entry = audit.find((e) => e.action === 'consent.withdrawn');
    expect(entry?.target).toEqual({});
    expect(entry?.actor).toBe(ADMIN);
    // The child's id is gone from the whole journal; the parent's entries keep theirs.
    expect(JSON.stringify(audit)).not.toMatch(/\b500\b/u);
    expect(audit.some((e) => e.action === 'invite.used' && e.actor === 'system')).toBe(true);
    expect(audit.some((e) => e.action === 'consent.given' && e.actor === vk(601))).toBe(true);
    // Pressed again: already handled.
    await admin.press('Подтвердить и удалить данные');
    await admin.expect('Этот отзыв уже обработан');
  });

  it('a withdrawn child is also taken out of their class\'s study chat, and the teacher is told', async () => {
    const admin = await adminReachable();
    const student = h.driver.user({ id: 500, firstName: 'Иван', lastName: 'Петров' });
    const { link, requestId } = await youngStudent(student);
    const parent = h.driver.user({ id: 601, firstName: 'Ольга', lastName: 'Петрова' });
    await parentReadsConsent(parent, link);
    await parent.press('Даю согласие');
    await parent.expect('Согласие записано');
    await services().requests.approve(ADMIN, requestId);
    await verifiedTeacher(services(), 300, 'Кузнецова Анна Сергеевна');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Кузнецова', allowsMessages: true });
    await teacher.say('/чат');
    await teacher.expect('Какой чат создать?');
    await teacher.press('Предметный чат класса');
    await teacher.expect('Для какого класса создать учебный чат?');
    await teacher.press('5А');
    await teacher.expect('По какому предмету чат для 5А?');
    await teacher.press('Математика');
    await teacher.expect('Кому отправить ссылку на чат');
    await teacher.press('Только ученикам');
    await teacher.expect('Учебный чат «');
    await teacher.press('Создать');
    await teacher.expect('✅ Учебный чат «5А · Математика» создан.');
    const [chat] = await services().studyChats.ofTeacher(vk(300));
    const chatLink = /https:\/\/vk\.me\/join\/\S+/u.exec((await student.expect('5А · Математика')).text)![0];
    await student.joinChat(chatLink);
    expect(h.driver.chat(chat!.peer!).memberIds).toContain(500);
    await parent.say('/согласие');
    await parent.expect('Согласия на обработку данных, которые вы дали за детей');
    await parent.press('Отозвать согласие № 1');
    await admin.expect('отзывает согласие');
    await admin.press('Подтвердить и удалить данные');
    await admin.expect('Согласие отозвано, данные ребёнка удалены');
    const removedNote = await teacher.expect('удалён из учебного чата «5А · Математика»');
    expect(removedNote.text).toContain('согласие на обработку данных отозвано, данные удалены');
    expect(removedNote.text).not.toContain('выбыл');
    expect(h.driver.chat(chat!.peer!).memberIds).not.toContain(500);
  });
});
