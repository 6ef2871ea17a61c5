import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vk } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';
import { keysMatching } from '../helpers/redis.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('the journal of actions (/журнал, F10)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const classId = async (name: string): Promise<string> => (await h.bot.app.services.classes.findByName(name))!.id;

  /** The Redis key of the school's audit list. */
  async function auditKey(): Promise<string> {
    const lists: string[] = [];
    for (const key of await keysMatching(h.db.redis, `${h.db.prefix}*audit`)) if ((await h.db.redis.type(key)) === 'list') lists.push(key);
    expect(lists).toHaveLength(1);
    return lists[0]!;
  }

  it('F10: /журнал reads as Russian sentences with names, and a class as it was named then (a transfer into 6А still says 6А after promotion)', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const admin = h.admin();
    await admin.say('/перевести 310 6А');
    await admin.expect('переведён из 5А в 6А');
    await admin.say('/promote');
    await admin.expect('Перевод на следующий учебный год');
    await admin.press('Перевести');
    await admin.expect('Готово: переведено классов — 2');
    await admin.say('/журнал');
    const log = await admin.expect('Журнал действий за всё время.');
    expect(log.text).toMatch(/\d\d\.\d\d, \d\d:\d\d — \[id100\|Иванова Мария\]: перевод в другой класс: \[id310\|Сидоров Ваня\], из 5А в 6А/u);
    expect(log.text).toContain('новый учебный год: 6А теперь 7А');
    expect(log.text).toContain('новый учебный год: 5А теперь 6А');
    expect(log.text).toMatch(/переход на новый учебный год: переведено классов — 2, выпущено — 0, выпускников и их родителей — 0, отозвано приглашений — \d+/u);
    // No internal ids nor English keys reach the admin.
    expect(log.text).not.toMatch(/movement\.|class\.|fromClassId|\bc\d+\b|\(id\d+/u);
    expect(labels(log)).toEqual(expect.arrayContaining(['Сегодня', 'Неделя', 'Месяц', 'Всё время', 'По классу', 'Другие даты', 'Выгрузить файл', 'Ещё']));
    // The entry itself keeps the class names of its moment, and ids only for people.
    const transferred = (await s.audit.recent(50)).find((e) => e.action === 'movement.transferred');
    expect(transferred?.details).toMatchObject({ className: '6А', fromClassName: '5А' });
    expect(JSON.stringify(transferred)).not.toContain('Сидоров');
  });

  it('F10: an old entry without stored names shows the class as it is now, or that it was deleted; other people see no journal', async () => {
    const s = h.bot.app.services;
    await s.classes.create(ADMIN, '5А');
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const key = await auditKey();
    const at = Date.now();
    await h.db.redis.lpush(key, JSON.stringify({ id: 9001, at, actor: ADMIN_ID, action: 'class.created', target: { classId: await classId('5А') } }));
    await h.db.redis.lpush(key, JSON.stringify({ id: 9002, at, actor: 'system', action: 'class.created', target: { classId: 'c999' } }));
    await h.db.redis.lpush(key, JSON.stringify({ id: 9003, at, actor: 300, action: 'something.new', target: {} }));
    const admin = h.admin();
    await admin.say('/журнал');
    const log = await admin.expect('Журнал действий');
    expect(log.text).toContain('создан класс 5А');
    expect(log.text).toContain('бот: создан класс (класс удалён)');
    expect(log.text).toContain('[id300|Петрова Анна]: другое действие');
    expect(log.text).toContain('подтверждён статус учителя: [id300|Петрова Анна]');
    const teacher = h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова' });
    await teacher.say('/журнал');
    await teacher.expect('Эта команда вам недоступна');
  });

  it('F10: filters by period (today, week, month, typed dates), by class and by person, with buttons and pages', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '5Б']);
    const names = ['Андреев Антон', 'Борисов Борис', 'Васильев Вадим', 'Громов Глеб', 'Денисов Данила', 'Егоров Егор'];
    for (const [i, name] of names.entries()) await joinAs(s, 'student', '5А', 400 + i, name);
    await joinAs(s, 'student', '5Б', 410, 'Соколова Маша');
    const key = await auditKey();
    const old = Date.UTC(2025, 8, 10, 9, 0); // 10.09.2025, 12:00 in Moscow
    await h.db.redis.rpush(key, JSON.stringify({ id: 9100, at: old, actor: ADMIN_ID, action: 'class.created', target: { classId: await classId('5Б') }, details: { className: '4Б' } }));
    const admin = h.admin();
    await admin.say('/журнал');
    const first = await admin.expect('Журнал действий за всё время.');
    expect(first.text).toContain('Страница 1 из');
    expect(first.text.split('\n').filter((l) => l.includes(' — '))).toHaveLength(10);
    await admin.press('Ещё');
    const second = await admin.expect((m) => m.text.includes('Страница 2 из'));
    expect(labels(second)).toContain('Назад');
    await admin.press('Неделя');
    const week = await admin.expect('Журнал действий за неделю.');
    expect(week.text).not.toContain('4Б');
    // A typed range finds the old entry, with the class name it had then.
    await admin.say('/журнал 01.09.2025 – 30.09.2025');
    const range = await admin.expect('Журнал действий за период 01.09.2025–30.09.2025. 1 запись.');
    expect(range.text).toContain('10.09, 12:00');
    expect(range.text).toContain('создан класс 4Б');
    await admin.say('/журнал 30.02–01.03');
    await admin.expect('«30.02–01.03» — не период.');
    await admin.say('/журнал вчера');
    await admin.expect('«вчера» — непонятно.');
    await admin.say('/журнал 9В');
    await admin.expect('Класса 9В нет.');
    // A forged class in the arguments finds nothing and names nothing internal.
    await admin.say('/журнал класс:c404');
    const forged = await admin.expect('Журнал действий за всё время, класс (класс удалён). Записей нет.');
    expect(forged.text).not.toContain('c404');
    await admin.press('Сбросить условия');
    await admin.expect('Журнал действий за всё время.');
    // «Другие даты» asks for the dates; a wrong answer is asked again with the reason.
    await admin.press('Другие даты');
    const ask = await admin.expect('За какие дни показать журнал?');
    expect(labels(ask)).toEqual(['Отмена']);
    await admin.say('в сентябре');
    await admin.expect((m) => m.text.includes('«в сентябре» — не период.') && m.text.includes('За какие дни'));
    await admin.say('01.09.2025 – 30.09.2025');
    await admin.expect('Журнал действий за период 01.09.2025–30.09.2025. 1 запись.');
    await admin.press('Другие даты');
    await admin.expect('За какие дни показать журнал?');
    await admin.press('Отмена');
    await admin.expect('Отменено');
    // By class: the class buttons.
    await admin.say('/журнал сегодня');
    await admin.expect('Журнал действий за сегодня.');
    await admin.press('По классу');
    const pick = await admin.expect('Записи какого класса показать?');
    expect(labels(pick)).toEqual(['5А', '5Б']);
    await admin.press('5Б');
    const only5b = await admin.expect('Журнал действий за сегодня, класс 5Б.');
    expect(only5b.text).toContain('Соколова Маша');
    expect(only5b.text).not.toContain('Андреев');
    // By person: a button with a name from the page.
    await admin.press('Соколова Маша');
    const masha = await admin.expect('Журнал действий за сегодня, класс 5Б, Соколова Маша.');
    expect(masha.text).toContain('принята заявка: [id410|Соколова Маша], ученик, 5Б');
    await admin.press('Сбросить условия');
    await admin.expect('Журнал действий за всё время.');
    await admin.say('/журнал id410 месяц');
    const month = await admin.expect('Журнал действий за месяц, Соколова Маша.');
    expect(month.text).toContain('[id410|Соколова Маша]: подана заявка по приглашению: 5Б');
  });

  it('F10: «Выгрузить файл» sends the chosen period as a CSV document (UTF-8 with BOM) with a row an entry', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    const admin = h.admin();
    await admin.say('/перевести 310 6А');
    await admin.expect('из 5А в 6А');
    await admin.say('/журнал сегодня');
    await admin.expect('Журнал действий за сегодня.');
    await admin.press('Выгрузить файл');
    const sent = await admin.expect('Журнал действий в файле:');
    expect(sent.attachments).toHaveLength(1);
    const match = /^doc(-?\d+)_(\d+)/.exec(sent.attachments[0]!);
    expect(match).not.toBeNull();
    const doc = h.emulator.state.docs.get(Number(match![2]))!;
    expect(doc.title).toBe('журнал-сегодня.csv');
    const data = doc.file.data;
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = data.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Дата и время;Кто;Действие;Класс;О ком');
    const count = (await s.audit.recent(100)).length;
    expect(lines).toHaveLength(count + 1);
    expect(sent.text).toContain(`${count} `);
    // Oldest first; a field with a comma is quoted, names are plain (no VK markup).
    const transfer = lines.find((l) => l.includes('перевод в другой класс'));
    expect(transfer).toMatch(/^"\d\d\.\d\d\.\d{4}, \d\d:\d\d";/u);
    expect(transfer).toContain(';"перевод в другой класс: Сидоров Ваня, из 5А в 6А";6А;Сидоров Ваня');
    expect(data.toString('utf8')).not.toContain('[id');
    expect(lines.at(-1)).toContain('перевод в другой класс');
    await admin.say('/журнал 01.01.2020–02.01.2020 выгрузить');
    await admin.expect('За этот период записей нет — выгружать нечего.');
  });

  it('F10: an admin who reads English gets the journal and its file in English', async () => {
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await s.movement.transfer(ADMIN, { personId: vk(310), toClassId: await classId('6А') });
    const admin = h.admin();
    await admin.say('/lang en');
    await admin.nextMessage();
    await admin.say('/audit today');
    const log = await admin.expect('Audit log for today.');
    expect(log.text).toContain('[id100|Иванова Мария]: moved to another class: [id310|Сидоров Ваня], from 5А to 6А');
    expect(labels(log)).toEqual(expect.arrayContaining(['Today', 'Week', 'Month', 'All time', 'By class', 'Other dates', 'Export a file']));
    await admin.press('Export a file');
    const sent = await admin.expect('The audit log as a file:');
    const doc = h.emulator.state.docs.get(Number(/^doc-?\d+_(\d+)/.exec(sent.attachments[0]!)![1]))!;
    expect(doc.file.data.toString('utf8').split('\r\n')[0]).toBe('\uFEFFDate and time;Who;Action;Class;About whom');
  });
});

