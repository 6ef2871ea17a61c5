import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs } from '../helpers/school-people.js';
import { PROFILE } from '../helpers/school-profile.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('help by role, the FAQ, a question to the admins, support, the regulation and the instructions (F14, F15, F17, F29, F30)', () => {
  let h: Harness;
  let p: ReturnType<typeof people>;
  beforeEach(async () => {
    h = await Harness.start();
    p = people();
    const s = h.bot.app.services;
    await h.bot.app.school.save(PROFILE, ADMIN);
    await s.classes.createMany(ADMIN, ['5А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    // A second admin: both get the question; the first to answer answers it.
    await s.members.ensureBootstrapAdmins([vk(101)]);
  });
  afterEach(() => h.close());

  /** The people, each made once a test (making a VK user again would forget that they wrote to the community). */
  function people() {
    return {
      admin: h.admin(),
      second: h.driver.user({ id: 101, firstName: 'Олег', lastName: 'Второв', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
      stranger: h.driver.user({ id: 500, firstName: 'Пётр', lastName: 'Новиков', allowsMessages: true }),
    };
  }

  it('F14: /помощь shows a student and an admin different topics as buttons; a topic shows its short text with its commands by their Russian names and «Назад»', async () => {
    const { admin, vanya } = p;
    await vanya.say('/помощь');
    const student = await vanya.expect('Ваши роли: ученик');
    expect(student.text).toContain('Что вы можете сделать');
    expect(student.text.split('\n').length).toBeLessThan(6);
    expect(labels(student)).toEqual(['Чаты и уроки', 'Общее', 'Частые вопросы', 'Вопрос администратору', 'Все команды']);

    await admin.say('/помощь');
    const home = await admin.expect('Ваши роли: администратор');
    expect(labels(home)).toEqual(['Школа и классы', 'Люди и заявки', 'Каналы и посты', 'Встречи и трансляции', 'Чаты и уроки', 'Общее', 'Частые вопросы', 'Вопрос администратору', 'Все команды']);
    await admin.press('Школа и классы');
    const topic = await admin.expect('🏫 Школа и классы');
    expect(topic.text).toContain('/школа — ');
    expect(topic.text).toContain('/классы — ');
    expect(topic.text).not.toContain('/school');
    expect(labels(topic)).toEqual(['Назад']);
    await admin.press('Назад');
    expect(labels(await admin.expect('Ваши роли: администратор'))).toContain('Люди и заявки');

    // The student's «Общее»: the question, the regulation, support, the instructions, the language.
    await vanya.press('Общее');
    const basics = await vanya.expect('ℹ️ Общее');
    for (const command of ['/вопрос', '/правила', '/поддержка', '/ресурсы', '/язык']) expect(basics.text).toContain(`${command} — `);
    // «Все команды»: the full list, generated from the registry.
    await vanya.press('Все команды');
    expect((await vanya.expect('Что вы можете сделать:')).text).toContain('/правила');
    // A forged topic, and a topic the student has nothing in, are refused.
    const forged = h.emulator.messageEvent(310, 310, student.cmid, { k: 'cb', a: 'help.t', id: 'setup' });
    expect((await vanya.expectAnswer(forged))?.text).toBe('Кнопка устарела. Откройте последнее сообщение.');
    await h.idle();
    expect(vanya.received.filter((m) => m.text.includes('Школа и классы'))).toHaveLength(0);
  });

  it('F14: in English the topics, their commands (by their Latin names) and the FAQ are in English', async () => {
    const { admin } = p;
    await admin.say('/lang en');
    await admin.expect('English');
    await admin.say('/help');
    const home = await admin.expect('Your roles: administrator');
    expect(home.text).toContain('What you can do');
    expect(labels(home)).toContain('School and classes');
    await admin.press('School and classes');
    const topic = await admin.expect('🏫 School and classes');
    expect(topic.text).toContain('/school — ');
    expect(topic.text).not.toContain('/школа');
    await admin.press('Back');
    await admin.expect('Your roles');
    await admin.press('FAQ');
    await admin.expect('Frequently asked questions');
    await admin.press('The bot does not write to me');
    await admin.expect('«Allow messages»');
  });

  it('F14: the FAQ as buttons: how to join, where the chats are, who confirms teachers, what to do if the bot cannot write, the language; «Назад» to the list', async () => {
    const { vanya } = p;
    await vanya.say('/помощь');
    await vanya.expect('Ваши роли');
    await vanya.press('Частые вопросы');
    const list = await vanya.expect('Частые вопросы. Выберите вопрос:');
    expect(labels(list)).toEqual(['Как вступить', 'Где мои чаты', 'Кто подтверждает учителей', 'Бот мне не пишет', 'Как сменить язык', 'Не работает «Сферум»', 'Назад']);
    const answers: Record<string, string> = {
      'Как вступить': 'ссылку-приглашение',
      'Где мои чаты': 'бот присылает ссылку',
      'Кто подтверждает учителей': 'руководитель школы и его заместители',
      'Бот мне не пишет': '«Разрешить сообщения»',
      'Как сменить язык': '/язык',
      'Не работает «Сферум»': 'info@sferum.ru',
    };
    for (const [question, words] of Object.entries(answers)) {
      await vanya.press(question);
      const answer = await vanya.expect(words);
      expect(labels(answer)).toEqual(['Назад']);
      await vanya.press('Назад');
      await vanya.expect('Частые вопросы. Выберите вопрос:');
    }
    expect((await vanya.expect(() => true, { timeout: 1 }).catch(() => undefined))).toBeUndefined();
    const write = vanya.received.find((m) => m.text.startsWith('Бот мне не пишет'));
    expect(write?.text).toContain(`vk.me/club${h.emulator.groupId}`);
  });

  it('F14: «Вопрос администратору» → both admins get the card → the first «Ответить» relays the answer to the student, the other copy shows who answered; the other admin\'s late press is refused; stored in Redis', async () => {
    const { admin, second, vanya } = p;
    await second.say('/помощь');
    await second.expect('Ваши роли');
    await admin.say('/помощь');
    await admin.expect('Ваши роли');
    await vanya.say('/помощь');
    await vanya.expect('Ваши роли');
    await vanya.press('Вопрос администратору');
    const ask = await vanya.expect('Напишите ваш вопрос администратору школы');
    expect(labels(ask)).toEqual(['Отмена']);
    const text = 'Когда будет родительское собрание в 5А?';
    await vanya.say(text);
    await vanya.expect('✅ Вопрос отправлен администрации школы. Ответ придёт сюда же.');
    const card = await admin.expect('❓ Вопрос от [id310|Сидорова Вани]');
    expect(card.text).toContain(text);
    expect(labels(card)).toEqual(['Ответить']);
    const copy = await second.expect('❓ Вопрос от [id310|Сидорова Вани]');
    const questionId = (JSON.parse(String(card.keyboard?.buttons[0]?.[0]?.payload)) as { id: string }).id;
    expect(await h.bot.app.services.questions.get(questionId)).toMatchObject({ from: vk(310), text, status: 'open' });

    await admin.press('Ответить');
    await admin.expect('Напишите ответ одним сообщением');
    await admin.say('В четверг в 18:00, кабинет 12.');
    await admin.expect('✅ Ответ отправлен автору вопроса.');
    const relayed = await vanya.expect('💬 [id100|Мария Иванова] ответила на ваш вопрос:');
    expect(relayed.text).toContain(`«${text}»`);
    expect(relayed.text).toContain('В четверг в 18:00, кабинет 12.');
    await h.idle();
    const edited = h.emulator.sentTo(101).find((m) => m.cmid === copy.cmid);
    expect(edited?.text).toContain('✅ Ответила Мария Иванова');
    expect(edited?.text).toContain('В четверг в 18:00, кабинет 12.');
    expect(edited?.keyboard).toBeUndefined();
    expect(await h.bot.app.services.questions.get(questionId)).toMatchObject({ status: 'answered', answeredBy: ADMIN, answer: 'В четверг в 18:00, кабинет 12.' });

    // The second admin's old button: answered before; no dialog opens, nothing is relayed twice.
    const late = h.emulator.messageEvent(101, 101, copy.cmid, { k: 'cb', a: 'q.ans', id: questionId });
    expect((await second.expectAnswer(late))?.text).toBe('На этот вопрос уже ответила Мария Иванова.');
    await h.idle();
    expect(second.received.filter((m) => m.text.includes('Напишите ответ'))).toHaveLength(0);
    expect(vanya.received.filter((m) => m.text.includes('ответила на ваш вопрос'))).toHaveLength(1);
  });

  it('F14: an empty, a command-like or a too long question is refused and asked again; «Отмена» sends nothing; a stranger may not ask', async () => {
    const { admin, vanya, stranger } = p;
    await admin.say('/помощь');
    await admin.expect('Ваши роли');
    await vanya.say('/вопрос');
    await vanya.expect('Напишите ваш вопрос администратору школы');
    await vanya.say('', { attachments: ['sticker0_9012'] });
    await vanya.expect('Ответ пустой. Напишите, пожалуйста, текстом.');
    await vanya.say('/классы');
    await vanya.expect('Здесь нужен ответ, а не команда.');
    await vanya.say('я'.repeat(1001));
    const long = await vanya.expect('Слишком длинно: не больше 1000 символов.');
    expect(long.text).toContain('Сейчас — 1001.');
    expect(long.text).toContain('Напишите ваш вопрос администратору школы');
    await vanya.press('Отмена');
    await vanya.expect('Отменено.');
    await h.idle();
    expect(admin.received.filter((m) => m.text.includes('❓ Вопрос'))).toHaveLength(0);
    expect(await h.bot.app.services.questions.get('q1')).toBeUndefined();

    await stranger.say('/вопрос');
    await stranger.expect('Вопрос администратору могут задать участники школы.');
  });

  it('F14: a forged «Ответить» (a student, or an unknown question) is refused and opens nothing', async () => {
    const { admin, vanya } = p;
    await admin.say('/помощь');
    const help = await admin.expect('Ваши роли');
    const unknown = h.emulator.messageEvent(ADMIN_ID, ADMIN_ID, help.cmid, { k: 'cb', a: 'q.ans', id: 'q999' });
    expect((await admin.expectAnswer(unknown))?.text).toBe('Кнопка устарела. Откройте последнее сообщение.');
    await vanya.say('/помощь');
    const own = await vanya.expect('Ваши роли');
    const forged = h.emulator.messageEvent(310, 310, own.cmid, { k: 'cb', a: 'q.ans', id: 'q1' });
    expect((await vanya.expectAnswer(forged))?.text).toBe('Отвечать на вопросы могут администраторы платформы.');
    await h.idle();
    expect(admin.received.filter((m) => m.text.includes('Напишите ответ'))).toHaveLength(0);
    expect(vanya.received.filter((m) => m.text.includes('Напишите ответ'))).toHaveLength(0);
  });

  it('F15, F29: /поддержка gives info@sferum.ru and a ready letter with the school, the role and the date; typed with a description, the letter has it; a stranger gets it too', async () => {
    const { vanya, stranger } = p;
    await vanya.say('/поддержка');
    const letter = await vanya.expect('Поддержка «Сферума» отвечает по электронной почте: info@sferum.ru.');
    expect(letter.text).toContain('Кому: info@sferum.ru');
    expect(letter.text).toContain('Тема: Обращение в поддержку: МАОУ СОШ № 11');
    expect(letter.text).toContain(`Школа: ${PROFILE.fullName} (${PROFILE.shortName}), ${PROFILE.city}`);
    expect(letter.text).toContain('Моя роль: ученик');
    expect(letter.text).toMatch(/Дата: \d{1,2} [а-я]+\.? \d{4}/u);
    expect(letter.text).toContain('Проблема: [опишите здесь, что случилось');
    await vanya.say('/поддержка не открывается учебный профиль');
    const filled = await vanya.expect('Ниже готовое письмо с вашим описанием');
    expect(filled.text).toContain('Проблема: не открывается учебный профиль');
    await stranger.say('/поддержка');
    expect((await stranger.expect('info@sferum.ru')).text).toContain('Моя роль: ещё не участник школы');
  });

  it('F17: /правила shows the regulation\'s sections as buttons; a section shows its text with «Назад»; a forged section is refused; in English a note says it is in Russian', async () => {
    const { vanya, admin } = p;
    await vanya.say('/правила');
    const home = await vanya.expect('📘 Положение об использовании ИКОП «Сферум»');
    expect(labels(home)).toEqual(['1. Общие положения', 'Понятия', '2.1. Администратор', '2.2. Администрация', 'Педагогический работник', 'Обучающийся', '3. Права', '4. Заключительные положения']);
    await vanya.press('3. Права');
    const rights = await vanya.expect('3. Права участников образовательных отношений');
    expect(rights.text).toContain('info@sferum.ru');
    expect(rights.text).toContain('prof-sferum.ru');
    expect(labels(rights)).toEqual(['Назад']);
    await vanya.press('Назад');
    await vanya.expect('📘 Положение');
    await vanya.press('2.1. Администратор');
    expect((await vanya.expect('2.1. Действия администратора ИКОП «Сферум»')).text).toContain('класс «Учительская»');
    const forged = h.emulator.messageEvent(310, 310, home.cmid, { k: 'cb', a: 'rules.s', id: '42' });
    expect((await vanya.expectAnswer(forged))?.text).toBe('Кнопка устарела. Откройте последнее сообщение.');

    await admin.say('/lang en');
    await admin.expect('English');
    await admin.say('/rules');
    await admin.expect('It is in Russian only');
    await admin.press('4. Заключительные положения');
    const final = await admin.expect('The regulation is in force in Russian');
    expect(final.text).toContain('4.2. Настоящее Положение действительно до принятия нового Положения.');
  });

  it('F30: /ресурсы links prof-sferum.ru with a button that opens it; a stranger gets it too', async () => {
    const { vanya, stranger } = p;
    await vanya.say('/ресурсы');
    const resources = await vanya.expect('📚 Официальные инструкции');
    expect(resources.text).toContain('https://prof-sferum.ru');
    expect(labels(resources)).toEqual(['Открыть prof-sferum.ru']);
    expect(await vanya.press('Открыть prof-sferum.ru')).toMatchObject({ type: 'open_link', link: 'https://prof-sferum.ru' });
    await stranger.say('/инструкции');
    await stranger.expect('https://prof-sferum.ru');
  });
});
