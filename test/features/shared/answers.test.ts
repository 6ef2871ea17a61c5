import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readAnswer, sceneChoice, typedText } from '../../../src/features/shared/answers.js';
import { I18n } from '../../../src/i18n.js';

const t = new I18n('ru').bind('ru');

describe('the shapes of dialog answers (zod)', () => {
  const name = typedText({ min: 2, max: 5 });

  it('a typed text is trimmed and kept when it is between its limits, counted as the person counts (an emoji is one)', () => {
    expect(readAnswer(t, name, '  Ёжик ')).toEqual({ ok: true, value: 'Ёжик' });
    expect(readAnswer(t, name, '🙂🙂🙂🙂🙂')).toEqual({ ok: true, value: '🙂🙂🙂🙂🙂' });
  });

  it('empty, a command, too short or too long: the person is told which, with the limit, in Russian', () => {
    expect(readAnswer(t, name, '   ')).toEqual({ ok: false, problem: t('invalid-empty') });
    expect(readAnswer(t, name, '/help')).toEqual({ ok: false, problem: t('invalid-command') });
    expect(readAnswer(t, name, 'я')).toEqual({ ok: false, problem: t('invalid-too-short', { min: 2 }) });
    const tooLong = readAnswer(t, name, 'Шестьб');
    expect(tooLong).toEqual({ ok: false, problem: t('invalid-too-long', { max: 5 }) });
    expect(tooLong.ok ? '' : tooLong.problem).toMatch(/^Слишком длинно: не больше 5 /u);
  });

  it("an answer not of the step's shape gets the step's own words, or «выберите вариант» when it has none", () => {
    const grade = z.string().regex(/^\d{1,2}$/u).transform(Number).pipe(z.number().min(5).max(11));
    expect(readAnswer(t, grade, '7')).toEqual({ ok: true, value: 7 });
    expect(readAnswer(t, grade, '4', 'от 5 до 11')).toEqual({ ok: false, problem: 'от 5 до 11' });
    expect(readAnswer(t, grade, 'пятый')).toEqual({ ok: false, problem: t('invalid-choice') });
  });

  it("a pressed choice counts only when it is one the step offers, on this dialog's button", () => {
    expect(sceneChoice({ k: 'scene', s: 'meeting', v: 'staff' }, 'meeting', ['deputies', 'staff'])).toBe('staff');
    expect(sceneChoice({ k: 'scene', s: 'meeting', v: 'everyone' }, 'meeting', ['deputies', 'staff'])).toBeUndefined(); // forged
    expect(sceneChoice({ k: 'scene', s: 'post', v: 'staff' }, 'meeting', ['deputies', 'staff'])).toBeUndefined(); // another dialog's
    expect(sceneChoice(undefined, 'meeting', ['deputies', 'staff'])).toBeUndefined(); // typed
  });
});
