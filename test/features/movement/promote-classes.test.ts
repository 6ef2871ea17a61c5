import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promoteAndTell, promoteClasses } from '../../../src/features/movement/promote-classes.js';
import { ADMIN, ADMIN_ID, Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { joinAs, verifiedTeacher } from '../../helpers/school-people.js';
import { noticeLines, noticeTexts, turnFor } from '../../helpers/use-case.js';

describe('the move to the next school year (F10), the use case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  const names = async () => (await h.bot.app.services.classes.list()).map((c) => c.name);

  it('F10: refused to a teacher without the right; a plan with conflicts is not applied; nothing moves', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '6А']);
    await verifiedTeacher(s, 300, 'Петрова Анна');
    const plan = await s.movement.previewPromotion({ keep: [] });
    const denied = await promoteClasses(app, await turnFor(app, 300), plan);
    expect(denied).toEqual({ outcome: { kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' }, notices: [] });
    const conflicting = await s.movement.previewPromotion({ keep: [(await s.classes.findByName('6А'))!.id] });
    expect(conflicting.conflicts).not.toEqual([]);
    const blocked = await promoteClasses(app, await turnFor(app, ADMIN_ID), conflicting);
    expect(blocked).toEqual({ outcome: { kind: 'has-conflicts', plan: conflicting }, notices: [] });
    expect(await names()).toEqual(['Учительская', '5А', '6А']);
    expect((await s.audit.recent(10)).some((e) => e.action === 'movement.promoted')).toBe(false);
  });

  it('F10: a plan the classes changed since comes back stale with the plan that holds now', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А']);
    const plan = await s.movement.previewPromotion({ keep: [] });
    await s.classes.create(ADMIN, '7Б');
    const { outcome, notices } = await promoteClasses(app, await turnFor(app, ADMIN_ID), plan);
    expect(outcome.kind).toBe('stale');
    if (outcome.kind !== 'stale') throw new Error('not stale');
    expect(outcome.plan.moves.map((m) => `${m.from} → ${m.to}`)).toEqual(['5А → 6А', '7Б → 8Б']);
    expect(notices).toEqual([]);
    expect(await names()).toEqual(['Учительская', '5А', '7Б']);
  });

  it('F10: applied, it returns the result and a keyed notice to each graduate and their parent', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '11А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '11А', 311, 'Выпускник Петя');
    await joinAs(s, 'parent', '11А', 312, 'Родитель Пети', 'Выпускник Петя');
    const graduating = (await s.classes.findByName('11А'))!.id;
    const plan = await s.movement.previewPromotion({ keep: [] });

    const { outcome, notices } = await promoteClasses(app, await turnFor(app, ADMIN_ID), plan);
    expect(outcome).toMatchObject({ kind: 'promoted', result: { ok: true, graduatedMembers: 2 } });
    expect(noticeLines(notices).sort()).toEqual([`send 311 graduated:${graduating}:311`, `send 312 graduated:${graduating}:312`]);
    expect(new Set(await noticeTexts(app, notices))).toEqual(new Set(['🎓 Класс 11А выпущен — поздравляем с окончанием школы! Доступ к этому классу в боте закрыт; спасибо, что были с нами.']));
    expect(await names()).toEqual(['Учительская', '6А']);
    expect(await s.members.get(vk(311))).toMatchObject({ status: 'left' });
  });

  it('F10: promoteAndTell applies the plan and does what follows: the graduates told, the families told through the delivery engine, and returns how many were reached', async () => {
    const { app } = h.bot;
    const s = app.services;
    await s.classes.createMany(ADMIN, ['5А', '11А']);
    await joinAs(s, 'student', '5А', 310, 'Сидоров Ваня');
    await joinAs(s, 'student', '11А', 311, 'Выпускник Петя');
    const [vanya, petya] = [h.driver.user({ id: 310, firstName: 'Ваня', lastName: 'Сидоров' }), h.driver.user({ id: 311, firstName: 'Петя', lastName: 'Выпускник' })];
    for (const user of [vanya, petya]) {
      await user.say('/start');
      await user.nextMessage();
    }
    const denied = await promoteAndTell(app, await turnFor(app, 300), await s.movement.previewPromotion({ keep: [] }));
    expect(denied).toEqual({ kind: 'refused', text: 'У вас нет прав на это действие. Список ваших команд — /помощь.' });

    const report = await promoteAndTell(app, await turnFor(app, ADMIN_ID), await s.movement.previewPromotion({ keep: [] }));
    expect(report).toMatchObject({ kind: 'promoted', result: { ok: true, graduatedMembers: 1 }, told: { reached: 1, total: 1 } });
    await vanya.expect('Новый учебный год: класс 5А теперь называется 6А.');
    await petya.expect('Класс 11А выпущен — поздравляем с окончанием школы!');
    expect(await names()).toEqual(['Учительская', '6А']);
  });
});
