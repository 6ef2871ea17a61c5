// Every dialog of the bot, one file a dialog. src/ never imports scenes/: the features open a dialog by
// its slug (src/features/<feature>/dialogs.ts), and the entry that starts the bot (main.ts, the sandbox,
// the tests) hands it this list. The bot refuses to start when a feature's slug has no dialog here.
import type { AnyDialog } from '../src/turn.js';
import { schoolSetupDialog } from './school-setup.js';
import { inviteBuilderDialog } from './invite-builder.js';
import { joinCodeDialog } from './join-code.js';
import { onboardingDialog } from './onboarding.js';
import { classGridDialog } from './class-grid.js';
import { classRenameDialog } from './class-rename.js';
import { promotionDialog } from './promotion.js';
import { auditDatesDialog } from './audit-dates.js';
import { rejectReasonDialog } from './reject-reason.js';
import { studyChatDialog } from './study-chat.js';
import { meetingDialog } from './meeting.js';
import { meetingMoveDialog } from './meeting-move.js';
import { broadcastDialog } from './broadcast.js';
import { onlineLessonDialog } from './online-lesson.js';
import { broadcastMoveDialog } from './broadcast-move.js';
import { postDialog } from './post.js';
import { scheduledPostEditDialog } from './scheduled-post-edit.js';
import { scheduledPostMoveDialog } from './scheduled-post-move.js';
import { materialSubmitDialog } from './material-submit.js';
import { materialDeclineDialog } from './material-decline.js';
import { materialEditDialog } from './material-edit.js';
import { adminQuestionDialog } from './admin-question.js';
import { questionAnswerDialog } from './question-answer.js';
import { parentConsentDialog } from './parent-consent.js';

/** The bot's dialogs, in the order of the features that open them (src/features.ts). */
export const DIALOGS = [
  schoolSetupDialog,
  inviteBuilderDialog,
  joinCodeDialog,
  onboardingDialog,
  classGridDialog,
  classRenameDialog,
  promotionDialog,
  auditDatesDialog,
  rejectReasonDialog,
  studyChatDialog,
  meetingDialog,
  meetingMoveDialog,
  broadcastDialog,
  onlineLessonDialog,
  broadcastMoveDialog,
  postDialog,
  scheduledPostEditDialog,
  scheduledPostMoveDialog,
  materialSubmitDialog,
  materialDeclineDialog,
  materialEditDialog,
  adminQuestionDialog,
  questionAnswerDialog,
  parentConsentDialog,
] as unknown as readonly AnyDialog[];
