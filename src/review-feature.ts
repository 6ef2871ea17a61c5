import type { StepScene } from '@vk-io/scenes';
import type { MessageContext } from 'vk-io';
import { rejectReasonScene } from '../scenes/reject-reason.js';
import { requestActions } from './actions/requests.js';
import { verifyActions } from './actions/verify.js';
import { requestsCommand } from './commands/requests.js';
import { verifyCommand } from './commands/verify.js';
import type { Feature } from './features.js';

/** Join requests and teacher status (F08, F09, F20, F24): /requests, /verify, their buttons and the reject-reason dialog. */
export const reviewFeature: Feature = {
  commands: [requestsCommand, verifyCommand],
  actions: [...requestActions, ...verifyActions],
  scenes: (app) => [rejectReasonScene(app) as unknown as StepScene<MessageContext, Record<string, unknown>>],
};
