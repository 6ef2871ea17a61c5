import { readdirSync, readFileSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '../emulator/index.js';
import { SandboxActions, SandboxRefusal } from './actions.js';
import type { WorldViews } from './views.js';

/** The page's files: plain HTML, CSS and JavaScript, no build step, nothing from the network. */
export const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The largest request body the page sends (a message of 4096 characters, as UTF-8, with room to spare). */
const MAX_BODY = 64 * 1024;

/** Every file under the page folder, by its URL path. */
function pageFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`/${relative(dir, path).split('\\').join('/')}`, path);
    }
  };
  walk(dir);
  files.set('/', join(dir, 'index.html'));
  return files;
}

/** What the server needs of the sandbox. */
export interface WebServerParts {
  emulator: Emulator;
  views: WorldViews;
  actions: SandboxActions;
  /** Called after each change the page made (the launcher saves the VK side). */
  changed: () => void;
  /** Whether the sample school was filled in (the page says so). */
  demo: () => boolean;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(data);
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SandboxRefusal('too-long', 'request too large');
    chunks.push(chunk);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new SandboxRefusal('bad-request', 'the body is not a JSON object');
}

const int = (body: Record<string, unknown>, key: string): number => {
  const value = Number(body[key]);
  if (!Number.isSafeInteger(value)) throw new SandboxRefusal('bad-request', `${key} must be a whole number`);
  return value;
};
const str = (body: Record<string, unknown>, key: string): string => {
  const value = body[key];
  if (typeof value !== 'string') throw new SandboxRefusal('bad-request', `${key} must be a string`);
  return value;
};

/**
 * The sandbox's web server: the page, its JSON API (the world, a conversation as a person sees it, and what people
 * do: write, press, open a link, join, read, add someone), the photos the bot sent, and a stream of server-sent events
 * (`change` when anything in the world changed, `snackbar` when the bot answered a press with one).
 */
export class SandboxWebServer {
  private readonly server: http.Server;
  private readonly streams = new Set<ServerResponse>();
  private readonly files = pageFiles(PAGE_DIR);
  private readonly unsubscribe: (() => void)[] = [];
  private changeTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly parts: WebServerParts) {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (error instanceof SandboxRefusal) json(res, 400, { error: error.code, detail: error.message });
        else {
          console.error(`sandbox: a request failed: ${error instanceof Error ? error.name : 'unknown'}`);
          if (!res.headersSent) json(res, 500, { error: 'internal' });
        }
      });
    });
    const { emulator } = parts;
    for (const name of ['sent', 'edited', 'userMessage', 'read', 'members'] as const) this.unsubscribe.push(emulator.on(name, () => this.changed()));
    this.unsubscribe.push(
      emulator.on('call', (call) => {
        if (/^messages\.(createChat|removeChatUser|editChat|delete|pin|unpin)$/u.test(call.method)) this.changed();
      }),
    );
    this.unsubscribe.push(
      emulator.on('answered', (event) => {
        const answer = event.answer;
        if (answer?.type === 'show_snackbar' && typeof answer.text === 'string') this.broadcast('snackbar', { userId: event.userId, peerId: event.peerId, text: answer.text });
        if (answer?.type === 'open_link' && typeof answer.link === 'string') this.broadcast('link', { userId: event.userId, link: answer.link });
        this.changed();
      }),
    );
  }

  /** Listens on `host`:`port` (0 for any free port); resolves with the port. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.heartbeat = setInterval(() => {
      for (const res of this.streams) res.write(': still here\n\n');
    }, 15_000);
    return (this.server.address() as AddressInfo).port;
  }

  /** Tells every open page that the world changed (a burst of changes is one event). */
  changed(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.broadcast('change', {});
    }, 30);
  }

  private broadcast(event: string, data: unknown): void {
    for (const res of this.streams) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/api/events') return this.stream(req, res);
    if (req.method === 'GET' && path.startsWith('/api/')) return this.get(path, url.searchParams, res);
    if (req.method === 'POST' && path.startsWith('/api/')) {
      const result = await this.post(path, await readBody(req));
      this.parts.changed();
      this.changed();
      return json(res, 200, result ?? { ok: true });
    }
    if (req.method === 'GET' && path.startsWith('/files/')) return this.file(path, res);
    const file = req.method === 'GET' ? this.files.get(path) : undefined;
    if (!file) return json(res, 404, { error: 'not found' });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(file));
  }

  private stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }

  private async get(path: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
    const { views, emulator } = this.parts;
    const as = Number(query.get('as'));
    if (path === '/api/world') {
      const people = await views.people();
      const chats = emulator.state.users.has(as) ? await views.chats(as) : [];
      return json(res, 200, { group: { id: emulator.groupId, name: emulator.options.groupName }, demo: this.parts.demo(), people, chats });
    }
    if (path === '/api/conversation') {
      const peer = Number(query.get('peer'));
      if (!emulator.state.users.has(as)) throw new SandboxRefusal('unknown-person', `no person ${as}`);
      if (peer !== as && !emulator.state.chatByPeer(peer)) throw new SandboxRefusal('unknown-chat', `no chat ${peer}`);
      return json(res, 200, views.conversation(as, peer));
    }
    json(res, 404, { error: 'not found' });
  }

  private async post(path: string, body: Record<string, unknown>): Promise<unknown> {
    const { actions } = this.parts;
    switch (path) {
      case '/api/say':
        return actions.say(int(body, 'as'), int(body, 'peer'), str(body, 'text'));
      case '/api/press':
        return actions.press(int(body, 'as'), int(body, 'peer'), int(body, 'cmid'), int(body, 'row'), int(body, 'col'));
      case '/api/open':
        return actions.open(int(body, 'as'), str(body, 'link'));
      case '/api/join':
        return actions.joinChat(int(body, 'as'), int(body, 'peer'));
      case '/api/read':
        return actions.markRead(int(body, 'as'), int(body, 'peer'));
      case '/api/allow':
        return actions.allowMessages(int(body, 'as'));
      case '/api/people':
        return { id: actions.addPerson(str(body, 'firstName'), typeof body.lastName === 'string' ? body.lastName : '', body.lang === 'en' ? 'en' : 'ru') };
      default:
        throw new SandboxRefusal('bad-request', `no ${path}`);
    }
  }

  private file(path: string, res: ServerResponse): void {
    const match = /^\/files\/(photo|doc)\/(\d+)$/u.exec(path);
    const { state } = this.parts.emulator;
    const id = Number(match?.[2]);
    const file = match?.[1] === 'photo' ? state.photos.get(id)?.file : state.docs.get(id)?.file;
    if (!file) return json(res, 404, { error: 'not found' });
    res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.data.length, 'cache-control': 'max-age=3600' });
    res.end(file.data);
  }

  /** Ends the event streams and closes the server. */
  async close(): Promise<void> {
    clearTimeout(this.changeTimer);
    clearInterval(this.heartbeat);
    for (const off of this.unsubscribe.splice(0)) off();
    for (const res of this.streams) res.end();
    this.streams.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
