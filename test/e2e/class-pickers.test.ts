import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

/** 45 classes: 1А…11Г and 11Д, more than one reply keyboard (40 buttons) holds. */
const CLASSES = [...Array.from({ length: 11 }, (_, i) => ['А', 'Б', 'В', 'Г'].map((letter) => `${i + 1}${letter}`)).flat(), '11Д'];

describe('class pickers with more classes than one keyboard holds (F04 F05 F07 F10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    await h.bot.app.services.classes.createMany(ADMIN, CLASSES);
  });
  afterEach(() => h.close());

  it('/rename pages the classes with «Ещё» and «Назад»; a class on the second page can be picked', async () => {
    const admin = h.admin();
    await admin.say('/rename');
    const first = await admin.expect('Какой класс переименовать?');
    expect(first.text).toContain('Страница 1 из 2.');
    expect(labels(first)).toEqual([...CLASSES.slice(0, 35), 'Ещё', 'Отмена']);
    await admin.press('Ещё');
    const second = await admin.expect('Страница 2 из 2.');
    expect(labels(second)).toEqual([...CLASSES.slice(35), 'Назад', 'Отмена']);
    await admin.press('Назад');
    const back = await admin.expect('Страница 1 из 2.');
    expect(labels(back)).toEqual(labels(first));
    await admin.press('Ещё');
    await admin.expect('Страница 2 из 2.');
    await admin.press('11Д');
    await admin.expect('Напишите новое название для 11Д');
    await admin.say('11Е');
    await admin.expect('Класс 11Д переименован в 11Е.');
    expect(await h.bot.app.services.classes.findByName('11Е')).toBeDefined();
  });

  it('/transfer, /classteacher, /archive and /class reach a class on the second page', async () => {
    const s = h.bot.app.services;
    await joinAs(s, 'student', '1А', 310, 'Сидоров Ваня');
    const admin = h.admin();

    await admin.say('/transfer 310');
    const targets = await admin.expect('В какой класс перевести');
    expect(labels(targets)).toEqual([...CLASSES.slice(1, 36), 'Ещё', 'Отмена']);
    await admin.press('Ещё');
    expect(labels(await admin.expect('Страница 2 из 2.'))).toEqual([...CLASSES.slice(36), 'Назад', 'Отмена']);
    await admin.press('11Д');
    await admin.expect('[id310|Сидоров Ваня] переведён из 1А в 11Д');
    expect((await s.members.get(vk(310)))?.classIds).toEqual([(await s.classes.findByName('11Д'))!.id]);

    await admin.say('/classteacher');
    await admin.expect('Выберите класс:');
    await admin.press('Ещё');
    await admin.expect('Страница 2 из 2.');
    await admin.press('11Г');
    await admin.expect('У 11Г пока нет классного руководителя');

    await admin.say('/archive');
    await admin.expect('Какой класс убрать в архив?');
    await admin.press('Ещё');
    await admin.expect('Страница 2 из 2.');
    await admin.press('10В');
    await admin.expect('Убрать класс 10В в архив?');

    // The roster picker also lists the staff room, four to a row.
    await admin.say('/class');
    const rosters = await admin.expect('Состав какого класса показать?');
    expect(labels(rosters)).toEqual(['Учительская', ...CLASSES.slice(0, 35), 'Ещё']);
    await admin.press('Ещё');
    expect(labels(await admin.expect('Страница 2 из 2.'))).toEqual([...CLASSES.slice(35), 'Назад']);
    await admin.press('11Д');
    await admin.expect('Класс 11Д');
  });

  it('the invite builder and the promotion «keep» step page their class buttons too', async () => {
    const admin = h.admin();
    await admin.say('/invite');
    const first = await admin.expect('Куда приглашаем?');
    expect(first.text).toContain('Страница 1 из 2.');
    expect(labels(first)).toEqual(['Учительская', ...CLASSES.slice(0, 34), 'Ещё', 'Отмена']);
    await admin.press('Ещё');
    const second = await admin.expect('Страница 2 из 2.');
    expect(labels(second)).toEqual([...CLASSES.slice(34), 'Назад', 'Отмена']);
    await admin.press('11Д');
    await admin.expect('Кого приглашаем в 11Д?');
    await admin.say('/отмена');
    await admin.expect('Отменено');

    await admin.say('/promote');
    await admin.expect('Перевод на следующий учебный год');
    await admin.press('Оставить класс на месте');
    const keep = await admin.expect('Какой класс оставить на месте');
    expect(labels(keep)).toEqual([...CLASSES.slice(0, 35), 'Ещё', 'К плану', 'Отмена']);
    await admin.press('Ещё');
    const keepSecond = await admin.expect('Страница 2 из 2.');
    expect(labels(keepSecond)).toEqual([...CLASSES.slice(35), 'Назад', 'К плану', 'Отмена']);
    await admin.press('11Д');
    const plan = await admin.expect('Перевод на следующий учебный год');
    expect(plan.text).toContain('Остаются на месте: 11Д');
  });
});
