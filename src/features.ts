import { materialActions } from './features/materials/materials-buttons.js';
import { materialsCommand, submitCommand } from './features/materials/materials-commands.js';
import type { ActionSpec } from './features/shared/action-registry.js';
import type { JobSpec } from './features/shared/job-registry.js';
import { requestActions } from './features/join-requests/decide-buttons.js';
import { requestReminderJob } from './features/join-requests/later-buttons.js';
import { requestEscalationJob } from './features/join-requests/request-routing.js';
import { verifyActions } from './features/verification/confirm-button.js';
import { adminChatActions } from './features/admin-chats/admin-chats-buttons.js';
import { staffChatsCommand } from './features/admin-chats/admin-chats-commands.js';
import { cancelCommand } from './features/basics/cancel-command.js';
import { bindCommand, channelsCommand, postCommand, postsCommand, scheduledCommand, unbindCommand } from './features/channels/channels-commands.js';
import { scheduledPostActions } from './features/channels/scheduled-posts-buttons.js';
import { scheduledPostJob } from './features/channels/scheduled-posts.js';
import { postAckActions } from './features/channels/post-acks-buttons.js';
import { langCommand } from './features/basics/lang-command.js';
import { startCommand } from './features/basics/start-command.js';
import { classRosterCommand, classTeacherCommand } from './features/class-teachers/class-teachers-commands.js';
import { archiveAction, archiveCommand, classesCommand, keepAction, renameCommand } from './features/classes/classes-commands.js';
import { helpCommand } from './features/help/help-command.js';
import { helpActions } from './features/help/help-buttons.js';
import { questionCommand, resourcesCommand, rulesCommand, supportCommand } from './features/help/reference-commands.js';
import { menuCommand } from './features/menu/menu-command.js';
import { setupCommand } from './features/school/setup-command.js';
import { inviteCommand, invitesCommand, pageAction, revokeAction, revokeCommand, revokeUnusedAction, sendInviteCommand } from './features/invites/invite-commands.js';
import { joinCommand } from './features/onboarding/join-command.js';
import { leftAction, leftCommand, linkChildCommand, promoteCommand, transferCommand } from './features/movement/movement-commands.js';
import { auditCommand } from './features/audit/audit-command.js';
import type { CommandSpec } from './features/shared/command-registry.js';
import { requestsCommand } from './features/join-requests/requests-command.js';
import { adminsCommand, deputyCommand, headCommand, staffCommand } from './features/roles/roles-commands.js';
import { schoolCommand } from './features/school/school-command.js';
import { chatCommand, chatsCommand } from './features/study-chats/study-chat-commands.js';
import { onChatMemberChange, removeFromStudyChatAction } from './features/study-chats/chat-members.js';
import { verifyCommand } from './features/verification/verify-command.js';
import { meetingCommand, meetingsCommand } from './features/meetings/meetings-commands.js';
import { meetingActions } from './features/meetings/meetings-buttons.js';
import { meetingReminderJob } from './features/meetings/plan-meeting.js';
import { broadcastCommand, broadcastsCommand, lessonCommand, lessonsCommand, webinarCommand } from './features/broadcasts/broadcasts-commands.js';
import { broadcastActions } from './features/broadcasts/broadcasts-buttons.js';
import { broadcastReminderJob } from './features/broadcasts/event-reminders.js';
import { deliveryJob } from './features/shared/delivery-job.js';
import { consentActions, consentCommand } from './features/consent/consent-commands.js';
import { SCHOOL_SETUP } from './features/school/dialogs.js';
import { INVITE_BUILDER } from './features/invites/dialogs.js';
import { JOIN_CODE, ONBOARDING } from './features/onboarding/dialogs.js';
import { CLASS_GRID, CLASS_RENAME } from './features/classes/dialogs.js';
import { PROMOTION } from './features/movement/dialogs.js';
import { AUDIT_DATES } from './features/audit/dialogs.js';
import { REJECT_REASON } from './features/join-requests/dialogs.js';
import { STUDY_CHAT } from './features/study-chats/dialogs.js';
import { MEETING, MEETING_MOVE } from './features/meetings/dialogs.js';
import { BROADCAST, BROADCAST_MOVE, ONLINE_LESSON } from './features/broadcasts/dialogs.js';
import { POST, SCHEDULED_POST_EDIT, SCHEDULED_POST_MOVE } from './features/channels/dialogs.js';
import { MATERIAL_DECLINE, MATERIAL_EDIT, MATERIAL_SUBMIT } from './features/materials/dialogs.js';
import { ADMIN_QUESTION, QUESTION_ANSWER } from './features/help/dialogs.js';
import { PARENT_CONSENT } from './features/consent/dialogs.js';

import type { App } from './app.js';
import type { ChatMemberChange } from './messenger/events.js';

/** What a feature does when someone joins or leaves a group chat the bot is in. */
export type ChatMemberHandler = (app: App, event: ChatMemberChange) => Promise<void>;

/** One capability of the bot: its commands (in /help order), callback buttons, dialogs, what it does on chat membership changes, and its scheduled jobs. */
export interface Feature {
  readonly commands?: readonly CommandSpec[];
  readonly actions?: readonly ActionSpec[];
  /** The slugs of the dialogs it opens; scenes/ holds them (see scenes/index.ts), the bot checks each has one. */
  readonly dialogs?: readonly string[];
  readonly chatMembers?: readonly ChatMemberHandler[];
  readonly jobs?: readonly JobSpec[];
}

/** Everything the bot can do; add a feature here to wire its commands, buttons and dialogs. */
export const FEATURES: readonly Feature[] = [
  { commands: [startCommand, helpCommand] },
  /** The main menu of buttons in the private dialog, brought back after every dialog (issue 10). */
  { commands: [menuCommand] },
  /** The school's profile and the Sferum application (F01–F03). */
  { commands: [schoolCommand, setupCommand], dialogs: [SCHOOL_SETUP] },
  /** Invites (F05, F11) and joining by them (F19, F23, F27): the code step and onboarding. */
  {
    commands: [inviteCommand, invitesCommand, revokeCommand, sendInviteCommand, joinCommand],
    actions: [revokeAction, pageAction, revokeUnusedAction],
    dialogs: [INVITE_BUILDER, JOIN_CODE, ONBOARDING],
  },
  /** Classes (F04), admins and the administration (F06, F18), class teachers (F07), movement and the audit log (F10). */
  {
    commands: [classesCommand, renameCommand, archiveCommand, classRosterCommand, classTeacherCommand, staffCommand, adminsCommand, headCommand, deputyCommand, transferCommand, leftCommand, linkChildCommand, promoteCommand, auditCommand],
    actions: [archiveAction, keepAction, leftAction],
    dialogs: [CLASS_GRID, CLASS_RENAME, PROMOTION, AUDIT_DATES],
  },
  /** Join requests and teacher status (F08, F09, F20, F24). */
  {
    commands: [requestsCommand, verifyCommand],
    actions: [...requestActions, ...verifyActions],
    dialogs: [REJECT_REASON],
    jobs: [requestEscalationJob, requestReminderJob],
  },
  /** The administration chats: the head's chat with the deputies and with all teachers, their links sent to their members (F22). */
  { commands: [staffChatsCommand], actions: [...adminChatActions] },
  /** Study chats: a subject chat of a class, its link sent to the class; strangers who join reported to the teacher (F25). */
  { commands: [chatCommand, chatsCommand], actions: [removeFromStudyChatAction], dialogs: [STUDY_CHAT], chatMembers: [onChatMemberChange] },
  /** Meetings of the administration: planned by the head, deputies and admins, invitations by private message, reminders, moved or cancelled with everyone told (F22). */
  { commands: [meetingCommand, meetingsCommand], actions: meetingActions, dialogs: [MEETING, MEETING_MOVE], jobs: [meetingReminderJob] },
  /** Broadcasts and webinars (head, deputies, admins) and online lessons in subject chats (teachers): announced with a link, reminders, moved or cancelled with everyone told (F13, F26, F31). */
  {
    commands: [broadcastCommand, webinarCommand, broadcastsCommand, lessonCommand, lessonsCommand],
    actions: broadcastActions,
    dialogs: [BROADCAST, ONLINE_LESSON, BROADCAST_MOVE],
    jobs: [broadcastReminderJob],
  },
  /** The system channels: the school-wide and the staff channel bound to chats, posts to them, now or at a time (F12). */
  {
    commands: [postCommand, postsCommand, scheduledCommand, channelsCommand, bindCommand, unbindCommand],
    actions: [...postAckActions, ...scheduledPostActions],
    dialogs: [POST, SCHEDULED_POST_EDIT, SCHEDULED_POST_MOVE],
    jobs: [scheduledPostJob],
  },
  /** Material for the channels: handed in by the administration and teachers, published or declined by an admin (F21). */
  { commands: [submitCommand, materialsCommand], actions: materialActions, dialogs: [MATERIAL_SUBMIT, MATERIAL_DECLINE, MATERIAL_EDIT] },
  /** Sends to many: the job that runs a delivery's batches, resumed after a crash, and the held part after the quiet hours (F12, F13, F22). */
  { jobs: [deliveryJob] },
  /** Help (F14): «Вопрос администратору» and its answer; Sferum's support (F15, F29), the regulation (F17), Sferum's instructions (F30). */
  {
    commands: [questionCommand, rulesCommand, supportCommand, resourcesCommand],
    actions: helpActions,
    dialogs: [ADMIN_QUESTION, QUESTION_ANSWER],
  },
  /** A parent's consent for a young student's data (152-ФЗ): the link, paper consents, withdrawal. */
  { commands: [consentCommand], actions: consentActions, dialogs: [PARENT_CONSENT] },
  /** The language and leaving a dialog: last in /help. */
  { commands: [langCommand, cancelCommand] },
];

/**
 * Raised at start when the dialogs handed to the bot do not match the slugs its features open: a
 * command would open a dialog nobody runs, or a dialog would never be opened.
 */
export class DialogWiringError extends Error {
  override readonly name = 'DialogWiringError';
}

/**
 * Checks the dialogs the bot was given (scenes/index.ts) against the features: each slug a feature
 * opens has exactly one dialog, and each dialog belongs to a feature. Returns the dialogs when they match.
 */
export function matchDialogs<Dialog extends { readonly slug: string }>(dialogs: readonly Dialog[], features: readonly Feature[] = FEATURES): readonly Dialog[] {
  const opened = new Set(features.flatMap((feature) => feature.dialogs ?? []));
  const given = dialogs.map((dialog) => dialog.slug);
  const twice = given.filter((slug, index) => given.indexOf(slug) !== index);
  const missing = [...opened].filter((slug) => !given.includes(slug));
  const stray = given.filter((slug) => !opened.has(slug));
  if (twice.length > 0) throw new DialogWiringError(`two dialogs have the slug ${twice.join(', ')}; give each dialog in scenes/ a slug of its own`);
  if (missing.length > 0) throw new DialogWiringError(`no dialog runs ${missing.join(', ')}, which a feature opens; add it to scenes/index.ts`);
  if (stray.length > 0) throw new DialogWiringError(`no feature opens the dialog ${stray.join(', ')}; list its slug in the feature's dialogs in src/features.ts`);
  return dialogs;
}
