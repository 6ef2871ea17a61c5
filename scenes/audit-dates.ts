import { parseAuditArgs, showAuditPage } from '../src/features/audit/audit-pages.js';
import { AUDIT_DATES, type AuditDatesStart } from '../src/features/audit/dialogs.js';
import { parsePeriod } from '../src/features/audit/audit-filter.js';
import { replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { readTyped, typedText } from '../src/features/shared/answers.js';

/**
 * The journal's other dates (F10): «Другие даты» under /журнал asks for a period typed as
 * «01.09–30.09» (or with years), then shows the journal for it, keeping the class and the person
 * chosen before (`filterArgs`, the command's arguments for them).
 */
interface DatesState extends Partial<AuditDatesStart>, Record<string, unknown> {}

type DatesContext = DialogContext<DatesState>;

/** The period, typed: not a button, not empty, not a command; parsePeriod reads the dates. */
const PERIOD_TEXT = typedText({ max: Number.MAX_SAFE_INTEGER });

/** Asks for the dates until they are a real period; then the journal for it. */
function auditDatesSteps(): DialogStepHandler<DatesState>[] {
  const step = async (context: DatesContext): Promise<unknown> => {
    const turn = context.turn;
    const { t, app } = turn;
    const askAgain = (problem?: string) =>
      turn.reply([problem, t('au-dates-ask')].filter(Boolean).join('\n\n'), replyKeyboard([[{ label: t('btn-cancel'), payload: { k: 'cmd', c: 'cancel' }, color: 'negative' }]]));
    if (context.firstTime) return askAgain();
    const typed = readTyped(context, PERIOD_TEXT);
    if (!typed.ok) return askAgain(typed.problem);
    const now = Date.now();
    const period = parsePeriod(typed.value.replace(/\s+/gu, ''), now, app.config.SCHOOL_TZ);
    if (!period) return askAgain(t('au-bad-period', { value: context.text.trim() }));
    const parsed = await parseAuditArgs(app, t, context.state.filterArgs ?? '', now);
    const filter = parsed.ok ? parsed.filter : { period };
    await context.leave();
    return showAuditPage(app, turn, { ...filter, period }, 1, now);
  };
  return [step];
}

export const auditDatesDialog: DialogDefinition<DatesState> = { slug: AUDIT_DATES, steps: auditDatesSteps() };
