import type { App } from '../src/app.js';
import { cancelButton, replyKeyboard } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { classNameOf } from '../src/features/shared/class-ref.js';
import { decideAndNotify } from '../src/features/join-requests/decide-request.js';
import { MAX_REASON_LENGTH } from '../src/domain/join-requests.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { REJECT_REASON, type RejectReasonStart } from '../src/features/join-requests/dialogs.js';
import { readTyped, typedText } from '../src/features/shared/answers.js';

interface ReasonState extends Partial<RejectReasonStart>, Record<string, unknown> {}

type ReasonContext = DialogContext<ReasonState>;

/** The reason, typed. */
const REASON = typedText({ max: MAX_REASON_LENGTH });

/** Asks for the reason (again, with the problem first, after bad input). Leaves when the request is gone or decided. */
async function ask(app: App, context: ReasonContext, requestId: string, problem?: string): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const request = await app.services.requests.get(requestId);
  if (!request || request.status !== 'pending') {
    await context.leave();
    return turn.reply(t('req-reason-gone'), replyKeyboard([]));
  }
  const question = t('req-reason-ask', { name: request.applicant.name, className: await classNameOf(app, request.applicant.classId), max: MAX_REASON_LENGTH });
  return turn.reply(
    problem ? `${problem}\n\n${question}` : question,
    replyKeyboard([[{ label: t('req-btn-no-reason'), payload: { k: 'scene', s: REJECT_REASON, v: 'none' }, color: 'primary' }], [cancelButton(t)]]),
  );
}

/**
 * The reason dialog: one question («why?», or the «Без причины» button), then the rejection through
 * the service. The dialog is opened by the «Отклонить» callback button (see {@link enterRejectReason})
 * and continues with ordinary messages in the private dialog.
 */
function rejectReasonSteps(): DialogStepHandler<ReasonState>[] {
  return [
    async (context: ReasonContext) => {
      const turn = context.turn;
      const requestId = context.state.requestId;
      if (!requestId) return context.leave();
      if (context.firstTime) return ask(turn.app, context, requestId);
      let reason = '';
      if (sceneValue(context.payload, REJECT_REASON) !== 'none') {
        const typed = readTyped(context, REASON);
        if (!typed.ok) return ask(turn.app, context, requestId, typed.problem);
        reason = typed.value;
      }
      const report = await decideAndNotify(turn.app, turn, requestId, 'rejected', reason);
      await context.leave();
      return turn.reply(report.text, replyKeyboard([]));
    },
  ];
}

export const rejectReasonDialog: DialogDefinition<ReasonState> = { slug: REJECT_REASON, steps: rejectReasonSteps() };
