import type { Emulator, EmuChat, StoredMessage } from '../emulator/index.js';
import type { Services } from '../src/domain/index.js';
import type { Role } from '../src/domain/types.js';
import { vkPerson } from '../src/vk/person-refs.js';
import { partOf, type CastPart } from './cast.js';

/** A person on the page's left: who they are in VK, their cast part, and what the bot's records make of them. */
export interface PersonView {
  id: number;
  name: string;
  part: CastPart | null;
  /** Roles in the school ([] for someone not in it); a teacher waiting for confirmation is `teacherStatus: 'pending'`. */
  roles: Role[];
  teacherStatus: 'pending' | 'verified' | null;
  classNames: string[];
  allowsMessages: boolean;
  /** The bot's messages in their private chat they have not opened yet. */
  unread: number;
  lang: 'ru' | 'en';
}

/** What a chat the bot is in is to the school. */
export type ChatKind = 'study' | 'channel' | 'admin' | 'chat';

/** A chat on the page's left. */
export interface ChatView {
  peerId: number;
  title: string;
  kind: ChatKind;
  members: number;
  /** Whether the person the page looks as is in it. */
  member: boolean;
}

/** A button as the page draws it; the message's `cmid`, `row` and `col` say which one to press. */
export interface ButtonView {
  cmid: number;
  label: string;
  type: string;
  color: string | null;
  row: number;
  col: number;
  link: string | null;
}

/** A link in a message: a deep link into the community, a chat's join link, or any other address. */
export interface LinkView {
  url: string;
  kind: 'start' | 'join' | 'external';
}

/** One message of a conversation as the person sees it. */
export interface MessageView {
  cmid: number;
  out: boolean;
  fromId: number;
  fromName: string;
  text: string;
  date: number;
  edited: boolean;
  /** A service message (someone joined, the chat was made): its type and whom it is about. */
  action: { type: string; memberId: number | null; memberName: string | null; text: string | null } | null;
  photos: string[];
  docs: { title: string; url: string }[];
  links: LinkView[];
  /** An inline keyboard under the message. */
  keyboard: ButtonView[][] | null;
  /** A private chat: whether the person read this message of the bot. A chat: who of its members read it. */
  read: boolean | null;
  readBy: { id: number; name: string }[] | null;
}

/** A conversation as `as` sees it: their private chat with the bot, or a chat. */
export interface ConversationView {
  peerId: number;
  title: string;
  isChat: boolean;
  member: boolean;
  members: { id: number; name: string; isAdmin: boolean; isBot: boolean }[];
  messages: MessageView[];
  /** The keyboard under the input (the newest non-inline one of the bot, unless hidden). */
  keyboard: ButtonView[][] | null;
  allowsMessages: boolean;
}

/** Reads the emulator's world (and the bot's records, for roles and chat kinds) the way the page shows it. */
export class WorldViews {
  constructor(
    private readonly emulator: Emulator,
    private readonly services: Services,
  ) {}

  /** A VK user's or the community's name. */
  nameOf(id: number): string {
    if (id < 0) return this.emulator.options.groupName;
    const user = this.emulator.state.users.get(id);
    return user ? `${user.firstName} ${user.lastName}`.trim() : `id${id}`;
  }

  /** Everyone the emulator knows, the cast first, with their roles in the school. */
  async people(): Promise<PersonView[]> {
    const classes = new Map((await this.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    const users = [...this.emulator.state.users.values()].sort((a, b) => a.id - b.id);
    return Promise.all(
      users.map(async (user) => {
        const member = await this.services.members.get(vkPerson(user.id));
        const active = member?.status === 'active' ? member : undefined;
        const read = this.emulator.state.readThrough(user.id, user.id);
        return {
          id: user.id,
          name: this.nameOf(user.id),
          part: partOf(user.id) ?? null,
          roles: active ? [...active.roles] : [],
          teacherStatus: active?.teacherStatus ?? null,
          classNames: active ? active.classIds.map((id) => classes.get(id) ?? id) : [],
          allowsMessages: user.allowsMessages,
          unread: this.emulator.sentTo(user.id).filter((m) => m.cmid > read).length,
          lang: user.langId === 3 ? 'en' : 'ru',
        } satisfies PersonView;
      }),
    );
  }

  /** The chats the bot is in (made by it or added to it), oldest first. */
  async chats(as: number): Promise<ChatView[]> {
    const self = -this.emulator.groupId;
    const study = new Set((await this.services.studyChats.all()).map((c) => c.peer));
    const channels = new Set((await this.services.channels.all()).map((c) => c.peer));
    const admin = new Set(Object.values(await this.services.adminChats.all()).map((c) => c?.peer));
    return [...this.emulator.state.chats.values()]
      .filter((chat) => chat.members.some((m) => m.memberId === self))
      .map((chat) => ({
        peerId: chat.peerId,
        title: chat.title,
        kind: study.has(chat.peerId) ? 'study' : channels.has(chat.peerId) ? 'channel' : admin.has(chat.peerId) ? 'admin' : 'chat',
        members: chat.members.filter((m) => m.memberId > 0).length,
        member: chat.members.some((m) => m.memberId === as),
      }));
  }

  /** The conversation `peerId` as `as` sees it. */
  conversation(as: number, peerId: number): ConversationView {
    const { state } = this.emulator;
    const chat = state.chatByPeer(peerId);
    const user = state.requireUser(as);
    const messages = state.messagesOf(peerId).filter((m) => !m.deleted);
    return {
      peerId,
      title: chat ? chat.title : this.emulator.options.groupName,
      isChat: chat !== undefined,
      member: chat ? chat.members.some((m) => m.memberId === as) : true,
      members: chat ? chat.members.map((m) => ({ id: m.memberId, name: this.nameOf(m.memberId), isAdmin: m.isAdmin, isBot: m.memberId < 0 })) : [],
      messages: messages.map((m) => this.message(m, chat)),
      keyboard: this.persistentKeyboard(peerId),
      allowsMessages: user.allowsMessages,
    };
  }

  private message(m: StoredMessage, chat: EmuChat | undefined): MessageView {
    const { state } = this.emulator;
    const readers = m.out === 1 && chat ? state.readersOf(m.peerId, m.cmid).filter((id) => chat.members.some((member) => member.memberId === id)) : null;
    return {
      cmid: m.cmid,
      out: m.out === 1,
      fromId: m.fromId,
      fromName: this.nameOf(m.fromId),
      text: m.text,
      date: m.date,
      edited: m.editedAt !== undefined,
      action: m.action
        ? { type: m.action.type, memberId: m.action.member_id ?? null, memberName: m.action.member_id === undefined ? null : this.nameOf(m.action.member_id), text: m.action.text ?? null }
        : null,
      photos: m.attachments.flatMap((a) => {
        const id = /^photo-?\d+_(\d+)/u.exec(a)?.[1];
        return id && state.photos.has(Number(id)) ? [`/files/photo/${id}`] : [];
      }),
      docs: m.attachments.flatMap((a) => {
        const id = /^doc-?\d+_(\d+)/u.exec(a)?.[1];
        const doc = id ? state.docs.get(Number(id)) : undefined;
        return doc ? [{ title: doc.title, url: `/files/doc/${doc.id}` }] : [];
      }),
      links: this.links(m.text),
      keyboard: m.keyboard?.inline && !m.keyboardHidden && m.keyboard.buttons.length > 0 ? buttonsOf(m) : null,
      read: m.out === 1 && !chat ? state.readThrough(m.peerId, m.peerId) >= m.cmid : null,
      readBy: readers ? readers.map((id) => ({ id, name: this.nameOf(id) })) : null,
    };
  }

  /** The links in a text, each with what opening it does. */
  links(text: string): LinkView[] {
    return [...text.matchAll(/https?:\/\/[^\s«»"<>]+[^\s«»"<>.,:;!?)]/gu)].map(([url]) => ({ url, kind: linkKind(url, this.emulator) }));
  }

  /** The newest keyboard of the bot under the input, unless a later message hid it. */
  private persistentKeyboard(peerId: number): ButtonView[][] | null {
    const newest = this.emulator
      .sentTo(peerId)
      .filter((m) => m.keyboard !== undefined && !m.keyboard.inline)
      .at(-1);
    if (!newest || newest.keyboardHidden || !newest.keyboard || newest.keyboard.buttons.length === 0) return null;
    return buttonsOf(newest);
  }
}

function buttonsOf(message: StoredMessage): ButtonView[][] {
  return (message.keyboard?.buttons ?? []).map((row, r) =>
    row.map((b, c) => ({ cmid: message.cmid, label: b.label || b.type, type: b.type, color: b.color ?? null, row: r, col: c, link: b.link ?? null })),
  );
}

/** What opening a link does in the sandbox: start a dialog with the community, join a chat, or leave the page. */
export function linkKind(url: string, emulator: Emulator): LinkView['kind'] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'external';
  }
  const host = parsed.hostname.replace(/^(www\.|m\.)/u, '');
  if (host === 'vk.me' && parsed.pathname.startsWith('/join/')) return 'join';
  const target = host === 'vk.me' || host === 'vk.com' || host === 'vk.ru' ? parsed.pathname.replace(/^\//u, '').replace(/\/$/u, '') : null;
  const names = new Set([`club${emulator.groupId}`, `public${emulator.groupId}`, emulator.options.screenName]);
  return target !== null && names.has(target) ? 'start' : 'external';
}
