import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { vks } from '../helpers/people.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('material for the channels from the administration and teachers (F21)', () => {
  let h: Harness;
  /** The people, each made once a test (making a VK user again would forget that they wrote to the community). */
  let p: ReturnType<typeof people>;
  beforeEach(async () => {
    h = await Harness.start();
    p = people();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    // A second admin: both get the card; the first to decide decides.
    await s.members.ensureBootstrapAdmins(vks(101));
  });
  afterEach(() => h.close());

  function people() {
    return {
      admin: h.admin(),
      second: h.driver.user({ id: 101, firstName: 'Олег', lastName: 'Второв', allowsMessages: true }),
      teacher: h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
    };
  }

  /** The admin (who has written to the community) binds a chat (with these members) as the staff channel. */
  async function staffChannel(memberIds: number[]) {
    const { admin } = p;
    await admin.say('/помощь');
    await admin.expect('Ваши роли');
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Сотрудники', memberIds });
    await admin.sayIn(chat.peerId, '/привязать сотрудники');
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    return chat.peerId;
  }

  /** The teacher hands material in for the staff channel with /предложить; returns the card the admin got. */
  async function handIn(text: string) {
    const { teacher, admin } = p;
    await teacher.say('/предложить');
    await teacher.expect('Для какого канала материал?');
    await teacher.press('Канал «Сотрудники»');
    await teacher.expect('Напишите текст материала для канала «Сотрудники».');
    await teacher.say(text);
    await teacher.expect((m) => m.text === text);
    const confirm = await teacher.expect('Выше — текст так, как его увидят в канале «Сотрудники».');
    expect(labels(confirm)).toEqual(['Отправить на проверку', 'Изменить текст', 'Отмена']);
    await teacher.press('Отправить на проверку');
    await teacher.expect('отправлен на проверку. Решение примет один из администраторов');
    const card = await admin.expect('для канала «Сотрудники» от [id300|Петровой Анны]');
    expect(card.text).toContain(text);
    expect(labels(card)).toEqual(['Опубликовать', 'Отклонить', 'Изменить и опубликовать']);
    return card;
  }

  it('F21: a teacher hands material in; both admins get the card; «Опубликовать» posts it in the staff channel, the other copy shows who published, the author is told; a second press is told who decided', async () => {
    const { admin, second, teacher } = p;
    await second.say('/помощь');
    await second.expect('Ваши роли');
    const peer = await staffChannel([300]);
    const text = 'Семинар для учителей математики — в четверг в 15:00, кабинет 21.';
    const card = await handIn(text);
    const copy = await second.expect('для канала «Сотрудники» от [id300|Петровой Анны]');

    const pressed = await admin.press('Опубликовать');
    expect((await admin.expectAnswer(pressed.eventId))?.text).toMatch(/^Материал № \d+ опубликован\.$/);
    await admin.expect('✅ Пост отправлен: канал «Сотрудники».');
    await h.driver.chat(peer).expect(text);
    await teacher.expect('опубликован в канале «Сотрудники». Опубликовала [id100|');
    await h.idle();
    const edited = h.emulator.sentTo(101).find((m) => m.cmid === copy.cmid);
    expect(edited?.text).toContain('✅ Опубликовала Мария Иванова');
    expect(edited?.keyboard).toBeUndefined();
    expect(h.emulator.sentTo(ADMIN_ID).find((m) => m.cmid === card.cmid)?.text).toContain('✅ Опубликовала');

    // The other admin's old button: the material is decided; nothing is posted twice.
    const late = h.emulator.messageEvent(101, 101, copy.cmid, { k: 'cb', a: 'mat.pub', id: `m${card.text.match(/№ (\d+)/)![1]}` });
    expect((await second.expectAnswer(late))?.text).toContain('уже опубликовала');
    await h.idle();
    expect(h.emulator.sentTo(peer).filter((m) => m.text === text)).toHaveLength(1);
    expect((await h.bot.app.services.audit.recent(10)).map((e) => e.action)).toContain('material.published');
  });

  it('F21: «Изменить и опубликовать» shows the text to copy, re-asks a text over the limit with its length, previews the edit; the corrected text is posted, the author sees it, the cards show «с правками»', async () => {
    const { admin, teacher } = p;
    const peer = await staffChannel([300]);
    const original = 'Семинар в четверг в 15:00, кабинет 12.';
    const card = await handIn(original);
    await admin.press('Изменить и опубликовать');
    await admin.expect(/^Текст материала № \d+ сейчас — в следующем сообщении/);
    await admin.expect((m) => m.text === original);
    const ask = await admin.expect('Пришлите исправленный текст материала');
    expect(labels(ask)).toEqual(['Отмена']);
    await admin.say('x'.repeat(4097));
    await admin.expect('4097');
    const corrected = 'Семинар в четверг в 15:00, кабинет 21 (не 12).';
    await admin.say(corrected);
    await admin.expect((m) => m.text === corrected);
    const confirm = await admin.expect('Выше — текст так, как его увидят в канале. Опубликовать материал');
    expect(labels(confirm)).toEqual(['Опубликовать', 'Изменить ещё раз', 'Отмена']);
    await admin.say('да');
    await admin.expect('Выберите вариант кнопкой ниже.');
    await admin.press('Опубликовать');
    await admin.expect(/^Материал № \d+ опубликован\.$/);
    await admin.expect('✅ Пост отправлен: канал «Сотрудники».');
    await h.driver.chat(peer).expect(corrected);
    const told = await teacher.expect('с правками. Опубликовала и исправила [id100|');
    expect(told.text).toContain(`Опубликованный текст:\n\n${corrected}`);
    await h.idle();
    expect(h.emulator.sentTo(peer).filter((m) => m.text === original)).toHaveLength(0);
    expect(h.emulator.sentTo(ADMIN_ID).find((m) => m.cmid === card.cmid)?.text).toContain('✅ Опубликовала с правками');
    const id = `m${card.text.match(/№ (\d+)/)![1]}`;
    const stored = await h.bot.app.services.materials.get(id);
    expect(stored).toMatchObject({ status: 'published', text: original, publishedText: corrected });
  });

  it('F21: material with a photo and a document: they are made the community\'s own, shown in the preview and on the admins\' cards, kept through «Изменить и опубликовать» and posted with the text', async () => {
    const { admin, teacher } = p;
    const peer = await staffChannel([300]);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const photo = h.emulator.state.savePhoto({ token: 'own-photo', kind: 'photo', fileName: 'plan.png', mimeType: 'image/png', data: png, docType: '', peerId: undefined }, 300, { width: 1, height: 1 });
    const doc = h.emulator.state.saveDoc({ token: 'own-doc', kind: 'doc', fileName: 'plan.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4 план'), docType: 'doc', peerId: undefined }, 300, { title: 'plan.pdf', tags: [] });
    const theirs = [`photo300_${photo.id}_${photo.accessKey}`, `doc300_${doc.id}_${doc.accessKey}`];
    await teacher.say('/предложить');
    await teacher.expect('Для какого канала материал?');
    await teacher.press('Канал «Сотрудники»');
    const ask = await teacher.expect('Напишите текст материала для канала «Сотрудники».');
    expect(ask.text).toContain('Фото и документы (до 10) приложите к этому же сообщению.');
    // A voice message cannot go with material: asked again.
    await teacher.say('План семинара', { attachments: ['audio_message300_5'] });
    await teacher.expect('В пост можно приложить только фото и документы');
    const text = 'План семинара — во вложении.';
    await teacher.say(text, { attachments: theirs });
    const preview = await teacher.expect((m) => m.text === text);
    expect(preview.attachments).toHaveLength(2);
    for (const attachment of preview.attachments) {
      expect(attachment).toMatch(/^(photo|doc)-\d+_\d+/);
      expect(theirs).not.toContain(attachment);
    }
    await teacher.expect('Выше — текст так, как его увидят в канале «Сотрудники».');
    await teacher.press('Отправить на проверку');
    const card = await admin.expect('для канала «Сотрудники» от [id300|Петровой Анны]');
    expect(card.attachments).toEqual(preview.attachments);
    // The admin corrects the text: the current one and the preview come with the attachments, the post too.
    await admin.press('Изменить и опубликовать');
    await admin.expect(/^Текст материала № \d+ сейчас/);
    const current = await admin.expect((m) => m.text === text);
    expect(current.attachments).toEqual(preview.attachments);
    await admin.expect('Пришлите исправленный текст материала');
    const corrected = 'План семинара в четверг — во вложении.';
    await admin.say(corrected);
    const editedPreview = await admin.expect((m) => m.text === corrected);
    expect(editedPreview.attachments).toEqual(preview.attachments);
    await admin.expect('Выше — текст так, как его увидят в канале. Опубликовать материал');
    await admin.press('Опубликовать');
    await admin.expect('✅ Пост отправлен: канал «Сотрудники».');
    const posted = await h.driver.chat(peer).expect(corrected);
    expect(posted.attachments).toEqual(preview.attachments);
    await h.idle();
    // The card, edited to say who decided, keeps its attachments.
    const decided = h.emulator.sentTo(ADMIN_ID).find((m) => m.cmid === card.cmid);
    expect(decided?.text).toContain('✅ Опубликовала с правками');
    expect(decided?.attachments).toEqual(preview.attachments);
    const stored = await h.bot.app.services.materials.get(`m${card.text.match(/№ (\d+)/)![1]}`);
    expect(stored).toMatchObject({ status: 'published', text, publishedText: corrected, attachment: preview.attachments.join(',') });
  });

  it('F21: «Изменить и опубликовать» on a material another admin decided meanwhile publishes nothing and says who decided', async () => {
    const { admin, second } = p;
    await second.say('/помощь');
    await second.expect('Ваши роли');
    const peer = await staffChannel([]);
    const card = await handIn('Родительское собрание в пятницу.');
    const copy = await second.expect('для канала «Сотрудники» от [id300|Петровой Анны]');
    await admin.press('Изменить и опубликовать');
    await admin.expect('Пришлите исправленный текст материала');
    await admin.say('Родительское собрание в пятницу в 18:00.');
    await admin.expect('Опубликовать материал');
    // Meanwhile the second admin declines it.
    const id = `m${card.text.match(/№ (\d+)/)![1]}`;
    h.emulator.messageEvent(101, 101, copy.cmid, { k: 'cb', a: 'mat.no', id });
    await second.expect('Почему материал № ');
    await second.press('Без причины');
    await second.expect('отклонён, автору сообщено');
    await admin.press('Опубликовать');
    await admin.expect('Этот материал уже отклонил Олег Второв.');
    await h.idle();
    expect(h.emulator.sentTo(peer)).toHaveLength(1); // the «this chat is now the channel» message only
  });

  it('F21: «Отклонить» asks the reason in the admin\'s dialog, re-asks a command, and the author gets it; nothing is posted', async () => {
    const { admin, teacher } = p;
    const peer = await staffChannel([]);
    await handIn('Объявление о субботнике.');
    await admin.press('Отклонить');
    await admin.expect('Почему материал № ');
    await admin.say('/что-то');
    await admin.expect('Здесь нужен ответ, а не команда.');
    await admin.say('Субботник уже объявлен в общешкольном канале.');
    await admin.expect(/^Материал № \d+ отклонён, автору сообщено\.$/);
    const told = await teacher.expect('не опубликован: его отклонила');
    expect(told.text).toContain('Причина: Субботник уже объявлен в общешкольном канале.');
    await h.idle();
    expect(h.emulator.sentTo(peer).filter((m) => m.text.includes('субботнике'))).toHaveLength(0);
  });

  it('F21: a student may not hand material in, a teacher may not publish it; /материалы lists what waits', async () => {
    const { admin, teacher, vanya } = p;
    await staffChannel([]);
    await vanya.say('/предложить');
    await vanya.expect('Предлагать материалы для каналов могут администрация школы и учителя');
    const card = await handIn('Родительское собрание 5А — в пятницу.');
    const id = `m${card.text.match(/№ (\d+)/)![1]}`;
    // A forged «Опубликовать» by the teacher is refused by the domain.
    await teacher.say('/помощь');
    const last = await teacher.expect('Ваши роли');
    const forged = h.emulator.messageEvent(300, 300, last.cmid, { k: 'cb', a: 'mat.pub', id });
    expect((await teacher.expectAnswer(forged))?.text).toContain('Каналы школы ведут администраторы');
    expect((await h.bot.app.services.materials.get(id))?.status).toBe('pending');
    await admin.say('/материалы');
    await admin.expect('Ждут решения: 1.');
    const listed = await admin.expect(`Материал № ${id.slice(1)} от [id300|Петровой Анны]`);
    expect(labels(listed)).toEqual(['Опубликовать', 'Отклонить', 'Изменить и опубликовать']);
  });
});
