import { EmulatorUsageError, InvalidInviteLinkError, type Emulator, type EmuUser } from '../emulator/index.js';
import { FIRST_ADDED_ID } from './cast.js';
import { linkKind } from './views.js';

/** Why a request of the page was refused; the page words `code` in its language (`error-<code>` in its strings). */
export type RefusalCode =
  | 'unknown-person'
  | 'unknown-chat'
  | 'not-member'
  | 'empty-text'
  | 'too-long'
  | 'no-button'
  | 'button-gone'
  | 'bad-link'
  | 'bad-name'
  | 'bad-request';

/** A request of the page that cannot be done as asked; answered with HTTP 400 and the code. */
export class SandboxRefusal extends Error {
  override readonly name = 'SandboxRefusal';
  constructor(
    readonly code: RefusalCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** What pressing a button did. */
export type PressOutcome = { kind: 'sent' } | { kind: 'pressed' } | { kind: 'link'; link: string; opens: 'start' | 'join' | 'external' };

/** What opening a link did: a message to the community (a deep link), or a chat joined (or already joined). */
export type OpenOutcome = { kind: 'start' } | { kind: 'joined'; peerId: number };

/** VK's limit on a message a person writes. */
const MAX_TEXT = 4096;
/** The longest first or last name the page takes. */
const MAX_NAME = 40;

/** What the people on the page do, as the emulator models a VK user doing it: write, press, open links, read, add someone. */
export class SandboxActions {
  constructor(private readonly emulator: Emulator) {}

  private person(id: number): EmuUser {
    const user = this.emulator.state.users.get(id);
    if (!user) throw new SandboxRefusal('unknown-person', `no person ${id}`);
    return user;
  }

  /** Checks that `as` may look at and write in `peerId`: their own private chat, or a chat they are in. */
  private requirePeer(as: number, peerId: number, { member = true } = {}): void {
    this.person(as);
    if (peerId === as) return;
    const chat = this.emulator.state.chatByPeer(peerId);
    if (!chat) throw new SandboxRefusal('unknown-chat', `no chat ${peerId}`);
    if (member && !chat.members.some((m) => m.memberId === as)) throw new SandboxRefusal('not-member', `${as} is not in chat ${peerId}`);
  }

  /** `as` writes `text` in their private chat with the community or in a chat they are in. */
  say(as: number, peerId: number, text: string): void {
    this.requirePeer(as, peerId);
    if (text.trim() === '') throw new SandboxRefusal('empty-text', 'nothing to send');
    if (text.length > MAX_TEXT) throw new SandboxRefusal('too-long', `more than ${MAX_TEXT} characters`);
    this.emulator.userMessage(as, text, { peerId });
  }

  /**
   * `as` presses the button at `row`, `col` of the bot's message `cmid`: a text button sends its label (with its
   * payload), a callback button sends a press the bot answers (a snackbar, an edit), a link button gives its link.
   * Only a button still on screen can be pressed: an inline keyboard, or the keyboard under the input now.
   */
  press(as: number, peerId: number, cmid: number, row: number, col: number): PressOutcome {
    this.requirePeer(as, peerId);
    const message = this.emulator.state.findByCmid(peerId, cmid);
    const button = message?.keyboard?.buttons[row]?.[col];
    if (!message || message.out !== 1 || !button) throw new SandboxRefusal('no-button', `no button ${row}:${col} on message ${cmid}`);
    const persistent = this.emulator.sentTo(peerId).filter((m) => m.keyboard && !m.keyboard.inline).at(-1);
    if (message.deleted || message.keyboardHidden || (!message.keyboard?.inline && persistent !== message)) {
      throw new SandboxRefusal('button-gone', `the keyboard of message ${cmid} is no longer shown`);
    }
    if (button.type === 'text') {
      if (message.keyboard?.oneTime) {
        message.keyboardHidden = true;
        this.emulator.state.touchMessage(message);
      }
      this.emulator.userMessage(as, button.label, { peerId, payload: button.payload });
      return { kind: 'sent' };
    }
    if (button.type === 'callback') {
      const payload = button.payload === undefined ? undefined : (JSON.parse(button.payload) as unknown);
      this.emulator.messageEvent(as, peerId, cmid, payload);
      return { kind: 'pressed' };
    }
    if (button.type === 'open_link' && button.link) return { kind: 'link', link: button.link, opens: linkKind(button.link, this.emulator) };
    throw new SandboxRefusal('no-button', `a ${button.type} button cannot be pressed in the sandbox`);
  }

  /** `as` opens a link: a deep link into the community starts a dialog with its `ref`, a chat's join link joins the chat. */
  open(as: number, link: string): OpenOutcome {
    this.person(as);
    const kind = linkKind(link, this.emulator);
    if (kind === 'join') {
      const chat = this.emulator.state.chatByInviteLink(link);
      if (!chat) throw new SandboxRefusal('bad-link', 'the join link does not work any more');
      if (!chat.members.some((m) => m.memberId === as)) this.join(as, link);
      return { kind: 'joined', peerId: chat.peerId };
    }
    if (kind !== 'start') throw new SandboxRefusal('bad-link', 'the link leads outside the sandbox');
    const url = new URL(link);
    const ref = url.searchParams.get('ref') ?? undefined;
    const refSource = url.searchParams.get('ref_source') ?? undefined;
    this.emulator.userMessage(as, 'Начать', { payload: '{"command":"start"}', ref, refSource });
    return { kind: 'start' };
  }

  /** `as` joins the chat `peerId` by its current join link (the page's «Войти по ссылке» for a chat they see in the list). */
  joinChat(as: number, peerId: number): OpenOutcome {
    this.requirePeer(as, peerId, { member: false });
    const chat = this.emulator.state.chatByPeer(peerId)!;
    if (!chat.members.some((m) => m.memberId === as)) this.join(as, chat.inviteLink);
    return { kind: 'joined', peerId };
  }

  private join(as: number, link: string): void {
    try {
      this.emulator.joinChatByLink(as, link);
    } catch (error) {
      if (error instanceof InvalidInviteLinkError || error instanceof EmulatorUsageError) throw new SandboxRefusal('bad-link', error.message);
      throw error;
    }
  }

  /** `as` has opened `peerId` and read everything in it. */
  markRead(as: number, peerId: number): void {
    this.requirePeer(as, peerId);
    this.emulator.markRead(as, peerId);
  }

  /** `as` presses «Разрешить сообщения» in the community (message_allow): the bot may write to them first. */
  allowMessages(as: number): void {
    this.person(as);
    this.emulator.emit('message_allow', { user_id: as, key: '' });
  }

  /** Adds a VK user to the sandbox, with the next free id from 200; returns the id. */
  addPerson(firstName: string, lastName: string, lang: 'ru' | 'en'): number {
    const first = firstName.trim();
    const last = lastName.trim();
    if (first === '' || first.length > MAX_NAME || last.length > MAX_NAME) throw new SandboxRefusal('bad-name', 'a first name of 1 to 40 characters and a last name of at most 40');
    let id = FIRST_ADDED_ID;
    while (this.emulator.state.users.has(id)) id += 1;
    this.emulator.addUser({ id, firstName: first, lastName: last, langId: lang === 'en' ? 3 : 0 });
    return id;
  }
}
