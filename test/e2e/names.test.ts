import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../emulator/driver.js';
import { inviteDeepLink } from '../helpers/deep-links.js';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { PROFILE } from '../helpers/school-profile.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (m: ReceivedMessage): string[] => m.keyboard?.buttons.flat().map((b) => b.label) ?? [];

/**
 * Correct Russian (issue 10, point 3): the bot speaks of a person in their gender, from VK's `sex` kept when they
 * joined, and declines their name; a name that does not tell the gender (Ким Саша) shows that the gender is VK's.
 */
describe('people by their names and gender (F10 F07 F27)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ env: { CONSENT_PARENT_GRADES: 'none' } }); // the students here consent themselves (parents' consent: consent.test.ts)
    await h.bot.app.school.save(PROFILE, ADMIN);
    await h.bot.app.services.classes.createMany(ADMIN, ['5А', '6А']);
  });
  afterEach(() => h.close());

  const s = () => h.bot.app.services;
  const classId = async (name: string): Promise<string> => (await s().classes.findByName(name))!.id;

  /** A girl whose name does not tell her gender joins 5А through onboarding, taking her VK name (sex 1 in VK). */
  async function sashaJoins() {
    const invite = await s().invites.create(ADMIN, { classId: await classId('5А'), role: 'student' });
    const sasha = h.driver.user({ id: 601, firstName: 'Саша', lastName: 'Ким', sex: 1 });
    await sasha.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await sasha.expect('Вас приглашают');
    await sasha.press('Да, всё верно');
    const ask = await sasha.expect('Как вас зовут? Напишите фамилию и имя — или нажмите кнопку');
    // The VK name is offered in the order asked for, surname first.
    expect(labels(ask)).toEqual(['Ким Саша', 'Отмена']);
    await sasha.press('Ким Саша');
    await sasha.expect('Согласие на обработку');
    await sasha.press('Даю согласие');
    await sasha.expect('Заявка отправлена');
    const [request] = (await s().requests.listPending('system')).items.filter((r) => r.applicant.personId === vk(601));
    expect(request?.applicant).toMatchObject({ name: 'Ким Саша', gender: 'female' });
    const decided = await s().requests.approve(ADMIN, request!.id);
    expect(decided.ok).toBe(true);
    expect((await s().members.get(vk(601)))?.gender).toBe('female');
    return sasha;
  }

  it('F10 F27: VK’s sex is kept with the request and the member; a transfer names the girl declined and in the feminine, her parent is told', async () => {
    const sasha = await sashaJoins();
    const mother = h.driver.user({ id: 620, firstName: 'Ольга', lastName: 'Ким' });
    await mother.say('/start');
    await mother.nextMessage();
    await joinAs(s(), 'parent', '5А', 620, 'Ким Ольга Петровна', 'Ким Саша', 'female');
    const admin = h.admin();
    await admin.say('/transfer 601');
    const pick = await admin.expect('В какой класс перевести [id601|Ким Сашу]? Сейчас: 5А.');
    expect(labels(pick)).toContain('6А');
    await admin.press('6А');
    const done = await admin.expect('[id601|Ким Саша] переведена из 5А в 6А.');
    expect(done.text).toContain('Вместе с ученицей переведён родитель в 6А: [id620|Ким Ольга Петровна].');
    expect(done.text).not.toContain('(а)');
    await sasha.expect('Вас перевели в класс 6А (был 5А).');
    const told = await mother.expect('Вашего ребёнка, Ким Сашу, перевели из 5А в 6А.');
    expect(told.text).not.toContain('(а)');
  });

  it('F10: /left of a girl asks «как выбывшую? Её роли…», with «Да, выбыла»; the report and her parent’s notice are feminine', async () => {
    await sashaJoins();
    const mother = h.driver.user({ id: 620, firstName: 'Ольга', lastName: 'Ким' });
    await mother.say('/start');
    await mother.nextMessage();
    await joinAs(s(), 'parent', '5А', 620, 'Ким Ольга Петровна', 'Ким Саша', 'female');
    const admin = h.admin();
    await admin.say('/left 601');
    const ask = await admin.expect('Отметить [id601|Ким Сашу] как выбывшую? Её роли и права закончатся сразу, созданные ею приглашения будут отозваны.');
    expect(labels(ask)).toEqual(['Да, выбыла', 'Отмена']);
    await admin.press('Да, выбыла');
    const done = await admin.expect('[id601|Ким Саша] отмечена как выбывшая.');
    expect(done.text).not.toContain('(а)');
    await mother.expect('Ваша дочь, Ким Саша (5А), отмечена как выбывшая из школы.');
    expect((await s().members.get(vk(601)))?.status).toBe('left');
  });

  it('F07: appointing a woman class teacher says «назначена»; a stale press of «Да, выбыла» after she left is answered, not applied twice', async () => {
    const anna = h.driver.user({ id: 300, firstName: 'Женя', lastName: 'Ким', sex: 1, allowsMessages: true });
    await joinAs(s(), 'teacher', 'staff', 300, 'Ким Женя', undefined, 'female');
    await s().members.verifyTeacher(ADMIN, vk(300));
    await verifiedTeacher(s(), 301, 'Кузнецов Олег');
    const admin = h.admin();
    await admin.say('/classteacher 5А');
    const pick = await admin.expect('У 5А пока нет классного руководителя.');
    expect(labels(pick)).toEqual(expect.arrayContaining(['Ким Женя', 'Кузнецов Олег']));
    await admin.press('Ким Женя');
    await admin.expect('[id300|Ким Женя] назначена классным руководителем 5А.');
    await anna.expect('Вы назначены классным руководителем 5А');
    await admin.say('/classteacher 5А 301');
    await admin.expect('[id301|Кузнецов Олег] назначен классным руководителем 5А.');
    // Without a gender and with a name that does not tell, the neutral wording stays.
    await joinAs(s(), 'teacher', 'staff', 302, 'Ким Саша');
    await s().members.verifyTeacher(ADMIN, vk(302));
    await admin.say('/classteacher 6А 302');
    await admin.expect('[id302|Ким Саша] назначен(а) классным руководителем 6А.');
    // The /left confirmation of the woman: pressing twice marks her once; the second press is told she already left.
    await admin.say('/left 300');
    await admin.expect('Отметить [id300|Ким Женю] как выбывшую?');
    await admin.press('Да, выбыла');
    await admin.expect('[id300|Ким Женя] отмечена как выбывшая.');
    await admin.press('Да, выбыла');
    await admin.expect('[id300|Ким Женя] уже отмечена как выбывшая.');
  });

  it('F07: the class roster lists people surname first, in alphabetical order, whatever order their names were typed in', async () => {
    await joinAs(s(), 'student', '5А', 603, 'Иван Петров');
    await joinAs(s(), 'student', '5А', 604, 'Абрамова Мария');
    await joinAs(s(), 'student', '5А', 605, 'Анна Сергеевна Смирнова');
    const admin = h.admin();
    await admin.say('/class 5А');
    const roster = await admin.expect('Класс 5А');
    expect(roster.text).toContain('1. Абрамова Мария\n2. Петров Иван\n3. Смирнова Анна Сергеевна');
  });

  it('F27: a student who types a name that is not one is shown a child’s name as the example, addressed «вы»', async () => {
    const invite = await s().invites.create(ADMIN, { classId: await classId('5А'), role: 'student' });
    const petya = h.driver.user({ id: 602, firstName: 'Петя', lastName: 'Смирнов', sex: 2 });
    await petya.openLink(inviteDeepLink(h.emulator.groupId, invite.token));
    await petya.expect('Вас приглашают');
    await petya.press('Да, всё верно');
    await petya.expect('Как вас зовут?');
    await petya.say('Петя');
    const again = await petya.expect('Нужно от 2 до 4 слов');
    expect(again.text).toContain('например: Смирнов Петя или Иванова Маша.');
    expect(again.text).not.toMatch(/Петровна|Сергеевна|\bты\b|Напиши\b/u);
  });
});
