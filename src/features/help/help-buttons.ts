/** The buttons of /help (F14): topics, the FAQ, every command, «Вопрос администратору» and «Ответить» under a question; the regulation's sections (F17). */
import { enterAdminQuestion, enterQuestionAnswer } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import { answerRefusal, Q_ANSWER } from './ask-admin.js';
import { allCommandsText, sendHelpHome } from './help-command.js';
import { backKeyboard, faqKeyboard, HELP_ALL, HELP_ASK, HELP_FAQ, HELP_HOME, HELP_TOPIC, isFaq, isTopic, topicsFor, topicText } from './help-topics.js';
import { RULES_SECTION, rulesHome, rulesSection } from './reference-commands.js';

/** A topic: its short explanation and commands, with «Назад»; a topic the caller has nothing in now is stale. */
const topicAction: ActionSpec = {
  name: HELP_TOPIC,
  async run(_press, payload, turn, app) {
    const topic = payload.id;
    if (!isTopic(topic) || !topicsFor(app, turn.caller).includes(topic)) return turn.t('button-stale-short');
    await turn.reply(topicText(app, turn.t, turn.locale, turn.caller, topic), backKeyboard(turn.t, 'home'));
  },
};

/** The FAQ: its list of questions (`list`), or one answer with «Назад» to the list. */
const faqAction: ActionSpec = {
  name: HELP_FAQ,
  async run(_press, payload, turn, app) {
    const { t } = turn;
    if (payload.id === 'list') {
      await turn.reply(t('help-faq-title'), faqKeyboard(t));
      return;
    }
    if (!isFaq(payload.id)) return t('button-stale-short');
    await turn.reply(t('help-faq-answer', { id: payload.id, link: app.messenger.dialogLink() }), backKeyboard(t, 'faq'));
  },
};

/** «Назад» to /help's topics. */
const homeAction: ActionSpec = {
  name: HELP_HOME,
  async run(_press, _payload, turn, app) {
    await sendHelpHome(app, turn);
  },
};

/** «Все команды»: every command the caller may use, one a line. */
const allAction: ActionSpec = {
  name: HELP_ALL,
  async run(_press, _payload, turn, app) {
    await turn.reply(allCommandsText(app, turn), backKeyboard(turn.t, 'home'));
  },
};

/** «Вопрос администратору»: opens the question dialog in the private dialog (members only). */
const askAction: ActionSpec = {
  name: HELP_ASK,
  async run(press, _payload, turn) {
    const { t } = turn;
    if (turn.caller.member?.status !== 'active') return t('q-stranger-short');
    if (!press.isPrivate) return t('command-dm-only');
    if (press.dialogs.current) return t('req-finish-dialog');
    await enterAdminQuestion(press.dialogs);
  },
};

/** «Ответить» under a question's card: an admin types the answer; a question answered before says who answered it. */
const answerAction: ActionSpec = {
  name: Q_ANSWER,
  async run(press, payload, turn, app) {
    const refusal = await answerRefusal(app, turn, payload.id);
    if (refusal) return refusal;
    if (!press.isPrivate) return turn.t('command-dm-only');
    if (!(await enterQuestionAnswer(press.dialogs, payload.id!))) return turn.t('req-finish-dialog');
  },
};

/** A section of the regulation (its index), or the list of sections (`list`). */
const rulesAction: ActionSpec = {
  name: RULES_SECTION,
  async run(_press, payload, turn) {
    if (payload.id === 'list') {
      await rulesHome(turn);
      return;
    }
    const index = /^\d{1,2}$/.test(payload.id ?? '') ? Number(payload.id) : -1;
    const shown = rulesSection(turn, index);
    if (!shown) return turn.t('button-stale-short');
    await shown;
  },
};

/** Every button of help and the regulation. */
export const helpActions: readonly ActionSpec[] = [topicAction, faqAction, homeAction, allAction, askAction, answerAction, rulesAction];
