import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('classes (F04)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F04: /classes lists classes with students, parents and the class teacher', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6Б']);
    await verifiedTeacher(s, 300, 'Петрова Анна Ивановна');
    await s.members.assignClassTeacher(ADMIN, (await s.classes.findByName('5А'))!.id, vk(300));
    await joinAs(s, 'student', '5А', 301, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 302, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 303, 'Сидорова Ольга', 'Сидоров Ваня');
    const admin = h.admin();
    await admin.say('/классы');
    const list = await admin.expect('Классов: 2');
    expect(list.text).toContain('Учительская — учителей: 1');
    expect(list.text).toContain('5А — учеников: 2, родителей: 1, кл. руководитель: Петрова Анна Ивановна');
    expect(list.text).toContain('6Б — учеников: 0, родителей: 0, кл. руководитель: не назначен');
    expect(labels(list)).toEqual(['Создать структуру', 'Переименовать', 'В архив', 'Классные руководители']);
  });

  it('F04: /classes 5А 5Б … creates several at once, normalising names and refusing duplicates and bad names with reasons', async () => {
    await h.bot.app.services.classes.create(ADMIN, '6А');
    const admin = h.admin();
    await admin.say('/classes 5a 5-б 6 А 5 12А 5АБ, 5Q');
    const reply = await admin.expect('Создано');
    expect(reply.text).toContain('Создано 2 класса: 5А, 5Б.');
    expect(reply.text).toContain('Уже есть, не создавались: 6А.');
    expect(reply.text).toContain('«5»: нет буквы');
    expect(reply.text).toContain('«12А»: номер класса должен быть от 1 до 11');
    expect(reply.text).toContain('«5АБ»: нужна одна буква');
    expect(reply.text).toContain('«5Q»: буква должна быть русской');
    const names = (await h.bot.app.services.classes.list()).map((c) => c.name);
    expect(names).toEqual(['Учительская', '5А', '5Б', '6А']);
  });

  it('F04: the wizard builds the structure grades × letters with a preview marking existing classes', async () => {
    await h.bot.app.services.classes.create(ADMIN, '5А');
    const admin = h.admin();
    await admin.say('/classes');
    await admin.expect('Классов: 1');
    await admin.press('Создать структуру');
    const from = await admin.expect('С какого класса');
    expect(labels(from)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'Отмена']);
    await admin.say('12');
    await admin.expect((m) => m.text.includes('Нужна цифра от 1 до 11') && m.text.includes('С какого класса'));
    await admin.press('5');
    const to = await admin.expect('До какого класса');
    expect(labels(to)).toEqual(['5', '6', '7', '8', '9', '10', '11', 'Отмена']);
    await admin.say('4');
    await admin.expect('Нужна цифра от 5 до 11');
    await admin.press('6');
    const letters = await admin.expect('Какие буквы');
    expect(labels(letters)).toEqual(['А Б', 'А Б В', 'А Б В Г', 'Отмена']);
    await admin.say('А Q');
    await admin.expect('«Q» — не русская буква');
    await admin.say('', { payload: { k: 'scene', s: 'promotion', v: 'apply' } });
    await admin.expect((m) => m.text.includes('кнопка устарела') && m.text.includes('Какие буквы'));
    await admin.press('А Б В');
    const preview = await admin.expect('Проверьте список классов');
    expect(preview.text).toContain('5А (уже есть), 5Б, 5В');
    expect(preview.text).toContain('6А, 6Б, 6В');
    expect(preview.text).toContain('Будет создано: 5. Уже есть: 1.');
    expect(labels(preview)).toEqual(['Создать (5)', 'Другие буквы', 'Отмена']);
    await admin.say('ну да');
    await admin.expect((m) => m.text.includes('Выберите вариант кнопкой') && m.text.includes('Проверьте список'));
    await admin.press('Создать (5)');
    const done = await admin.expect('Создано 5 классов');
    expect(done.text).toContain('5Б, 5В, 6А, 6Б, 6В');
    const names = (await h.bot.app.services.classes.list()).map((c) => c.name);
    expect(names).toEqual(['Учительская', '5А', '5Б', '5В', '6А', '6Б', '6В']);
    const audit = await h.bot.app.services.audit.recent(10);
    // five by the wizard, one arranged before it
    expect(audit.filter((e) => e.action === 'class.created' && e.actor === ADMIN)).toHaveLength(6);
  });

  it('F04: at most 10 letters a grade, by the wizard and by /classes with names typed; nothing is created past it', async () => {
    const admin = h.admin();
    await admin.say('/classes grid');
    await admin.expect('С какого класса');
    await admin.press('5');
    await admin.expect('До какого класса');
    await admin.press('5');
    await admin.expect('буквы');
    await admin.say('А Б В Г Д Е Ж З И К Л');
    await admin.expect('Слишком много букв: не больше 10 в параллели.');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    await admin.say('/classes 5А 5Б 5В 5Г 5Д 5Е 5Ж 5З 5И 5К 5Л');
    await admin.expect('Слишком много букв: не больше 10 в параллели.');
    expect((await h.bot.app.services.classes.list()).map((c) => c.name)).toEqual(['Учительская']);
  });

  it('F04: the wizard is cancelled with /отмена and creates nothing', async () => {
    const admin = h.admin();
    await admin.say('/classes grid');
    await admin.expect('С какого класса');
    await admin.press('1');
    await admin.expect('До какого класса');
    await admin.say('/отмена');
    await admin.expect('Отменено');
    expect((await h.bot.app.services.classes.list()).map((c) => c.name)).toEqual(['Учительская']);
  });

  it('F04: rename by command and by buttons; taken and bad names are refused with the reason', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    const admin = h.admin();
    await admin.say('/rename 5А 6А');
    await admin.expect('Класс 6А уже есть');
    await admin.say('/rename 5А 5');
    await admin.expect('Название «5» не подходит: нет буквы');
    await admin.say('/rename 5а 5 б');
    await admin.expect('Класс 5А переименован в 5Б.');
    await admin.say('/rename Учительская 7А');
    await admin.expect('«Учительскую» нельзя переименовать');
    await admin.say('/переименовать');
    const pick = await admin.expect('Какой класс переименовать?');
    expect(labels(pick)).toEqual(['5Б', '6А', 'Отмена']);
    await admin.press('6А');
    await admin.expect('Напишите новое название для 6А');
    await admin.say('5б');
    await admin.expect((m) => m.text.includes('Класс 5Б уже есть') && m.text.includes('новое название для 6А'));
    await admin.say('7 в');
    await admin.expect('Класс 6А переименован в 7В.');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская', '5Б', '7В']);
  });

  it('F04: archive asks for confirmation; the staff room can never be archived', async () => {
    const s = h.bot.app.services;
    const created = await s.classes.create(ADMIN, '5А');
    await s.invites.create(ADMIN, { classId: created.id, role: 'student' });
    const admin = h.admin();
    await admin.say('/classes archived');
    await admin.expect('В архиве пока нет классов');
    await admin.say('/archive Учительская');
    await admin.expect('«Учительскую» нельзя переименовать, убрать в архив');
    await admin.say('/archive 9Я');
    await admin.expect('Класса 9Я нет');
    await admin.say('/archive 5А');
    const ask = await admin.expect('Убрать класс 5А в архив?');
    expect(ask.keyboard?.inline).toBe(true);
    await admin.press('Отмена');
    await admin.expectAnswer();
    expect(admin.lastSnackbar()).toContain('ничего не изменилось');
    expect((await s.classes.get(created.id))?.status).toBe('active');
    await admin.press('Да, в архив');
    await admin.expect('Класс 5А убран в архив. Отозвано приглашений: 1.');
    expect((await s.classes.get(created.id))?.status).toBe('archived');
    await admin.press('Да, в архив');
    await admin.expect('Класс 5А уже в архиве');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская']);
    await admin.say('/classes архив');
    const archived = await admin.expect('Классы в архиве: 1.');
    expect(archived.text).toMatch(/5А — в архиве с \d{1,2} \S+ \d{4}/);
  });

  it('F04: a teacher and the head may not create classes; a stranger may not list them', async () => {
    const s = h.bot.app.services;
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await verifiedTeacher(s, 301, 'Кузнецов Олег');
    await s.members.setAdministrationRole(ADMIN, vk(301), 'head');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна' });
    await teacher.say('/classes create 5А');
    await teacher.expect('Эта команда вам недоступна');
    await teacher.say('/archive 5А');
    await teacher.expect('Эта команда вам недоступна');
    const head = h.driver.user({ id: 301, firstName: 'Олег' });
    await head.say('/classes 5А');
    await head.expect('У вас нет прав на это действие');
    await head.say('/classes');
    const list = await head.expect('Классов: 0');
    expect(list.keyboard).toBeUndefined();
    const stranger = h.driver.user({ id: 999, firstName: 'Пётр' });
    await stranger.say('/classes');
    await stranger.expect('Эта команда вам недоступна');
    expect((await s.classes.list()).map((c) => c.name)).toEqual(['Учительская']);
  });
});
