import { enterSchoolSetup } from './dialogs.js';
import { may, type CommandSpec } from '../shared/command-registry.js';
import { showFirstSteps } from './first-steps.js';

/** /setup, «Первые шаги»: the checklist of the school's first steps with a button for each step not done (issue 10). */
export const setupCommand: CommandSpec = {
  name: 'setup',
  aliases: ['шаги', 'первыешаги'],
  summaryKey: 'steps-cmd',
  dmOnly: true,
  allowed: may('school.edit'),
  async run(context, _args, turn, app) {
    // A school without its profile starts with the profile.
    if (!(await app.school.get())) return enterSchoolSetup(context.dialogs, null);
    return showFirstSteps(app, turn);
  },
};
