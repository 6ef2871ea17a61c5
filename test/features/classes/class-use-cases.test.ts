import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveClass } from '../../../src/features/classes/archive-class.js';
import { createClasses } from '../../../src/features/classes/create-classes.js';
import { renameClass } from '../../../src/features/classes/rename-class.js';
import { STAFF_ROOM_ID } from '../../../src/domain/types.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { verifiedTeacher } from '../../helpers/school-people.js';
import { turnFor } from '../../helpers/use-case.js';

const DENIED = 'У вас нет прав на это действие. Список ваших команд — /помощь.';

describe('creating, renaming and archiving classes (F04), the use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const names = async () => (await h.bot.app.services.classes.list({ includeArchived: true })).map((c) => `${c.name}:${c.status}`);

  it('F04: creating returns each name’s result; a teacher is refused and more than 10 letters a grade are refused; nothing is created then', async () => {
    const { app } = h.bot;
    await verifiedTeacher(app.services, 300, 'Петрова Анна');
    expect(await createClasses(app, await turnFor(app, 300), ['5А'])).toEqual({ outcome: { kind: 'refused', text: DENIED }, notices: [] });
    const crowded = await createClasses(app, await turnFor(app, ADMIN_ID), Array.from('АБВГДЕЖЗИКЛ', (letter) => `7${letter}`));
    expect(crowded).toEqual({ outcome: { kind: 'refused', text: 'Слишком много букв: не больше 10 в параллели.' }, notices: [] });
    expect(await names()).toEqual(['Учительская:active']);

    const { outcome, notices } = await createClasses(app, await turnFor(app, ADMIN_ID), ['5а', '5 А', '12Б']);
    expect(notices).toEqual([]);
    expect(outcome.kind === 'created' && outcome.results.map((r) => r.status)).toEqual(['created', 'duplicate', 'invalid']);
    expect(await names()).toEqual(['Учительская:active', '5А:active']);
  });

  it('F04: renaming returns the class; a bad or taken name can be typed again, other refusals cannot', async () => {
    const { app } = h.bot;
    await app.services.classes.createMany(ADMIN, ['5А', '5Б']);
    const id = (await app.services.classes.findByName('5А'))!.id;
    const admin = await turnFor(app, ADMIN_ID);
    expect(await renameClass(app, admin, id, '5б')).toEqual({ outcome: { kind: 'bad-name', text: 'Класс 5Б уже есть. Выберите другое название или сначала уберите тот класс в архив.' }, notices: [] });
    expect((await renameClass(app, admin, id, '5')).outcome).toMatchObject({ kind: 'bad-name', text: expect.stringContaining('Название «5» не подходит') });
    expect((await renameClass(app, admin, STAFF_ROOM_ID, '5В')).outcome).toMatchObject({ kind: 'refused', text: expect.stringContaining('«Учительскую» нельзя') });
    await verifiedTeacher(app.services, 300, 'Петрова Анна');
    expect((await renameClass(app, await turnFor(app, 300), id, '5В')).outcome).toEqual({ kind: 'refused', text: DENIED });
    const { outcome, notices } = await renameClass(app, admin, id, '5 в');
    expect(outcome).toMatchObject({ kind: 'renamed', classGroup: { id, name: '5В' } });
    expect(notices).toEqual([]);
  });

  it('F04: archiving returns the name and the invites revoked; a class gone, archived already, or a teacher’s press changes nothing', async () => {
    const { app } = h.bot;
    await app.services.classes.createMany(ADMIN, ['5А']);
    const id = (await app.services.classes.findByName('5А'))!.id;
    await app.services.invites.create(ADMIN, { classId: id, role: 'student' });
    await verifiedTeacher(app.services, 300, 'Петрова Анна');
    expect((await archiveClass(app, await turnFor(app, 300), id)).outcome).toEqual({ kind: 'refused', text: DENIED });
    expect((await archiveClass(app, await turnFor(app, ADMIN_ID), 'no-such-class')).outcome).toEqual({ kind: 'not-found' });
    expect(await names()).toEqual(['Учительская:active', '5А:active']);
    expect(await archiveClass(app, await turnFor(app, ADMIN_ID), id)).toEqual({ outcome: { kind: 'archived', name: '5А', revokedInvites: 1 }, notices: [] });
    expect((await archiveClass(app, await turnFor(app, ADMIN_ID), id)).outcome).toEqual({ kind: 'already-archived', name: '5А' });
    expect(await names()).toEqual(['Учительская:active', '5А:archived']);
  });
});
