// The sandbox page: the people and the chats on the left, the chat in the middle as the chosen person sees it.
// Everything goes through the sandbox's server (sandbox/web-server.ts); updates arrive as server-sent events.

const $ = (id) => document.getElementById(id);
const LANG_KEY = 'parta-sandbox-lang';

const state = {
  lang: localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ru',
  strings: {},
  as: 100,
  peer: 100,
  world: null,
  conversation: null,
  /** `${as}:${peer}` → the newest cmid already reported read. */
  reported: new Map(),
  refreshing: null,
  again: false,
};

/** A string of the page in its language, with {placeholders} filled in. */
function t(key, args = {}) {
  const text = state.strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(args[name] ?? ''));
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const as = Number(params.get('as'));
  const peer = Number(params.get('peer'));
  state.as = Number.isInteger(as) && as > 0 ? as : 100;
  state.peer = Number.isInteger(peer) && peer > 0 ? peer : state.as;
}

function go(as, peer) {
  location.hash = `as=${as}&peer=${peer}`;
}

async function api(path, body) {
  let response;
  try {
    response = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    showSnackbar(t('error-network'));
    throw new Error('network');
  }
  const data = await response.json().catch(() => ({ error: 'internal' }));
  if (!response.ok) {
    showSnackbar(t(`error-${data.error ?? 'internal'}`));
    throw new Error(data.error ?? 'internal');
  }
  return data;
}

let snackbarTimer;
function showSnackbar(text) {
  const bar = $('snackbar');
  bar.textContent = text;
  bar.hidden = false;
  clearTimeout(snackbarTimer);
  snackbarTimer = setTimeout(() => (bar.hidden = true), 4000);
}

async function loadStrings() {
  state.strings = await (await fetch(`/i18n/${state.lang}.json`)).json();
  document.documentElement.lang = state.lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const button of document.querySelectorAll('[data-lang]')) button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
}

/** Fetches the world and the open conversation again (one refresh at a time; a change meanwhile refreshes once more). */
async function refresh() {
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    do {
      state.again = false;
      const as = state.as;
      const world = await api(`/api/world?as=${as}`);
      state.world = world;
      if (!world.people.some((p) => p.id === as)) {
        go(100, 100);
        return;
      }
      const isChat = state.peer !== as;
      if (isChat && !world.chats.some((c) => c.peerId === state.peer)) state.peer = as;
      state.conversation = await api(`/api/conversation?as=${as}&peer=${state.peer}`);
      render();
      await reportRead();
    } while (state.again);
  })().finally(() => (state.refreshing = null));
  return state.refreshing;
}

/** The person has the conversation open: what is in it counts as read (once per new message). */
async function reportRead() {
  const conv = state.conversation;
  if (!conv || !conv.member || document.visibilityState === 'hidden') return;
  const last = conv.messages.at(-1)?.cmid ?? 0;
  const key = `${state.as}:${conv.peerId}`;
  if (last === 0 || (state.reported.get(key) ?? 0) >= last) return;
  state.reported.set(key, last);
  await api('/api/read', { as: state.as, peer: conv.peerId }).catch(() => undefined);
}

function personLine(person) {
  if (person.roles.length === 0) return t('not-in-school');
  const roles = person.roles.map((role) => (role === 'teacher' && person.teacherStatus === 'pending' ? t('teacher-pending') : t(`role-${role}`)));
  const classes = person.classNames.filter((name) => name !== 'Учительская');
  return [roles.join(', '), classes.join(', ')].filter(Boolean).join(' · ');
}

function render() {
  const { world, conversation: conv } = state;
  $('demo-note').hidden = !world.demo;
  const me = world.people.find((p) => p.id === state.as);
  $('people').replaceChildren(
    ...world.people.map((person) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'aria-current': String(person.id === state.as && state.peer === state.as), 'data-person': person.id, onclick: () => choose(person.id, person.id) },
          person.unread > 0 && person.id !== state.as ? el('span', { className: 'badge', title: t('unread', { count: person.unread }) }, String(person.unread)) : null,
          el('span', { className: 'name' }, person.name),
          el('span', { className: 'sub' }, `${t(person.part ? `part-${person.part}` : 'part-none')} · ${personLine(person)}`),
        ),
      ),
    ),
  );
  $('chats').replaceChildren(
    ...(world.chats.length === 0
      ? [el('li', { className: 'sub' }, el('span', { className: 'sub' }, t('no-chats')))]
      : world.chats.map((chat) =>
          el(
            'li',
            {},
            el(
              'button',
              { type: 'button', 'aria-current': String(chat.peerId === state.peer), 'data-chat': chat.peerId, onclick: () => choose(state.as, chat.peerId) },
              el('span', { className: 'name' }, chat.title),
              el('span', { className: 'sub' }, [t(`kind-${chat.kind}`), t('member-count', { count: chat.members }), chat.member ? t('you-member') : ''].filter(Boolean).join(' · ')),
            ),
          ),
        )),
  );
  renderConversation(conv, me);
}

function renderConversation(conv, me) {
  $('chat-title').textContent = conv.isChat ? conv.title : t('private-chat', { group: state.world.group.name });
  $('chat-sub').textContent = t('you-are', { name: me?.name ?? '' });
  const members = $('members');
  members.hidden = !conv.isChat;
  if (conv.isChat) {
    $('members-summary').textContent = t('members', { count: conv.members.filter((m) => !m.isBot).length });
    $('members-list').replaceChildren(
      ...conv.members.map((m) => el('li', {}, m.name, m.isBot ? el('span', { className: 'tag' }, t('community')) : null, m.isAdmin ? el('span', { className: 'tag' }, t('chat-admin')) : null)),
    );
  }
  const notice = $('notice');
  notice.replaceChildren();
  notice.hidden = true;
  if (conv.isChat && !conv.member) {
    notice.append(el('span', {}, t('not-member', { name: me?.name ?? '' })), el('button', { type: 'button', id: 'join', onclick: () => act('/api/join', { as: state.as, peer: conv.peerId }) }, t('join')));
    notice.hidden = false;
  } else if (!conv.isChat && !conv.allowsMessages) {
    notice.append(el('span', {}, t('not-allowed', { name: me?.name ?? '' })), el('button', { type: 'button', onclick: () => act('/api/allow', { as: state.as }) }, t('allow')));
    notice.hidden = false;
  }
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  const items = conv.messages.map((m) => messageItem(m, conv));
  if (items.length === 0) {
    items.push(el('li', { className: 'empty' }, conv.isChat ? t('empty-chat') : t('empty-dm')));
    if (!conv.isChat) items.push(el('li', { className: 'empty' }, el('button', { type: 'button', className: 'open-as', onclick: () => act('/api/say', { as: state.as, peer: state.as, text: '/start' }) }, t('start'))));
  }
  list.replaceChildren(...items);
  if (atBottom || state.scrollNext) list.scrollTop = list.scrollHeight;
  state.scrollNext = false;
  $('keyboard').replaceChildren(...(conv.keyboard ? keyboardRows(conv.keyboard, conv) : []));
  const writable = conv.member;
  $('text').disabled = !writable;
  $('send').disabled = !writable;
}

function messageItem(m, conv) {
  if (m.action) {
    const key = state.strings[`action-${m.action.type}`] ? `action-${m.action.type}` : 'action-other';
    return el('li', { className: 'service' }, t(key, { who: m.fromName, member: m.action.memberName ?? '', text: m.action.text ?? '' }));
  }
  const mine = !m.out && m.fromId === state.as;
  const bubble = el('div', { className: 'bubble' });
  if (conv.isChat && !mine) bubble.append(el('div', { className: 'from' }, m.fromName));
  bubble.append(...textWithLinks(m.text, m.links));
  for (const src of m.photos) bubble.append(el('img', { src, alt: '' }));
  for (const doc of m.docs) bubble.append(el('div', {}, el('a', { href: doc.url, download: doc.title }, `${t('document')}: ${doc.title}`)));
  const openable = m.links.filter((l) => l.kind !== 'external');
  if (openable.length > 0) {
    bubble.append(el('div', { className: 'links' }, openable.map((link) => el('button', { type: 'button', className: 'open-as', 'data-link': link.url, onclick: () => chooseOpener(link.url) }, t('open-as')))));
  }
  const meta = [new Date(m.date * 1000).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit' })];
  if (m.edited) meta.push(t('edited'));
  if (m.read !== null) meta.push(m.read ? t('read') : t('not-read'));
  if (m.readBy) meta.push(m.readBy.length > 0 ? t('read-by', { count: m.readBy.length, names: m.readBy.map((r) => r.name).join(', ') }) : t('read-by-none'));
  return el(
    'li',
    { className: `msg${mine ? ' mine' : ''}`, 'data-cmid': m.cmid },
    bubble,
    m.keyboard ? el('div', { className: 'inline-kb' }, keyboardRows(m.keyboard, conv)) : null,
    el('div', { className: 'meta' }, meta.join(' · ')),
  );
}

/** VK's mentions, `[id123|Имя]`, shown as the name. */
function withMentions(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/\[(?:id|club|public)\d+\|([^\]]+)\]/g)) {
    parts.push(text.slice(last, match.index), el('span', { className: 'mention' }, match[1]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function textWithLinks(text, links) {
  return textWithUrls(text, links).flatMap((part) => (typeof part === 'string' ? withMentions(part) : [part]));
}

function textWithUrls(text, links) {
  const parts = [];
  let rest = text;
  for (const link of links) {
    const at = rest.indexOf(link.url);
    if (at < 0) continue;
    parts.push(rest.slice(0, at));
    parts.push(link.kind === 'external' ? el('a', { href: link.url, target: '_blank', rel: 'noopener noreferrer', title: t('leaves-sandbox') }, link.url) : el('a', { href: '#', onclick: (e) => (e.preventDefault(), chooseOpener(link.url)) }, link.url));
    rest = rest.slice(at + link.url.length);
  }
  parts.push(rest);
  return parts;
}

function keyboardRows(rows, conv) {
  return rows.map((row) =>
    el(
      'div',
      { className: 'kb-row' },
      row.map((button) =>
        el('button', { type: 'button', className: [button.color ?? '', button.type].join(' '), disabled: !conv.member, onclick: () => press(button, conv) }, button.label),
      ),
    ),
  );
}

function nameOf(id) {
  return state.world?.people.find((p) => p.id === id)?.name ?? `id${id}`;
}

async function act(path, body) {
  try {
    return await api(path, body);
  } catch {
    return undefined;
  }
}

async function press(button, conv) {
  state.scrollNext = true;
  const result = await act('/api/press', { as: state.as, peer: conv.peerId, cmid: button.cmid, row: button.row, col: button.col });
  if (result?.kind === 'link') {
    if (result.opens === 'external') window.open(result.link, '_blank', 'noopener');
    else await openLink(result.link);
  }
}

/** Asks whom to open a link as (the person looked as first): a deep link or a chat's link is anyone's to open. */
function chooseOpener(link) {
  const dialog = $('open-as');
  $('open-as-link').textContent = link;
  const people = [...state.world.people].sort((a, b) => (a.id === state.as ? -1 : b.id === state.as ? 1 : 0));
  $('open-as-people').replaceChildren(
    ...people.map((person) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', 'data-opener': person.id, onclick: () => (dialog.close(), void openLink(link, person.id)) },
          el('span', { className: 'name' }, person.name),
          el('span', { className: 'sub' }, `${t(person.part ? `part-${person.part}` : 'part-none')} · ${personLine(person)}`),
        ),
      ),
    ),
  );
  dialog.showModal();
}

/** Opens a link as `as`: the one looked as goes to what it opened; someone else finds it in their chat (said in a snackbar). */
async function openLink(link, as = state.as) {
  const result = await act('/api/open', { as, link });
  if (!result) return;
  if (as !== state.as) return showSnackbar(t('opened-as', { name: nameOf(as) }));
  state.scrollNext = true;
  if (result.kind === 'joined') choose(state.as, result.peerId);
  else choose(state.as, state.as);
}

function choose(as, peer) {
  $('side').classList.remove('open');
  $('menu-toggle').setAttribute('aria-expanded', 'false');
  state.scrollNext = true;
  if (as === state.as && peer === state.peer) return void refresh();
  go(as, peer);
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => void refresh().catch(() => undefined));
  events.addEventListener('snackbar', (event) => {
    const data = JSON.parse(event.data);
    if (data.userId === state.as) showSnackbar(data.text);
  });
  events.addEventListener('link', (event) => {
    const data = JSON.parse(event.data);
    if (data.userId === state.as) void openLink(data.link);
  });
  events.addEventListener('open', () => void refresh().catch(() => undefined));
  events.addEventListener('error', () => showSnackbar(t('reconnecting')));
}

function wire() {
  window.addEventListener('hashchange', () => {
    readHash();
    void refresh().catch(() => undefined);
  });
  document.addEventListener('visibilitychange', () => void reportRead());
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const box = $('text');
    const text = box.value;
    if (text.trim() === '') return;
    state.scrollNext = true;
    if ((await act('/api/say', { as: state.as, peer: state.peer, text })) !== undefined) box.value = '';
  });
  $('text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('add-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const data = Object.fromEntries(new FormData(form));
    const added = await act('/api/people', data);
    if (!added) return;
    form.reset();
    $('add-person').open = false;
    choose(added.id, added.id);
  });
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', async () => {
      state.lang = button.dataset.lang;
      localStorage.setItem(LANG_KEY, state.lang);
      await loadStrings();
      if (state.world) render();
    });
  }
  $('menu-toggle').addEventListener('click', () => {
    const open = $('side').classList.toggle('open');
    $('menu-toggle').setAttribute('aria-expanded', String(open));
  });
}

readHash();
wire();
await loadStrings();
listen();
await refresh().catch(() => undefined);
