import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ID, Harness } from '../helpers/harness.js';
import { joinAs, verifiedTeacher } from '../helpers/school-people.js';

const labels = (message: { keyboard?: { buttons: { label: string }[][] } }): string[] => message.keyboard?.buttons.flat().map((b) => b.label) ?? [];

describe('system channels and posts (F12)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    const s = h.bot.app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '5А', 311, 'Козлова Маша');
    await joinAs(s, 'parent', '5А', 312, 'Сидорова Ольга', 'Сидоров Ваня');
  });
  afterEach(() => h.close());

  /** The people of the school as VK users: Маша (311) never wrote to the community. */
  function people() {
    return {
      admin: h.admin(),
      teacher: h.driver.user({ id: 300, firstName: 'Анна', lastName: 'Петрова', allowsMessages: true }),
      vanya: h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров', allowsMessages: true }),
      masha: h.driver.user({ id: 311, firstName: 'Маша', lastName: 'Козлова', allowsMessages: false }),
      olga: h.driver.user({ id: 312, firstName: 'Ольга', lastName: 'Сидорова', allowsMessages: true }),
    };
  }

  /** The admin binds a chat of theirs (with these members) as a channel, typing /привязать in it. */
  async function boundChat(title: string, word: string, memberIds: number[] = []) {
    const chat = h.emulator.addChat({ ownerId: ADMIN_ID, title, memberIds });
    await h.admin().sayIn(chat.peerId, `/привязать ${word}`);
    await h.driver.chat(chat.peerId).expect('✅ Этот чат теперь —');
    return chat.peerId;
  }

  /** The admin goes through /пост with buttons and sends it; returns the report. */
  async function post(channel: string, text: string, pin: boolean) {
    const admin = h.admin();
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press(channel);
    await admin.expect('Напишите текст поста');
    await admin.say(text);
    await admin.expect((m) => m.text === text);
    const pinQuestion = await admin.expect('Выше — пост в точности так, как его получат.');
    expect(labels(pinQuestion)).toEqual(['Закрепить в чате', 'Не закреплять', 'Отмена']);
    await admin.press(pin ? 'Закрепить в чате' : 'Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в ');
    expect(labels(confirm)).toEqual(['Отправить', 'Изменить текст', 'Попросить подтвердить прочтение', 'Отмена']);
    await admin.press('Отправить');
    return admin.expect('✅ Пост отправлен');
  }

  it('F12: an admin binds a chat as the school channel and another as the staff channel; /каналы lists them; /отвязать undoes it; in a private dialog /привязать says where to type it', async () => {
    const { admin } = people();
    await admin.say('/привязать школа');
    await admin.expect('Эту команду нужно написать в самом чате');
    const schoolPeer = await boundChat('Школа №11', 'школа');
    expect((await h.bot.app.services.channels.get('school'))?.peer).toBe(schoolPeer);
    const staff = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Сотрудники' });
    await admin.sayIn(staff.peerId, '/bind staff');
    await h.driver.chat(staff.peerId).expect('✅ Этот чат теперь — канал «Сотрудники».');
    // A chat is one channel only.
    await admin.sayIn(staff.peerId, '/привязать школа');
    await h.driver.chat(staff.peerId).expect('Этот чат уже привязан как канал «Сотрудники».');
    await admin.say('/каналы');
    const list = await admin.expect('Каналы школы:');
    expect(list.text).toContain(`общешкольный канал: чат ${schoolPeer}, привязала [id${ADMIN_ID}|Мария Иванова]`);
    expect(list.text).toContain(`канал «Сотрудники»: чат ${staff.peerId}`);
    // The audit log has the bindings.
    const actions = (await h.bot.app.services.audit.recent(5)).map((e) => e.action);
    expect(actions.filter((a) => a === 'channel.bound')).toHaveLength(2);
    // Unbinding.
    await admin.sayIn(staff.peerId, '/отвязать');
    await h.driver.chat(staff.peerId).expect('Этот чат больше не канал «Сотрудники».');
    expect(await h.bot.app.services.channels.get('staff')).toBeUndefined();
    await admin.say('/каналы');
    expect((await admin.expect('Каналы школы:')).text).toContain('канал «Сотрудники»: не привязан');
    // Rebinding the school channel in another chat moves it.
    const other = h.emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа, новый чат' });
    await admin.sayIn(other.peerId, '/привязать школа');
    await h.driver.chat(other.peerId).expect('Прежний чат канала больше не получает посты.');
    expect((await h.bot.app.services.channels.get('school'))?.peer).toBe(other.peerId);
  });

  it("F12: a teacher's /привязать in a chat is refused with why, and nothing is bound", async () => {
    const { teacher } = people();
    const chat = h.emulator.addChat({ ownerId: 300, title: 'Учителя' });
    await teacher.sayIn(chat.peerId, '/привязать сотрудники');
    await h.driver.chat(chat.peerId).expect('Каналы школы ведут администраторы');
    await teacher.sayIn(chat.peerId, '/отвязать');
    await h.driver.chat(chat.peerId).expect('Каналы школы ведут администраторы');
    await teacher.say('/пост');
    await teacher.expect('Каналы школы ведут администраторы');
    await h.idle();
    expect(await h.bot.app.services.channels.all()).toEqual([]);
  });

  it('F12: /пост to the school channel: the chat gets it pinned, the school not in the chat gets it privately, the one who never wrote is counted as not reached; /посты lists it', async () => {
    const { teacher, vanya, masha, olga } = people();
    const peer = await boundChat('Школа №11', 'школа', [310]);
    const text = 'Завтра, 1 сентября, торжественная линейка в 9:00 во дворе школы.';
    const report = await post('Общешкольный канал', text, true);
    expect(report.text).toContain('✅ Пост отправлен: общешкольный канал.');
    expect(report.text).toContain('В чате канала: опубликован и закреплён.');
    expect(report.text).toContain('Лично (тем, кого нет в чате канала): получили 2 из 3.');
    expect(report.text).toContain('Не получили пост лично (1): пока человек не напишет сообществу школы, ВКонтакте не даёт сообществу писать ему первым. Попросите этого человека написать');
    expect(report.text).toContain('Попросите этого человека написать сообществу');
    // The chat has it, pinned.
    const inChat = await h.driver.chat(peer).expect(text);
    const conversation = h.emulator.state.conversation(peer);
    expect(conversation.pinnedCmid).toBe(inChat.cmid);
    // Privately: the teacher and the parent; the student in the chat gets no second copy; Маша cannot be reached.
    await teacher.expect(text);
    await olga.expect(text);
    await h.idle();
    expect(vanya.received.filter((m) => m.text === text)).toHaveLength(0);
    expect(masha.received).toHaveLength(0);
    // Stored, and listed.
    const [stored] = await h.bot.app.services.channels.recentPosts();
    expect(stored).toMatchObject({ kind: 'school', peer, text, author: ADMIN, pin: true, chat: 'pinned', reached: 2, total: 3, unreachable: 1 });
    const admin = h.admin();
    await admin.say('/посты');
    const list = await admin.expect('Последние посты (1):');
    expect(list.text).toContain('общешкольный канал: «Завтра, 1 сентября, торжественная линейка в 9:00 во дворе шк…»\n    В чате: опубликован и закреплён\n    Лично получили: 2 из 3, не доставлено 1');
  });

  it('F12: a post with a photo and a document: they are made the community\'s own, previewed with the text, and go to the chat and the private copies; a sticker or a voice message is asked again', async () => {
    const { teacher, olga } = people();
    const admin = h.admin();
    const peer = await boundChat('Школа №11', 'школа', [310]);
    // What the admin attaches: a photo and a document of their own (1×1 PNG; a PDF's first bytes).
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const pdf = Buffer.from('%PDF-1.4 расписание');
    const photo = h.emulator.state.savePhoto({ token: 'own-photo', kind: 'photo', fileName: 'plan.png', mimeType: 'image/png', data: png, docType: '', peerId: undefined }, ADMIN_ID, { width: 1, height: 1 });
    const doc = h.emulator.state.saveDoc({ token: 'own-doc', kind: 'doc', fileName: 'raspisanie.pdf', mimeType: 'application/pdf', data: pdf, docType: 'doc', peerId: undefined }, ADMIN_ID, { title: 'raspisanie.pdf', tags: [] });
    const mine = [`photo${ADMIN_ID}_${photo.id}_${photo.accessKey}`, `doc${ADMIN_ID}_${doc.id}_${doc.accessKey}`];
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Общешкольный канал');
    const ask = await admin.expect('Напишите текст поста для общешкольного канала. Не больше 4096 символов');
    expect(ask.text).toContain('Фото и документы (до 10) приложите к этому же сообщению.');
    // A voice message (or a sticker) cannot go in a post: asked again, nothing taken.
    await admin.say('Расписание на неделю', { attachments: [`audio_message${ADMIN_ID}_77`] });
    await admin.expect('В пост можно приложить только фото и документы');
    const text = 'Расписание на неделю — во вложении.';
    await admin.say(text, { attachments: mine });
    const preview = await admin.expect((m) => m.text === text);
    expect(preview.attachments).toHaveLength(2);
    await admin.expect('Выше — пост в точности так, как его получат.');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в ');
    expect(confirm.text).toContain('Вложения: 2 фото или документа.');
    await admin.press('Отправить');
    await admin.expect('✅ Пост отправлен');
    const inChat = await h.driver.chat(peer).expect(text);
    const copy = await teacher.expect(text);
    await olga.expect(text);
    // The community's own copies (owner -group), not the admin's: the same in the chat and in private, with the same bytes.
    expect(inChat.attachments).toEqual(preview.attachments);
    expect(copy.attachments).toEqual(preview.attachments);
    for (const attachment of inChat.attachments) {
      expect(attachment).toMatch(/^(photo|doc)-\d+_\d+/);
      expect(mine).not.toContain(attachment);
    }
    const [ownPhotoId, ownDocId] = inChat.attachments.map((a) => Number(/_(\d+)/.exec(a)![1]));
    expect(h.emulator.state.photos.get(ownPhotoId!)?.file.data.equals(png)).toBe(true);
    expect(h.emulator.state.docs.get(ownDocId!)?.file.data.equals(pdf)).toBe(true);
  });

  it('F12: a 5000-character text is refused with its length, never cut; an empty one is refused; with no channel bound /пост says how to bind', async () => {
    const admin = h.admin();
    await admin.say('/пост');
    await admin.expect('Пока ни один канал не привязан');
    await boundChat('Школа №11', 'школа');
    await admin.say('/пост');
    const channels = await admin.expect('В какой канал отправить пост?');
    expect(labels(channels)).toEqual(['Общешкольный канал', 'Отмена']);
    await admin.press('Общешкольный канал');
    await admin.expect('Напишите текст поста');
    await admin.say('а'.repeat(5000));
    const refused = await admin.expect('Текст слишком длинный: 5000 символов, а можно не больше 4096.');
    expect(refused.text).toContain('сам бот текст не обрезает');
    await admin.say('   ');
    await admin.expect('Ответ пустой.');
    await admin.say('б'.repeat(4096));
    await admin.expect((m) => m.text === 'б'.repeat(4096));
    await admin.expect('Выше — пост в точности так, как его получат.');
    await admin.press('Отмена');
    await h.idle();
    expect(await h.bot.app.services.channels.recentPosts()).toEqual([]);
  });

  it('F12: /пост to the staff channel reaches the staff but not students or parents; «Изменить текст» changes it before sending', async () => {
    const { teacher, vanya, olga } = people();
    const peer = await boundChat('Сотрудники', 'сотрудники');
    const admin = h.admin();
    await admin.say('/пост');
    await admin.expect('В какой канал отправить пост?');
    await admin.press('Канал «Сотрудники»');
    await admin.expect('Напишите текст поста для канала «Сотрудники».');
    await admin.say('Педсовет в пятницу');
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    await admin.expect('Пост в канал «Сотрудники»');
    await admin.press('Изменить текст');
    await admin.expect('Напишите текст поста');
    await admin.say('Педсовет в пятницу в 15:00, кабинет 12.');
    await admin.expect('Выше — пост в точности так');
    await admin.press('Не закреплять');
    await admin.expect('Когда отправить пост?');
    await admin.press('Сейчас');
    const confirm = await admin.expect('Пост в канал «Сотрудники»');
    expect(confirm.text).toContain('Закрепить в чате: нет.');
    expect(confirm.text).toContain('учителя и администрация школы');
    await admin.press('Отправить');
    const report = await admin.expect('✅ Пост отправлен: канал «Сотрудники».');
    expect(report.text).toContain('В чате канала: опубликован.');
    expect(report.text).toContain('получили 1 из 1.');
    expect(report.text).not.toContain('Не получили пост');
    await h.driver.chat(peer).expect('Педсовет в пятницу в 15:00, кабинет 12.');
    expect(h.emulator.state.conversation(peer).pinnedCmid).toBeUndefined();
    await teacher.expect('Педсовет в пятницу в 15:00, кабинет 12.');
    await h.idle();
    expect(vanya.received).toHaveLength(0);
    expect(olga.received).toHaveLength(0);
    await admin.say('/посты');
    expect((await admin.expect('Последние посты (1):')).text).toContain('канал «Сотрудники»: «Педсовет в пятницу в 15:00, кабинет 12.»\n    В чате: опубликован\n    Лично получили: 1 из 1');
  });
});
