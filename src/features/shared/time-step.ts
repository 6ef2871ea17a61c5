/**
 * The «when?» question of a dialog step (broadcasts, webinars, online lessons and their moves):
 * «Сегодня» and «Завтра» as buttons, then the time typed («15:00»); or a date and time typed at once
 * («15.09 14:30», «завтра 15:00»), read in the school's time zone. A time already past is refused.
 */
import type { Translate } from '../../i18n.js';
import type { DialogContext } from '../../turn.js';
import { cancelButton, replyKeyboard, sceneButton } from './keyboards.js';
import { sceneValue } from './payload.js';
import { parseTypedTime } from './typed-time.js';

/** What the step keeps between its messages: the day pressed (0 today, 1 tomorrow). */
export interface TimeStepState {
  timeDay?: number;
}

const DAY_VALUES: Readonly<Record<string, number>> = { 'day:0': 0, 'day:1': 1 };
/** The words the time parser reads for the day pressed. */
const DAY_WORDS = ['сегодня', 'завтра'] as const;
/** A time of day alone: «15:00», «9.30», «15:00:30». */
const TIME_ONLY = /^\d{1,2}[:.]\d{2}(?::\d{2})?$/u;

/** Why a typed time was refused, in words, with an example. */
function timeProblem(t: Translate, reason: 'unreadable' | 'past'): string {
  return t(reason === 'past' ? 'bc-time-past' : 'bc-time-unreadable');
}

/**
 * Asks the dialog `slug`'s time question, or reads its answer: the moment chosen (ms; the caller
 * moves on), or undefined when the question was asked (first, after a day was pressed, or again with the problem).
 */
export async function askTime(context: DialogContext<TimeStepState>, slug: string, question: string): Promise<number | undefined> {
  const { t, app } = context.turn;
  const keyboard = replyKeyboard([[sceneButton(slug, t('bc-btn-today'), 'day:0', 'primary'), sceneButton(slug, t('bc-btn-tomorrow'), 'day:1', 'primary')], [cancelButton(t)]]);
  const ask = async (problem?: string): Promise<undefined> => {
    const day = context.state.timeDay;
    const text = day === undefined ? question : t('bc-ask-hour', { day: day === 0 ? 'today' : 'tomorrow' });
    await context.turn.reply(problem ? `${problem}\n\n${text}` : text, keyboard);
    return undefined;
  };
  if (context.firstTime) {
    delete context.state.timeDay;
    return ask();
  }
  const pressed = sceneValue(context.payload, slug);
  if (pressed !== undefined && DAY_VALUES[pressed] !== undefined) {
    context.state.timeDay = DAY_VALUES[pressed];
    return ask();
  }
  if (context.hasPayload) return ask(t('button-stale'));
  const typed = context.text.trim();
  if (!typed) return ask(t('invalid-empty'));
  if (typed.startsWith('/')) return ask(t('invalid-command'));
  // A time of day alone is for the day pressed, or today.
  const full = TIME_ONLY.test(typed) ? `${DAY_WORDS[context.state.timeDay ?? 0]} ${typed}` : typed;
  const read = parseTypedTime(full, Date.now(), app.config.SCHOOL_TZ);
  if (!read.ok) return ask(timeProblem(t, read.reason));
  delete context.state.timeDay;
  return read.at;
}
