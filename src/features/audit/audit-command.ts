/**
 * /журнал (/audit): the journal of actions for admins (F10); what it shows is in audit-pages.ts.
 */
import { may, type CommandSpec } from '../shared/command-registry.js';
import { enterAuditDates } from './dialogs.js';
import { auditArgs, exportAudit, parseAuditArgs, pickAuditClass, showAuditPage } from './audit-pages.js';

/** /audit [period] [class] [person] [#page] [выгрузить] — the journal, for admins (F10). */
export const auditCommand: CommandSpec = {
  name: 'audit',
  aliases: ['журнал', 'аудит'],
  summaryKey: 'mv-cmd-audit',
  dmOnly: true,
  allowed: may('movement.record'),
  async run(context, args, turn, app) {
    const now = Date.now();
    const parsed = await parseAuditArgs(app, turn.t, args, now);
    if (!parsed.ok) return turn.reply(parsed.text);
    switch (parsed.action) {
      case 'export':
        return exportAudit(app, turn, parsed.filter, now);
      case 'pick-class':
        return pickAuditClass(app, turn, parsed.filter, parsed.page);
      case 'dates':
        // The dates are typed in a dialog; the class and the person chosen stay.
        return enterAuditDates(context.dialogs, auditArgs({ ...parsed.filter, period: { kind: 'all' } }));
      case 'show':
        return showAuditPage(app, turn, parsed.filter, parsed.page, now);
    }
  },
};
