import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { UpdateGate } from '../runtime/update-gate.js';
import type { VkUpdate } from './update-envelope.js';

export interface WebhookOptions {
  port: number;
  path: string;
  groupId: number;
  confirmationCode: string;
  secret?: string;
}

const MAX_BODY = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * The Callback API endpoint. Unlike vk-io's own webhook, it answers `ok` only after the event is
 * recorded in Redis (so a crash right after cannot lose it), refuses a wrong secret with 403, and
 * answers 503 when the event cannot be recorded, so VK delivers it again later.
 */
export class WebhookServer {
  private readonly server: Server;

  constructor(
    private readonly options: WebhookOptions,
    private readonly gate: UpdateGate,
    private readonly logger: Logger,
  ) {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        ({ status, body }) => response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body),
        () => response.writeHead(500).end(),
      );
    });
  }

  /** Starts listening; resolves with the port (useful when `port` is 0). */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '0.0.0.0', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops taking deliveries (VK retries anything refused meanwhile). */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'POST' || path !== this.options.path) return { status: 404, body: 'not found' };
    let update: VkUpdate & { secret?: string };
    try {
      update = JSON.parse(await readBody(request)) as VkUpdate & { secret?: string };
    } catch {
      return { status: 400, body: 'bad request' };
    }
    if (typeof update !== 'object' || update === null || typeof update.type !== 'string') return { status: 400, body: 'bad request' };
    if (this.options.secret !== undefined && update.secret !== this.options.secret) {
      this.logger.warn({ type: update.type }, 'callback with a wrong secret refused');
      return { status: 403, body: 'bad secret' };
    }
    if (update.type === 'confirmation') {
      if (Number(update.group_id) !== this.options.groupId) return { status: 403, body: 'wrong group' };
      return { status: 200, body: this.options.confirmationCode };
    }
    const { secret: _secret, ...event } = update;
    try {
      await this.gate.accept(event);
    } catch (error) {
      this.logger.error({ eventId: event.event_id, err: error instanceof Error ? error.name : 'unknown' }, 'callback event not recorded; VK will retry');
      return { status: 503, body: 'retry later' };
    }
    return { status: 200, body: 'ok' };
  }
}
