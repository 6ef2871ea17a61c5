import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, PermissionDeniedError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { ADMIN, join, openSchool, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  await school.cleanup();
});

describe('F14 questions to the admins', () => {
  it('a member asks; a stranger may not; a repeat of the same operation records one question', async () => {
    const c = await s.classes.create(ADMIN, '5А');
    await join(s, 'student', c.id, { personId: vk(3001) });
    const keyed = s.keyedBy(() => 'evt-1:w0');
    const first = await keyed.questions.ask(vk(3001), 'Когда собрание?');
    const again = await s.keyedBy(() => 'evt-1:w0').questions.ask(vk(3001), 'Когда собрание?');
    expect(again).toEqual(first);
    expect(first).toMatchObject({ from: vk(3001), text: 'Когда собрание?', status: 'open' });
    expect(await s.questions.get(first.id)).toEqual(first);
    expect((await s.questions.ask(vk(3001), 'Ещё вопрос')).id).not.toBe(first.id);
    await expect(s.questions.ask(vk(9999), 'Я не из школы')).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('of two admins answering at once the first answers; a student may not answer; an unknown question is not found', async () => {
    const c = await s.classes.create(ADMIN, '5А');
    await join(s, 'student', c.id, { personId: vk(3001) });
    await s.members.ensureBootstrapAdmins([vk(1002)]);
    const question = await s.questions.ask(vk(3001), 'Когда собрание?');
    const other = await school.second();
    const [a, b] = await Promise.all([s.questions.answer(ADMIN, question.id, 'В четверг.'), other.questions.answer(vk(1002), question.id, 'В пятницу.')]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const stored = await s.questions.get(question.id);
    expect(stored).toMatchObject({ status: 'answered', answeredBy: a.ok ? ADMIN : vk(1002), answer: a.ok ? 'В четверг.' : 'В пятницу.' });
    await expect(s.questions.answer(vk(3001), question.id, 'Сам отвечу')).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.questions.answer(ADMIN, 'q999', 'Нет такого')).rejects.toBeInstanceOf(NotFoundError);
  });
});
