import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { replyKeyboard, type Button, cancelButton, sceneButton } from '../src/features/shared/keyboards.js';
import { pageToken, parsePageToken, pickerPage, withPageNote } from '../src/features/shared/paging.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { announceLesson, lessonChats, lessonView } from '../src/features/broadcasts/announce-lesson.js';
import { checkLink } from '../src/features/broadcasts/event-input.js';
import { reminderOffsets } from '../src/features/broadcasts/event-reminders.js';
import { announcementText, remindersText } from '../src/features/broadcasts/event-texts.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { ONLINE_LESSON, type OnlineLessonStart } from '../src/features/broadcasts/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';

interface LessonState extends OnlineLessonStart, TimeStepState, Record<string, unknown> {
  chatPage?: number;
  link?: string;
  at?: number;
}

type LessonContext = DialogContext<LessonState>;

const CHAT_STEP = 0;
const LINK_STEP = 1;
const WHEN_STEP = 2;
const button = (label: string, value: string): Button => sceneButton(ONLINE_LESSON, label, value);

/** Asks with these rows and «Отмена» under them (the problem with the last answer first). */
function ask(context: DialogContext<object>, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: DialogContext<object>, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

/** The subject chat: preset when /lesson was typed in it, else picked from the teacher's chats (paged buttons, or a title typed). */
async function chatStep(context: LessonContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const chats = await lessonChats(app, turn.caller);
  if (chats.length === 0) return finish(context, t('bc-lesson-no-chats'));
  if (context.firstTime && context.state.studyChatId && chats.some((c) => c.id === context.state.studyChatId)) return context.next();
  const pressed = context.firstTime ? undefined : sceneValue(context.payload, ONLINE_LESSON);
  const turnTo = parsePageToken(pressed);
  if (turnTo !== undefined) context.state.chatPage = turnTo;
  const picked = pickerPage(t, chats.map((c) => button(c.title, c.id)), {
    perRow: 2,
    page: context.state.chatPage ?? 1,
    goTo: (label, n) => sceneButton(ONLINE_LESSON, label, pageToken(n), 'primary'),
    tail: [[cancelButton(t)]],
  });
  const question = withPageNote(t('bc-lesson-ask-chat'), picked);
  const askChat = (problem?: string) => turn.reply(problem ? `${problem}\n\n${question}` : question, replyKeyboard(picked.rows));
  if (context.firstTime || turnTo !== undefined) return askChat();
  const typed = context.text.trim().toLocaleLowerCase('ru-RU');
  const chosen = pressed !== undefined ? chats.find((c) => c.id === pressed) : context.hasPayload ? undefined : chats.find((c) => c.title.toLocaleLowerCase('ru-RU') === typed);
  if (!chosen) return askChat(choiceProblem(context));
  context.state.studyChatId = chosen.id;
  return context.next();
}

async function linkStep(context: LessonContext): Promise<unknown> {
  const { t } = context.turn;
  if (!context.state.studyChatId) return context.go(CHAT_STEP);
  const question = t('bc-ask-link', { kind: 'lesson' });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkLink(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.link = checked.value;
  return context.next();
}

async function whenStep(context: LessonContext): Promise<unknown> {
  if (!context.state.link) return context.go(LINK_STEP);
  const at = await askTime(context, ONLINE_LESSON, context.turn.t('bc-ask-when'));
  if (at === undefined) return undefined;
  context.state.at = at;
  return context.next();
}

async function confirmStep(context: LessonContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { studyChatId, link, at } = context.state;
  if (!studyChatId || !link || at === undefined) return context.go(CHAT_STEP);
  const chat = (await lessonChats(app, turn.caller)).find((c) => c.id === studyChatId);
  if (!chat) return finish(context, t('bc-lesson-chat-gone'));
  const reminders = reminderOffsets(app, 'lesson').filter((before) => at - before > Date.now());
  const summary = [
    t('bc-confirm'),
    '',
    announcementText(app, turn, lessonView(turn, chat, { at, link })),
    '',
    t('bc-confirm-to', { audience: t('bc-audience-chat', { title: chat.title }) }),
    reminders.length > 0 ? t('bc-lesson-confirm-reminders', { list: remindersText(t, reminders) }) : t('bc-report-no-reminders'),
  ].join('\n');
  const rows = [[sceneButton(ONLINE_LESSON, t('bc-btn-announce'), 'send', 'positive')]];
  if (context.firstTime) return ask(context, summary, rows);
  if (sceneValue(context.payload, ONLINE_LESSON) !== 'send') return ask(context, summary, rows, choiceProblem(context));
  if (at <= Date.now()) {
    await turn.reply(t('bc-time-past'));
    return context.go(WHEN_STEP);
  }
  return finish(context, await announceLesson(app, turn, { studyChatId, at, link }));
}

function lessonSteps(): DialogStepHandler<LessonState>[] {
  return [chatStep, linkStep, whenStep, confirmStep];
}

/** The /lesson dialog (F26): the subject chat, the link, the time, the preview, then the announcement in the chat and its reminder. */
export const onlineLessonDialog: DialogDefinition<LessonState> = { slug: ONLINE_LESSON, steps: lessonSteps() };

