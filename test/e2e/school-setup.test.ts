import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF_ROOM_NAME } from '../../src/domain/types.js';
import { ADMIN, Harness } from '../helpers/harness.js';

const ANSWERS = {
  fullName: 'Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 11»',
  shortName: 'МАОУ СОШ № 11',
  city: 'Березники',
  adminName: 'Иванова Мария Петровна',
  email: 'Director@School11.ru',
  phone: '8 (912) 345-67-89',
};

describe('school setup (F01, F02, F03)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('F01 F02 F03: a bootstrap admin sets up the school, gets the Sferum application, and the staff room exists', async () => {
    const admin = h.admin();
    await admin.say('/start');
    await admin.expect('администратор платформы');
    const first = await admin.expect('Полное наименование');
    expect(first.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Отмена']);
    await admin.say(ANSWERS.fullName);
    await admin.expect('Краткое наименование');
    await admin.say(ANSWERS.shortName);
    await admin.expect('Населённый пункт');
    await admin.say(ANSWERS.city);
    await admin.expect('Фамилия, имя и отчество');
    await admin.say(ANSWERS.adminName);
    await admin.expect('электронной почты');
    await admin.say(ANSWERS.email);
    await admin.expect('мобильный телефон');
    await admin.say(ANSWERS.phone);
    const summary = await admin.expect('Проверьте профиль школы');
    expect(summary.text).toContain('Эл. почта: director@school11.ru');
    expect(summary.text).toContain('Телефон: +79123456789');
    expect(summary.keyboard?.buttons.flat().map((b) => b.label)).toEqual(['Всё верно', 'Изменить', 'Отмена']);
    await admin.press('Всё верно');
    await admin.expect(`Класс «${STAFF_ROOM_NAME}»`);
    await admin.expect('info@sferum.ru');
    const application = await admin.expect('Заявка на регистрацию');
    expect(application.text).toContain(`Полное наименование: ${ANSWERS.fullName}`);
    expect(application.text).toContain('Администратор платформы: Иванова Мария Петровна');
    expect(application.text).toContain('Электронная почта: director@school11.ru');
    expect(application.text).toContain('+79123456789');
    expect(application.text).toContain('приказа');

    const profile = await h.bot.app.school.get();
    expect(profile).toMatchObject({ shortName: 'МАОУ СОШ № 11', city: 'Березники', phone: '+79123456789', updatedBy: ADMIN });
    expect((await h.bot.app.services.members.get(ADMIN))?.name).toBe('Иванова Мария Петровна');
    const staff = await h.bot.app.services.classes.findByName(STAFF_ROOM_NAME);
    expect(staff).toMatchObject({ kind: 'staff', status: 'active' });
    // The change is in the audit log, by the admin who made it.
    expect((await h.bot.app.services.audit.recent(10)).filter((entry) => entry.action === 'school.saved')).toMatchObject([{ actor: ADMIN }]);
  });

  it('F02: bad input at every step gets a clear re-prompt and nothing is lost', async () => {
    const admin = h.admin();
    await admin.say('/start');
    await admin.expect('Полное наименование');
    await admin.say('   ');
    await admin.expect((m) => m.text.includes('пустой') && m.text.includes('Полное наименование'));
    await admin.say('x'.repeat(301));
    await admin.expect((m) => m.text.includes('не больше 300 символов') && m.text.includes('Полное наименование'));
    await admin.say('/school');
    await admin.expect('а не команда');
    await admin.say('', { payload: { k: 'scene', s: 'other', v: 'x' } });
    await admin.expect('кнопка устарела');
    await admin.say(ANSWERS.fullName);
    await admin.expect('Краткое наименование');
    await admin.say('М');
    await admin.expect('не меньше 2 символов');
    await admin.say(ANSWERS.shortName);
    await admin.say(ANSWERS.city);
    await admin.expect('Фамилия, имя и отчество');
    await admin.say('Мария123');
    await admin.expect('буквами через пробел');
    await admin.say(ANSWERS.adminName);
    await admin.expect('электронной почты');
    await admin.say('director@');
    await admin.expect('не похоже на адрес почты');
    await admin.say(ANSWERS.email);
    await admin.expect('мобильный телефон');
    await admin.say('12345');
    await admin.expect('мобильный номер из 11 цифр');
    await admin.say('+7 912 345 67 89');
    await admin.expect('Проверьте профиль школы');
    await admin.say('да вроде');
    await admin.expect((m) => m.text.includes('Выберите вариант кнопкой') && m.text.includes('Проверьте профиль школы'));
    await admin.press('Изменить');
    await admin.expect('Что изменить?');
    await admin.press('Населённый пункт');
    const ask = await admin.expect('Населённый пункт, например');
    expect(ask.text).toContain('Сейчас: Березники');
    await admin.say('Усолье');
    const summary = await admin.expect('Проверьте профиль школы');
    expect(summary.text).toContain('Населённый пункт: Усолье');
    expect(summary.text).toContain(`Краткое наименование: ${ANSWERS.shortName}`);
    await admin.press('Всё верно');
    await admin.expect('Профиль школы сохранён');
    expect((await h.bot.app.school.get())?.city).toBe('Усолье');
  });

  it('F02: /school shows the profile and edits it later; /cancel leaves without saving', async () => {
    await h.bot.app.school.save({ ...ANSWERS, email: 'a@b.ru', phone: '+79123456789' }, ADMIN);
    const admin = h.admin();
    await admin.say('/школа');
    const shown = await admin.expect('Профиль школы:');
    expect(shown.text).toContain('Населённый пункт: Березники');
    await admin.press('Изменить профиль');
    await admin.expect('Проверьте профиль школы');
    await admin.press('Изменить');
    await admin.expect('Что изменить?');
    await admin.press('Эл. почта');
    await admin.expect('Сейчас: a@b.ru');
    await admin.say('new@school.ru');
    await admin.expect('Проверьте профиль школы');
    await admin.press('Отмена');
    await admin.expect('Отменено');
    expect((await h.bot.app.school.get())?.email).toBe('a@b.ru');
    await admin.say('/school заявка');
    await admin.expect('Заявка на регистрацию');
  });

  it('F02: only an admin may open the school profile', async () => {
    const stranger = h.driver.user({ id: 555, firstName: 'Пётр', lastName: 'Сидоров' });
    await stranger.say('/school');
    await stranger.expect('недоступна');
    expect(await h.bot.app.school.get()).toBeNull();
  });
});
