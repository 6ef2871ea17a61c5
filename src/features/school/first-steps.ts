import type { App } from '../../app.js';
import { STAFF_ROOM_NAME, type FirstStep, type FirstStepId } from '../../domain/index.js';
import { replyKeyboard, type Button } from '../shared/keyboards.js';
import type { Payload } from '../shared/payload.js';
import type { Turn } from '../../turn.js';

/** What each first step's button runs: the same command the admin could type. */
const STEP_COMMANDS: Readonly<Record<FirstStepId, Extract<Payload, { k: 'cmd' }>>> = {
  classes: { k: 'cmd', c: 'classes', a: 'grid' },
  'staff-invite': { k: 'cmd', c: 'invite', a: 'staff teacher' },
  'class-teachers': { k: 'cmd', c: 'classteacher' },
  'class-invites': { k: 'cmd', c: 'invite' },
};

/** One line of the checklist: ✅ or ▫️, the step, and for the steps about every class how many are covered. */
function stepLine(turn: Turn, step: FirstStep, index: number): string {
  const mark = step.done ? '✅' : '▫️';
  const counts = 'total' in step && step.total > 0 ? { covered: step.covered, total: step.total } : { covered: 0, total: 0 };
  return `${mark} ${index + 1}. ${turn.t(`steps-${step.id}`, { staffRoom: STAFF_ROOM_NAME, ...counts })}`;
}

/**
 * Shows the admin the school's first steps after its setup (issue 10): classes → the teachers invited to
 * the staff room → class teachers → invites for the classes, each ✅ or ▫️ by the school's records now,
 * with a button for each step not done (the next one first) and one back to the menu.
 */
export async function showFirstSteps(app: App, turn: Turn): Promise<unknown> {
  const { t } = turn;
  const { steps, next } = await app.services.firstSteps.checklist();
  const lines = [t('steps-header'), '', ...steps.map((step, index) => stepLine(turn, step, index)), '', next ? t(`steps-next-${next}`, { staffRoom: STAFF_ROOM_NAME }) : t('steps-all-done')];
  const open = steps.filter((step) => !step.done);
  const buttons: Button[][] = open.map((step) => [{ label: t(`steps-btn-${step.id}`), payload: STEP_COMMANDS[step.id], color: step.id === next ? 'primary' : undefined }]);
  buttons.push([{ label: t('menu-btn-menu'), payload: { k: 'cmd', c: 'menu' } }]);
  return turn.reply(lines.join('\n'), replyKeyboard(buttons));
}
