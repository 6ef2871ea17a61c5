import type { App } from '../../app.js';
import { ROLES, type Role } from '../../domain/types.js';
import { persistentKeyboard, type Keyboard } from '../../messenger/keyboard.js';
import type { Button } from '../shared/keyboards.js';
import type { Caller, Turn } from '../../turn.js';

/** The name of the menu command, and its argument for the menu's second page («Ещё»). */
export const MENU_COMMAND = 'menu';
export const MENU_MORE = 'more';

/** At most this many everyday actions on the menu's first page (with «Ещё» and «Помощь»: 8 buttons in 4 rows). */
const FIRST_PAGE = 6;
/** At most this many on the second page (with «Назад»: 5 rows of 2). */
const SECOND_PAGE = 8;

/** The commands a menu may offer (each with its button label `menu-btn-<command>` in the locales). */
export const MENU_COMMANDS = [
  'requests', 'classes', 'invite', 'post', 'setup', 'staff', 'classteacher', 'invites', 'transfer', 'audit', 'school', 'admins', 'materials',
  'chats', 'meeting', 'broadcast', 'verify', 'staffchats', 'submit', 'meetings', 'broadcasts', 'webinar', 'chat', 'lesson', 'lessons', 'class', 'help',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * Each role's everyday actions, by command name, most used first: `main` for the first page, `more`
 * for «Ещё». A person with several roles gets them merged in the order of ROLES (admin first).
 */
const ROLE_MENUS: Readonly<Record<Role, { main: readonly MenuCommand[]; more: readonly MenuCommand[] }>> = {
  admin: {
    main: ['requests', 'classes', 'invite', 'post', 'setup', 'staff'],
    more: ['classteacher', 'invites', 'transfer', 'audit', 'school', 'admins', 'materials', 'chats'],
  },
  head: { main: ['meeting', 'broadcast', 'verify', 'staffchats', 'submit', 'meetings'], more: ['broadcasts', 'webinar', 'staff', 'classes', 'chats', 'admins'] },
  deputy: { main: ['meeting', 'broadcast', 'verify', 'submit', 'meetings', 'broadcasts'], more: ['webinar', 'staff', 'classes', 'chats'] },
  teacher: { main: ['chats', 'chat', 'lesson', 'submit', 'requests', 'invite'], more: ['lessons', 'class', 'invites'] },
  student: { main: ['chats'], more: [] },
  parent: { main: ['chats'], more: [] },
};

/** The commands of the caller's menu, first page and «Ещё», each one the caller may run now. */
export function menuCommands(app: App, caller: Caller): { main: MenuCommand[]; more: MenuCommand[] } {
  const held = ROLES.filter((role) => caller.roles.has(role));
  const allowed = (name: MenuCommand) => app.commands.find(name)?.allowed(caller) === true;
  const unique = (names: MenuCommand[]) => [...new Set(names)].filter(allowed);
  const main = unique(held.flatMap((role) => ROLE_MENUS[role].main));
  const more = unique([...main.slice(FIRST_PAGE), ...held.flatMap((role) => ROLE_MENUS[role].more)]).filter((name) => !main.slice(0, FIRST_PAGE).includes(name));
  return { main: main.slice(0, FIRST_PAGE), more: more.slice(0, SECOND_PAGE) };
}

/** A menu button: pressing it runs the command, as typing it would (the router checks the rights again). */
function commandButton(turn: Turn, command: MenuCommand): Button {
  return { label: turn.t(`menu-btn-${command}`), payload: { k: 'cmd', c: command, m: 1 } };
}

function pairs(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

/** The caller's main menu: a persistent keyboard of their everyday actions, «Ещё» for the rest, and «Помощь». */
export function mainMenu(turn: Turn): Keyboard {
  const { main, more } = menuCommands(turn.app, turn.caller);
  const last: Button[] = [];
  if (more.length > 0) last.push({ label: turn.t('menu-btn-more'), payload: { k: 'cmd', c: MENU_COMMAND, a: MENU_MORE, m: 1 } });
  last.push(commandButton(turn, 'help'));
  return persistentKeyboard([...pairs(main.map((name) => commandButton(turn, name))), last]);
}

/** The menu's second page («Ещё»): the caller's other actions and «Назад» to the first page; also persistent. */
export function moreMenu(turn: Turn): Keyboard {
  const { more } = menuCommands(turn.app, turn.caller);
  return persistentKeyboard([...pairs(more.map((name) => commandButton(turn, name))), [{ label: turn.t('menu-btn-back'), payload: { k: 'cmd', c: MENU_COMMAND, m: 1 } }]]);
}
