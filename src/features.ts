import type { StepScene } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { classGridScene } from '../scenes/class-grid.js';
import { classRenameScene } from '../scenes/class-rename.js';
import { inviteBuilderScene } from '../scenes/invite-builder.js';
import { joinCodeScene } from '../scenes/join-code.js';
import { onboardingScene } from '../scenes/onboarding.js';
import { promotionScene } from '../scenes/promotion.js';
import { rejectReasonScene } from '../scenes/reject-reason.js';
import { schoolSetupScene } from '../scenes/school-setup.js';
import type { ActionSpec } from './actions.js';
import { requestActions } from './actions/requests.js';
import { verifyActions } from './actions/verify.js';
import type { App } from './app.js';
import { cancelCommand, langCommand, startCommand } from './commands/basics.js';
import { classRosterCommand, classTeacherCommand } from './commands/class-teachers.js';
import { archiveAction, archiveCommand, classesCommand, keepAction, renameCommand } from './commands/classes.js';
import { helpCommand } from './commands/help.js';
import { inviteCommand, invitesCommand, pageAction, revokeAction, revokeCommand, revokeUnusedAction, sendInviteCommand } from './commands/invites.js';
import { joinCommand } from './commands/join.js';
import { auditCommand, leftAction, leftCommand, linkChildCommand, promoteCommand, transferCommand } from './commands/movement.js';
import type { CommandSpec } from './commands/registry.js';
import { requestsCommand } from './commands/requests.js';
import { adminsCommand, deputyCommand, headCommand, staffCommand } from './commands/roles.js';
import { schoolCommand } from './commands/school.js';
import { verifyCommand } from './commands/verify.js';

type AnyScene = StepScene<MessageContext, Record<string, unknown>>;

/** One capability of the bot: its commands (in /help order), callback buttons and dialogs. */
export interface Feature {
  readonly commands?: readonly CommandSpec[];
  readonly actions?: readonly ActionSpec[];
  scenes?(app: App): AnyScene[];
}

/** Everything the bot can do; add a feature here to wire its commands, buttons and dialogs. */
export const FEATURES: readonly Feature[] = [
  { commands: [startCommand, helpCommand] },
  /** The school's profile and the Sferum application (F01–F03). */
  { commands: [schoolCommand], scenes: (app) => [schoolSetupScene(app)] as unknown as AnyScene[] },
  /** Invites (F05, F11) and joining by them (F19, F23, F27): the code step and onboarding. */
  {
    commands: [inviteCommand, invitesCommand, revokeCommand, sendInviteCommand, joinCommand],
    actions: [revokeAction, pageAction, revokeUnusedAction],
    scenes: (app) => [inviteBuilderScene(app), joinCodeScene(app), onboardingScene(app)] as unknown as AnyScene[],
  },
  /** Classes (F04), admins and the administration (F06, F18), class teachers (F07), movement and the audit log (F10). */
  {
    commands: [classesCommand, renameCommand, archiveCommand, classRosterCommand, classTeacherCommand, staffCommand, adminsCommand, headCommand, deputyCommand, transferCommand, leftCommand, linkChildCommand, promoteCommand, auditCommand],
    actions: [archiveAction, keepAction, leftAction],
    scenes: (app) => [classGridScene(app), classRenameScene(app), promotionScene(app)] as unknown as AnyScene[],
  },
  /** Join requests and teacher status (F08, F09, F20, F24). */
  {
    commands: [requestsCommand, verifyCommand],
    actions: [...requestActions, ...verifyActions],
    scenes: (app) => [rejectReasonScene(app)] as unknown as AnyScene[],
  },
  { commands: [langCommand, cancelCommand] },
];
