import type { StepScene } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { schoolSetupScene } from '../scenes/school-setup.js';
import type { ActionSpec } from './actions.js';
import type { App } from './app.js';
import { cancelCommand, langCommand, startCommand } from './commands/basics.js';
import { helpCommand } from './commands/help.js';
import { inviteFeature } from './commands/invites.js';
import type { CommandSpec } from './commands/registry.js';
import { schoolCommand } from './commands/school.js';
import { reviewFeature } from './review-feature.js';
import { schoolStructureFeature } from './commands/school-structure.js';

/** One capability of the bot: its commands (in /help order), callback buttons and dialogs. */
export interface Feature {
  readonly commands?: readonly CommandSpec[];
  readonly actions?: readonly ActionSpec[];
  scenes?(app: App): StepScene<MessageContext, Record<string, unknown>>[];
}

/** Everything the bot can do; add a feature here to wire its commands, buttons and dialogs. */
export const FEATURES: readonly Feature[] = [
  { commands: [startCommand, helpCommand] },
  { commands: [schoolCommand], scenes: (app) => [schoolSetupScene(app) as unknown as StepScene<MessageContext, Record<string, unknown>>] },
  inviteFeature,
  schoolStructureFeature,
  reviewFeature,
  { commands: [langCommand, cancelCommand] },
];
