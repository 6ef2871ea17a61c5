import { enterMaterialSubmit } from './dialogs.js';
import { materialNumber } from '../../domain/index.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { readerFor } from '../shared/recipients.js';
import { personMention } from '../shared/person-words.js';
import { decisionButtons, mayDecide, mayHandIn } from './hand-in-material.js';

/** /submit — the administration and teachers hand material in for a channel; an admin publishes or declines it (F21). */
export const submitCommand: CommandSpec = {
  name: 'submit',
  aliases: ['предложить', 'материал'],
  summaryKey: 'mat-cmd-submit',
  dmOnly: true,
  allowed: mayHandIn,
  refusal: (turn) => turn.t('mat-denied'),
  run(message) {
    return enterMaterialSubmit(message.dialogs);
  },
};

/** How many waiting materials /materials shows, each with its buttons. */
const SHOWN = 5;

/** /materials — the materials waiting for a decision, each with «Опубликовать» / «Отклонить» (F21). */
export const materialsCommand: CommandSpec = {
  name: 'materials',
  aliases: ['материалы'],
  summaryKey: 'mat-cmd-materials',
  dmOnly: true,
  allowed: mayDecide,
  refusal: (turn) => turn.t('ch-denied'),
  async run(_message, _args, turn, app) {
    const { t } = turn;
    const pending = await app.services.materials.pending(SHOWN + 1);
    if (pending.length === 0) return turn.reply(t('mat-list-empty'));
    await turn.reply(t('mat-list-header', { count: pending.length > SHOWN ? SHOWN : pending.length, more: pending.length > SHOWN ? 'yes' : 'no' }));
    const reader = await readerFor(app, turn.caller.personId);
    for (const material of pending.slice(0, SHOWN)) {
      const who = await personMention(app, t, material.author);
      await turn.reply(t('mat-list-line', { id: materialNumber(material.id), who, text: material.text }), decisionButtons(reader, material));
    }
    return undefined;
  },
};
