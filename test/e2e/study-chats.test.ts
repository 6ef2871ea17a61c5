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

describe('study chats (F25)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'teacher', 'staff', 302, 'Новиков Игорь');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
    await joinAs(s, 'student', '6А', 320, 'Орлов Петя');
  });
  afterEach(() => h.close());

  const chatsNamed = (title: string) => [...h.emulator.state.chats.values()].filter((chat) => chat.title === title);

  /** The teacher goes through /chat with buttons up to the confirmation. */
  async function upToConfirm(teacher: ReturnType<Harness['driver']['user']>, className: string, audience: 'Только ученикам' | 'Ученикам и родителям') {
    await teacher.say('/чат');
    const kinds = await teacher.expect('Какой чат создать?');
    expect(labels(kinds)).toEqual(['Предметный чат класса', 'Другой чат', 'Отмена']);
    await teacher.press('Предметный чат класса');
    await teacher.expect('Для какого класса создать учебный чат?');
    await teacher.press(className);
    const subjects = await teacher.expect(`По какому предмету чат для ${className}?`);
    expect(labels(subjects)).toEqual(['Математика', 'Отмена']);
    await teacher.press('Математика');
    const audienceQuestion = await teacher.expect('Кому отправить ссылку на чат');
    expect(labels(audienceQuestion)).toEqual(['Только ученикам', 'Ученикам и родителям', 'Отмена']);
    await teacher.press(audience);
    return teacher.expect('Учебный чат «');
  }

  it('F25: a verified teacher creates a subject chat with buttons; the class gets the link in private messages, the one who never wrote is named in the report, a student joins by the link; /chats lists it', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true });
    h.driver.user({ id: 311, firstName: 'Маша', lastName: 'Козлова', allowsMessages: false });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    const petya = h.driver.user({ id: 320, firstName: 'Петя', allowsMessages: true });
    const confirm = await upToConfirm(teacher, '5А', 'Только ученикам');
    expect(confirm.text).toContain('Учебный чат «5А · Математика»');
    expect(confirm.text).toContain('Ссылку получат ученики в личных сообщениях.');
    expect(labels(confirm)).toEqual(['Создать', 'Изменить название', 'Отмена']);
    await teacher.press('Создать');
    const report = await teacher.expect('✅ Учебный чат «5А · Математика» создан.');
    const link = linkIn(report.text);
    expect(report.text).toContain('Ссылку получили в личных сообщениях: 1 из 2.');
    expect(report.text).toContain('Не получили сообщение (1)');
    expect(report.text).toContain('1. [id311|Козлова Маша], ученица');
    expect(report.text).not.toContain('[id310|Сидоров Ваня]');
    // The chat exists in VK (the emulator) with its title, made once.
    const [chat] = chatsNamed('5А · Математика');
    expect(chat).toBeDefined();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(1);
    expect(chat!.inviteLink).toBe(link);
    const invited = await vanya.expect('Учительница Петрова Анна создала учебный чат «5А · Математика»');
    expect(invited.text).toContain(link);
    // A student joins by the link and is a member of the chat.
    await vanya.joinChat(link);
    expect(h.driver.chat(chat!.peerId).memberIds).toContain(310);
    expect(await h.bot.app.messenger.members(chat!.peerId)).toContain(vk(310));
    // The stored record: class, subject, teacher, chat id.
    const stored = await h.bot.app.services.studyChats.ofTeacher(vk(300));
    expect(stored).toMatchObject([{ title: '5А · Математика', subject: 'Математика', teacher: vk(300), peer: chat!.peerId, link, status: 'ready' }]);
    // /chats lists it.
    await teacher.say('/чаты');
    const list = await teacher.expect('Ваши учебные чаты (1):');
    expect(list.text).toContain(`1. «5А · Математика» — класс 5А, Математика: ${link}`);
    await h.idle();
    // Parents were not chosen; another class's student is not told.
    expect(olga.received).toHaveLength(0);
    expect(petya.received).toHaveLength(0);
    // An admin sees the school's chats with their teacher.
    const admin = h.admin();
    await admin.say('/chats');
    const all = await admin.expect('Учебные чаты школы (1):');
    expect(all.text).toContain('учитель [id300|Петрова Анна]');
  });

  it('F25: more subjects than one keyboard holds are paged with «Ещё» and «Назад»; a subject on the second page can be picked', async () => {
    const s = h.bot.app.services;
    const many = Array.from({ length: 30 }, (_, i) => `Предмет ${i + 1}`);
    const invite = await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    const used = await s.invites.use(invite.id, { personId: vk(305), name: 'Многопредметова Вера', consent: true, subjects: many });
    if (!used.ok) throw new Error(used.reason);
    await s.requests.approve(ADMIN, used.request.id);
    await s.members.verifyTeacher(ADMIN, vk(305));
    const teacher = h.driver.user({ id: 305, firstName: 'Вера', allowsMessages: true });
    await teacher.say('/чат');
    await teacher.expect('Какой чат создать?');
    await teacher.press('Предметный чат класса');
    await teacher.expect('Для какого класса создать учебный чат?');
    await teacher.press('5А');
    const first = await teacher.expect('По какому предмету чат для 5А?');
    expect(first.text).toContain('Страница 1 из 2.');
    expect(labels(first)).toEqual([...many.slice(0, 24), 'Ещё', 'Отмена']);
    await teacher.press('Ещё');
    const second = await teacher.expect('Страница 2 из 2.');
    expect(labels(second)).toEqual([...many.slice(24), 'Назад', 'Отмена']);
    await teacher.press('Предмет 29');
    await teacher.expect('Кому отправить ссылку на чат');
  });

  it('F25: a second /chat for the same class and subject gives the existing link and creates no second chat; the classes led come first', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    await upToConfirm(teacher, '5А', 'Только ученикам');
    await teacher.press('Создать');
    const link = linkIn((await teacher.expect('создан. Ссылка для входа')).text);
    // The classes the teacher leads come first, then those they have chats in.
    await h.bot.app.services.members.assignClassTeacher(ADMIN, (await h.bot.app.services.classes.findByName('6А'))!.id, vk(300));
    await h.bot.app.services.classes.create(ADMIN, '4Б');
    await teacher.say('/chat');
    await teacher.expect('Какой чат создать?');
    await teacher.press('Предметный чат класса');
    const classes = await teacher.expect('Для какого класса создать учебный чат?');
    expect(labels(classes)).toEqual(['6А', '5А', '4Б', 'Отмена']);
    await teacher.press('5А');
    await teacher.expect('По какому предмету чат для 5А?');
    await teacher.press('Математика');
    const again = await teacher.expect('У вас уже есть учебный чат «5А · Математика»');
    expect(again.text).toContain(link);
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(1);
    expect(chatsNamed('5А · Математика')).toHaveLength(1);
    expect(await h.bot.app.services.studyChats.all()).toHaveLength(1);
  });

  it('F25: the teacher changes the title (an empty or too long one is asked again) and sends the link to the parents too', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    h.driver.user({ id: 311, firstName: 'Маша', allowsMessages: true });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    const confirm = await upToConfirm(teacher, '5А', 'Ученикам и родителям');
    expect(confirm.text).toContain('Ссылку получат ученики и родители в личных сообщениях.');
    await teacher.press('Изменить название');
    await teacher.expect('Напишите новое название чата');
    await teacher.say('   ');
    await teacher.expect('Ответ пустой.');
    await teacher.say('М'.repeat(101));
    await teacher.expect('Слишком длинно: не больше 100 символов.');
    await teacher.say('Математика, 5 А');
    const renamed = await teacher.expect('Учебный чат «Математика, 5 А»');
    expect(labels(renamed)).toEqual(['Создать', 'Изменить название', 'Отмена']);
    await teacher.press('Создать');
    const report = await teacher.expect('✅ Учебный чат «Математика, 5 А» создан.');
    expect(report.text).toContain('Ссылку получили в личных сообщениях: 3 из 3.');
    expect(chatsNamed('Математика, 5 А')).toHaveLength(1);
    await vanya.expect('учебный чат «Математика, 5 А»');
    await olga.expect('и приглашает родителей');
  });

  it('F25: students, parents and an unverified teacher are refused /chat with why; a student and a parent see their class\'s chats in /chats, another class\'s student does not', async () => {
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    await vanya.say('/чат');
    await vanya.expect('Учебные чаты создают учителя школы. Ученики и родители получают ссылки');
    await vanya.say('/чаты');
    await vanya.expect('У вашего класса пока нет учебных чатов. Когда учитель создаст чат, бот пришлёт вам ссылку.');
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    await olga.say('/chat');
    await olga.expect('Учебные чаты создают учителя школы.');
    const igor = h.driver.user({ id: 302, firstName: 'Игорь', allowsMessages: true });
    await igor.say('/чат');
    await igor.expect('Ваш статус учителя ещё ожидает подтверждения');
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(0);
    // /help shows /chat to a verified teacher only.
    const anna = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    await anna.say('/help');
    await anna.expect('Ваши роли');
    await anna.press('Все команды');
    expect((await anna.expect('Что вы можете сделать:')).text).toContain('/чат');
    await vanya.say('/help');
    await vanya.expect('Ваши роли');
    await vanya.press('Все команды');
    const help = (await vanya.expect('Что вы можете сделать:')).text;
    expect(help).not.toContain('/чат ');
    expect(help).toContain('/чаты — учебные чаты и ссылки на них');
    // Once the teacher has made the class's chat, the student and the parent find its link in /чаты; 6А's student does not.
    const { link } = await madeChat(anna);
    await vanya.say('/чаты');
    const mine = await vanya.expect('Учебные чаты вашего класса (1):');
    expect(mine.text).toContain(`1. «5А · Математика» — класс 5А, Математика, учитель [id300|Петрова Анна]: ${link}`);
    await olga.say('/чаты');
    expect((await olga.expect('Учебные чаты вашего класса (1):')).text).toContain(link);
    const petya = h.driver.user({ id: 320, firstName: 'Петя', allowsMessages: true });
    await petya.say('/чаты');
    const other = await petya.expect('У вашего класса пока нет учебных чатов.');
    expect(other.text).not.toContain(link);
  });
  /** The teacher creates «5А · Математика» for the students; returns the chat's peer, id and link. */
  async function madeChat(teacher: ReturnType<Harness['driver']['user']>) {
    await upToConfirm(teacher, '5А', 'Только ученикам');
    await teacher.press('Создать');
    const link = linkIn((await teacher.expect('✅ Учебный чат «5А · Математика» создан.')).text);
    const [stored] = await h.bot.app.services.studyChats.ofTeacher(vk(300));
    return { peerId: stored!.peer!, id: stored!.id, link };
  }

  it('F25: a stranger joins by the link: the teacher is told with «Удалить из чата»; the press removes them and the card says so; a second press is answered', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const chat = await madeChat(teacher);
    const stranger = h.driver.user({ id: 900, firstName: 'Гость', lastName: 'Незнакомый', allowsMessages: true });
    await stranger.joinChat(chat.link);
    const card = await teacher.expect('по ссылке вошёл [id900|Гость Незнакомый] — его нет среди учеников и родителей класса 5А и сотрудников школы. Если вы его не знаете, удалите его из чата.');
    expect(card.text).toContain('В учебный чат «5А · Математика»');
    expect(labels(card)).toEqual(['Удалить из чата']);
    expect(h.driver.chat(chat.peerId).memberIds).toContain(900);
    const pressed = await teacher.press('Удалить из чата');
    const edited = await teacher.expectEdit((m) => m.text.includes('удалён из'));
    expect(edited.text).toBe('✅ [id900|Гость Незнакомый] удалён из учебного чата «5А · Математика».');
    expect(labels(edited)).toEqual([]);
    expect((await teacher.expectAnswer(pressed.type === 'callback' ? pressed.eventId : undefined))?.text).toBe('Удалён из чата.');
    expect(h.driver.chat(chat.peerId).memberIds).not.toContain(900);
    expect(await h.bot.app.messenger.members(chat.peerId)).not.toContain(vk(900));
    expect(h.emulator.callsOf('messages.removeChatUser')).toHaveLength(1);
    // A stale press on the old card: they are gone already, nothing is removed twice.
    const again = h.emulator.messageEvent(300, 300, card.cmid, { k: 'cb', a: 'sc.remove', id: chat.id, v: '900' });
    expect((await teacher.expectAnswer(again))?.text).toBe('Этого человека уже нет в чате.');
  });

  it('F25: a classmate and a parent of the class joining by the link are not reported to the teacher', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    const chat = await madeChat(teacher);
    await h.idle();
    const before = teacher.received.length;
    await vanya.joinChat(chat.link);
    await olga.joinChat(chat.link);
    await h.idle();
    expect(h.driver.chat(chat.peerId).memberIds).toEqual(expect.arrayContaining([310, 312]));
    expect(teacher.received).toHaveLength(before);
    expect(h.emulator.callsOf('messages.removeChatUser')).toHaveLength(0);
  });

  it('F25: a student marked as left is removed from the class\'s study chat and the teacher is told; a transferred one too', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const masha = h.driver.user({ id: 311, firstName: 'Маша', allowsMessages: true });
    const chat = await madeChat(teacher);
    await vanya.joinChat(chat.link);
    await masha.joinChat(chat.link);
    const admin = h.admin();
    await admin.say('/выбыл 310');
    await admin.expect('Отметить [id310|Сидорова Ваню] как выбывшего?');
    await admin.press('Да, выбыл');
    const done = await admin.expect('отмечен как выбывший');
    expect(done.text).toContain('[id310|Сидоров Ваня] удалён из чата «5А · Математика».');
    const told = await teacher.expect('выбыл из школы');
    expect(told.text).toBe('[id310|Сидоров Ваня] выбыл из школы и удалён из учебного чата «5А · Математика» (класс 5А).');
    expect(h.driver.chat(chat.peerId).memberIds).not.toContain(310);
    // A transfer to another class takes the student out of the old class's chat as well.
    await admin.say('/перевести 311 6А');
    const moved = await admin.expect('переведена из 5А в 6А');
    expect(moved.text).toContain('[id311|Козлова Маша] удалена из чата «5А · Математика».');
    await teacher.expect('[id311|Козлова Маша] переведена из класса 5А в 6А и удалена из учебного чата «5А · Математика».');
    expect(h.driver.chat(chat.peerId).memberIds).not.toContain(311);
  });

  it('F25 F10: when a class graduates, its students and parents are removed from its study chat and the teacher is told once, with the count', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '11А');
    await joinAs(s, 'student', '11А', 330, 'Выпускник Петя');
    await joinAs(s, 'student', '11А', 331, 'Выпускница Аня');
    await joinAs(s, 'parent', '11А', 332, 'Выпускникова Ирина', 'Выпускник Петя');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const graduates = [330, 331, 332].map((id) => h.driver.user({ id, firstName: `Выпускник ${id}`, allowsMessages: true }));
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const fifth = await madeChat(teacher);
    await vanya.joinChat(fifth.link);
    await upToConfirm(teacher, '11А', 'Ученикам и родителям');
    await teacher.press('Создать');
    const link = linkIn((await teacher.expect('✅ Учебный чат «11А · Математика» создан.')).text);
    for (const person of graduates) await person.joinChat(link);
    const [eleventh] = chatsNamed('11А · Математика');
    expect(h.driver.chat(eleventh!.peerId).memberIds).toEqual(expect.arrayContaining([330, 331, 332]));

    const admin = h.admin();
    await admin.say('/promote');
    await admin.expect('Выпускается 11А — класс уйдёт в архив');
    await admin.press('Перевести');
    await admin.expect('Готово: переведено классов — 2, выпущено классов — 1');
    const told = await teacher.expect('🎓 Класс 11А выпущен');
    expect(told.text).toBe('🎓 Класс 11А выпущен: из учебного чата «11А · Математика» удалены выпускники и их родители — 3.');
    await h.idle();
    for (const id of [330, 331, 332]) expect(h.driver.chat(eleventh!.peerId).memberIds).not.toContain(id);
    // The class that moved up keeps its chat and its students; the teacher got one message about the graduates.
    expect(h.driver.chat(fifth.peerId).memberIds).toContain(310);
    expect(h.emulator.sentTo(300).filter((m) => m.text.startsWith('🎓'))).toHaveLength(1);
  });

  it('F25: a forged «Удалить из чата» pressed by a student is refused and removes nobody', async () => {
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const chat = await madeChat(teacher);
    const invite = await vanya.expect('учебный чат «5А · Математика»');
    const stranger = h.driver.user({ id: 900, firstName: 'Гость', allowsMessages: true });
    await stranger.joinChat(chat.link);
    await teacher.expect('по ссылке вошёл человек не из класса 5А');
    const forged = h.emulator.messageEvent(310, 310, invite.cmid, { k: 'cb', a: 'sc.remove', id: chat.id, v: '900' });
    expect((await vanya.expectAnswer(forged))?.text).toBe('Удалять людей из чата могут его учитель и администратор школы.');
    await h.idle();
    expect(h.driver.chat(chat.peerId).memberIds).toContain(900);
    expect(h.emulator.callsOf('messages.removeChatUser')).toHaveLength(0);
  });
  /** The teacher opens /чат, picks «Другой чат» and names it. */
  async function otherChatNamed(teacher: ReturnType<Harness['driver']['user']>, title: string) {
    await teacher.say('/чат');
    await teacher.expect('Какой чат создать?');
    await teacher.press('Другой чат');
    await teacher.expect('Как назвать чат?');
    await teacher.say(title);
    const audience = await teacher.expect(`Для кого чат «${title}»: для одного класса, для нескольких классов`);
    expect(labels(audience)).toEqual(['Один класс', 'Несколько классов', 'Роль', 'Отмена']);
  }

  it('F25: an "other" chat for two classes: classes marked ✓ and «Готово»; the students of both get the link, a third class and the parents do not; the stored record has its audience', async () => {
    await h.bot.app.services.classes.create(ADMIN, '7А');
    await joinAs(h.bot.app.services, 'student', '7А', 330, 'Лебедев Коля');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    h.driver.user({ id: 311, firstName: 'Маша', allowsMessages: true });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    const petya = h.driver.user({ id: 320, firstName: 'Петя', allowsMessages: true });
    const kolya = h.driver.user({ id: 330, firstName: 'Коля', allowsMessages: true });
    await otherChatNamed(teacher, 'Шахматный кружок');
    await teacher.press('Несколько классов');
    const picker = await teacher.expect('Отметьте классы для чата «Шахматный кружок»');
    expect(labels(picker)).toEqual(['5А', '6А', '7А', 'Готово', 'Отмена']);
    expect(picker.text).toContain('Пока не выбран ни один класс.');
    await teacher.press('Готово');
    await teacher.expect('Сначала отметьте хотя бы один класс.');
    await teacher.press('5А');
    const one = await teacher.expect('Выбрано: 5А.');
    expect(labels(one)).toEqual(['✓ 5А', '6А', '7А', 'Готово', 'Отмена']);
    await teacher.press('7А');
    await teacher.expect('Выбрано: 5А, 7А.');
    await teacher.say('6А');
    await teacher.expect('Выбрано: 5А, 6А, 7А.');
    await teacher.press('✓ 7А');
    await teacher.expect('Выбрано: 5А, 6А.');
    await teacher.say('9Я');
    const two = await teacher.expect('Выберите вариант кнопкой ниже.');
    expect(two.text).toContain('Выбрано: 5А, 6А.');
    expect(labels(two)).toEqual(['✓ 5А', '✓ 6А', '7А', 'Готово', 'Отмена']);
    await teacher.press('Готово');
    const parents = await teacher.expect('Кому отправить ссылку на чат «Шахматный кружок»');
    expect(labels(parents)).toEqual(['Только ученикам', 'Ученикам и родителям', 'Отмена']);
    await teacher.press('Только ученикам');
    const confirm = await teacher.expect('Чат «Шахматный кружок»');
    expect(confirm.text).toContain('Для кого: ученики классов 5А, 6А.');
    expect(labels(confirm)).toEqual(['Создать', 'Изменить название', 'Отмена']);
    await teacher.press('Создать');
    const report = await teacher.expect('✅ Чат «Шахматный кружок» создан.');
    const link = linkIn(report.text);
    expect(report.text).toContain('Ссылку получили в личных сообщениях: 3 из 3.');
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(1);
    expect(chatsNamed('Шахматный кружок')).toHaveLength(1);
    const invited = await vanya.expect('📚 Петрова Анна создала чат «Шахматный кружок» (ученики классов 5А, 6А).');
    expect(invited.text).toContain(link);
    expect((await petya.expect('«Шахматный кружок»')).text).toContain(link);
    await h.idle();
    expect(kolya.received).toHaveLength(0);
    expect(olga.received).toHaveLength(0);
    const ids = [(await h.bot.app.services.classes.findByName('5А'))!.id, (await h.bot.app.services.classes.findByName('6А'))!.id];
    expect(await h.bot.app.services.studyChats.all()).toMatchObject([{ kind: 'other', title: 'Шахматный кружок', teacher: vk(300), link, audience: { kind: 'class', classIds: ids, parents: false } }]);
    // /чаты: the teacher's list and a 6А student's list show it; 7А's student does not see it.
    await teacher.say('/чаты');
    expect((await teacher.expect('Ваши учебные чаты (1):')).text).toContain(`1. «Шахматный кружок» — ученики классов 5А, 6А: ${link}`);
    await petya.say('/чаты');
    expect((await petya.expect('Учебные чаты вашего класса (1):')).text).toContain(`1. «Шахматный кружок» — ученики классов 5А, 6А, учитель [id300|Петрова Анна]: ${link}`);
    await kolya.say('/чаты');
    await kolya.expect('У вашего класса пока нет учебных чатов.');
  });

  it('F25: a stranger (a third class\'s student, a parent when parents were not asked) joining an "other" chat is reported to the teacher; a student of its classes is not', async () => {
    await h.bot.app.services.classes.create(ADMIN, '7А');
    await joinAs(h.bot.app.services, 'student', '7А', 330, 'Лебедев Коля');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    const petya = h.driver.user({ id: 320, firstName: 'Петя', allowsMessages: true });
    const kolya = h.driver.user({ id: 330, firstName: 'Коля', lastName: 'Лебедев', allowsMessages: true });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true });
    await otherChatNamed(teacher, 'Проект');
    await teacher.press('Несколько классов');
    await teacher.expect('Отметьте классы');
    await teacher.press('5А');
    await teacher.expect('Выбрано: 5А.');
    await teacher.press('6А');
    await teacher.expect('Выбрано: 5А, 6А.');
    await teacher.press('Готово');
    await teacher.expect('Кому отправить ссылку на чат «Проект»');
    await teacher.press('Только ученикам');
    await teacher.expect('Для кого: ученики классов 5А, 6А.');
    await teacher.press('Создать');
    const link = linkIn((await teacher.expect('✅ Чат «Проект» создан.')).text);
    const [chat] = await h.bot.app.services.studyChats.all();
    await h.idle();
    const before = teacher.received.length;
    await petya.joinChat(link);
    await h.idle();
    expect(teacher.received).toHaveLength(before);
    await kolya.joinChat(link);
    const card = await teacher.expect('В чат «Проект» (ученики классов 5А, 6А) по ссылке вошёл [id330|Лебедев Коля] — этот чат не для него, и он не сотрудник школы. Если вы его не знаете, удалите его из чата.');
    expect(labels(card)).toEqual(['Удалить из чата']);
    // The teacher removes the 7А student; the card says so.
    await teacher.press('Удалить из чата');
    const edited = await teacher.expectEdit((m) => m.text.includes('удалён из'));
    expect(edited.text).toBe('✅ [id330|Лебедев Коля] удалён из чата «Проект».');
    expect(h.driver.chat(chat!.peer!).memberIds).not.toContain(330);
    await olga.joinChat(link);
    await teacher.expect('по ссылке вошла [id312|Сидорова Ольга] — этот чат не для неё, и она не сотрудник школы. Если вы её не знаете, удалите её из чата.');
    expect(h.driver.chat(chat!.peer!).memberIds).toEqual(expect.arrayContaining([320, 312]));
  });

  it('F25: a role chat for all teachers: the verified teachers get the link, not the students or a teacher still unverified; a student joining is reported, a teacher is not', async () => {
    await verifiedTeacher(h.bot.app.services, 303, 'Смирнов Олег');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const oleg = h.driver.user({ id: 303, firstName: 'Олег', allowsMessages: true });
    const igor = h.driver.user({ id: 302, firstName: 'Игорь', allowsMessages: true });
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true });
    await otherChatNamed(teacher, 'Учителя математики');
    await teacher.press('Роль');
    const roles = await teacher.expect('Для кого чат «Учителя математики»?');
    expect(labels(roles)).toEqual(['Все ученики', 'Все родители', 'Все учителя', 'Администрация', 'Отмена']);
    await teacher.say('всем');
    await teacher.expect('Выберите вариант кнопкой ниже.');
    await teacher.press('Все учителя');
    const confirm = await teacher.expect('Чат «Учителя математики»');
    expect(confirm.text).toContain('Для кого: все учителя школы.');
    await teacher.press('Изменить название');
    await teacher.expect('Сейчас название «Учителя математики»');
    await teacher.say('');
    await teacher.expect('Ответ пустой.');
    await teacher.say('Методобъединение');
    const renamed = await teacher.expect('Чат «Методобъединение»');
    expect(renamed.text).toContain('Для кого: все учителя школы.');
    await teacher.press('Создать');
    const report = await teacher.expect('✅ Чат «Методобъединение» создан.');
    const link = linkIn(report.text);
    expect((await oleg.expect('создала чат «Методобъединение» (все учителя школы)')).text).toContain(link);
    await h.idle();
    expect(igor.received).toHaveLength(0);
    expect(vanya.received).toHaveLength(0);
    const [chat] = await h.bot.app.services.studyChats.all();
    expect(chat).toMatchObject({ kind: 'other', audience: { kind: 'role', role: 'teacher' } });
    const before = teacher.received.length;
    await oleg.joinChat(link);
    await h.idle();
    expect(teacher.received).toHaveLength(before);
    await vanya.joinChat(link);
    await teacher.expect('В чат «Методобъединение» (все учителя школы) по ссылке вошёл [id310|Сидоров Ваня] — этот чат не для него');

    // Олег leaves the school: he is taken out of the role chat, the teacher and the admin are told.
    const admin = h.admin();
    await admin.say('/left 303');
    await admin.expect('как выбывш');
    await admin.press('Да, выбыл');
    const done = await admin.expect('Права закончились');
    expect(done.text).toContain('удалён из чата «Методобъединение».');
    await teacher.expect('выбыл из школы и удалён из чата «Методобъединение».');
    expect(h.driver.chat(chat!.peer!).memberIds).not.toContain(303);
    // The student who came in uninvited stays until the teacher removes him: only a leaver is taken out.
    expect(h.driver.chat(chat!.peer!).memberIds).toContain(310);
  });

  it('F25: bad input at each step of an "other" chat is asked again and loses nothing; a one-class chat with the parents; a student is refused', async () => {
    const vanya = h.driver.user({ id: 310, firstName: 'Ваня', allowsMessages: true });
    await vanya.say('/чат');
    await vanya.expect('Учебные чаты создают учителя школы.');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    const olga = h.driver.user({ id: 312, firstName: 'Ольга', allowsMessages: true });
    await teacher.say('/чат');
    await teacher.expect('Какой чат создать?');
    await teacher.say('кружок');
    const again = await teacher.expect('Выберите вариант кнопкой ниже.');
    expect(labels(again)).toEqual(['Предметный чат класса', 'Другой чат', 'Отмена']);
    await teacher.press('Другой чат');
    await teacher.expect('Как назвать чат?');
    await teacher.say('   ');
    await teacher.expect('Ответ пустой.');
    await teacher.say('Ш'.repeat(101));
    await teacher.expect('Слишком длинно: не больше 100 символов.');
    await teacher.say('/шахматы');
    await teacher.expect('Здесь нужен ответ, а не команда.');
    await teacher.say('Театральная студия');
    await teacher.expect('Для кого чат «Театральная студия»');
    await teacher.say('для всех');
    await teacher.expect('Выберите вариант кнопкой ниже.');
    await teacher.press('Один класс');
    const classes = await teacher.expect('Для какого класса чат «Театральная студия»?');
    expect(labels(classes)).toEqual(['5А', '6А', 'Отмена']);
    await teacher.say('9Я');
    await teacher.expect('Для какого класса чат «Театральная студия»?');
    await teacher.press('5А');
    await teacher.expect('Кому отправить ссылку на чат «Театральная студия»');
    await teacher.say('всем');
    await teacher.expect('Выберите вариант кнопкой ниже.');
    await teacher.press('Ученикам и родителям');
    const confirm = await teacher.expect('Чат «Театральная студия»');
    expect(confirm.text).toContain('Для кого: ученики и родители класса 5А.');
    await teacher.say('да');
    await teacher.expect('Выберите вариант кнопкой ниже.');
    // A button of an earlier step, pressed now, is stale.
    h.emulator.userMessage(300, 'Роль', { peerId: 300, payload: { k: 'scene', s: 'study-chat', v: 'role' } });
    const stale = await teacher.expect('Эта кнопка устарела');
    expect(stale.text).toContain('Для кого: ученики и родители класса 5А.');
    await h.idle();
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(0);
    await teacher.press('Создать');
    const report = await teacher.expect('✅ Чат «Театральная студия» создан.');
    // Маша never wrote to the community: she is named.
    expect(report.text).toContain('Ссылку получили в личных сообщениях: 2 из 3.');
    expect(report.text).toContain('1. [id311|Козлова Маша], ученица');
    await olga.expect('создала чат «Театральная студия» (ученики и родители класса 5А) и приглашает родителей.');
    expect(h.emulator.callsOf('messages.createChat')).toHaveLength(1);
  });
  it('F25: the classes of an "other" chat are paged when they do not fit one keyboard; the marks are kept across the pages', async () => {
    const names = [];
    for (let grade = 1; grade <= 10; grade++) for (const letter of ['А', 'Б', 'В', 'Г']) if (!(letter === 'А' && (grade === 5 || grade === 6))) names.push(`${grade}${letter}`);
    await h.bot.app.services.classes.createMany(ADMIN, names);
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', allowsMessages: true });
    await otherChatNamed(teacher, 'Параллель');
    await teacher.press('Несколько классов');
    const first = await teacher.expect('Отметьте классы для чата «Параллель»');
    expect(first.text).toContain('Страница 1 из 2');
    expect(labels(first)).toContain('Ещё');
    expect(labels(first).length).toBeLessThanOrEqual(40);
    await teacher.press('5А');
    await teacher.expect('Выбрано: 5А.');
    await teacher.press('Ещё');
    const second = await teacher.expect('Страница 2 из 2');
    expect(second.text).toContain('Выбрано: 5А.');
    const onSecond = labels(second).find((label) => /^\d+[А-Г]$/u.test(label))!;
    await teacher.press(onSecond);
    await teacher.expect(`Выбрано: 5А, ${onSecond}.`);
    await teacher.press('Назад');
    const back = await teacher.expect('Страница 1 из 2');
    expect(labels(back)).toContain('✓ 5А');
    await teacher.press('Готово');
    await teacher.expect('Кому отправить ссылку на чат «Параллель»');
    await teacher.press('Ученикам и родителям');
    const confirm = await teacher.expect('Чат «Параллель»');
    expect(confirm.text).toContain(`Для кого: ученики и родители классов 5А, ${onSecond}.`);
  });
});
