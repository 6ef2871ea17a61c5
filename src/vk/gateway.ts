import { APIError, ExecuteError, type API, type Upload } from 'vk-io';
import type { Logger } from '../logger.js';

/** A VK API call that VK refused; `code` is VK's error code. */
export class VkApiError extends Error {
  override readonly name: string = 'VkApiError';
  constructor(
    readonly method: string,
    readonly code: number,
    vkMessage: string,
  ) {
    super(`VK refused ${method}: error ${code} (${vkMessage})`);
  }
}

/** VK will not deliver to this user now: they never wrote to the community (or not lately), blocked it, closed messages, or got too many (9/900/901/902/950). */
export class UserUnreachableError extends VkApiError {
  override readonly name = 'UserUnreachableError';
  constructor(
    method: string,
    code: number,
    vkMessage: string,
    readonly peerId: number,
  ) {
    super(method, code, vkMessage);
    this.message = `VK cannot deliver to ${peerId} (error ${code}): the user must write to the community first or allow its messages`;
  }
}

/**
 * Error codes meaning "this user cannot be messaged by the community now": blacklist (900), no
 * permission (901), privacy (902), the reply window closed (950), too many messages to them (9).
 */
export const UNREACHABLE_CODES: ReadonlySet<number> = new Set([9, 900, 901, 902, 950]);

/** VK's error code of a refused call: a direct call fails with APIError, a call batched in `execute` with ExecuteError. */
function vkErrorCode(error: unknown): number | undefined {
  return error instanceof APIError || error instanceof ExecuteError ? Number(error.code) : undefined;
}

/**
 * Error codes of a whole call worth another try after a pause: 6 (too many requests a second: vk-io
 * retries it for a request of its own, but not for a call batched inside `execute`), 10 (VK's internal
 * error). Code 9 (flood control) is worth it only for a send to several peers at once: for one peer
 * it means too many messages to that person, who is then unreachable (see {@link UNREACHABLE_CODES}).
 */
const RETRY_CODES: ReadonlySet<number> = new Set([6, 10]);
const FLOOD = 9;
/** VK counts requests over a sliding second: after a 6, the next try waits at least this long. */
const TOO_MANY_PAUSE_MS = 1100;

/** Whether a failed call is worth another try: a transient code, or a flood refusal of a send to several peers. */
function retryable(method: string, params: Record<string, unknown>, code: number | undefined): boolean {
  if (code === undefined) return false;
  if (RETRY_CODES.has(code)) return true;
  return code === FLOOD && method === 'messages.send' && String(params.peer_ids ?? '').includes(',');
}

/** The pause before try `attempt + 1`: exponential from `baseMs`, with a random quarter on top so processes spread out. */
function backoffMs(baseMs: number, attempt: number, code: number): number {
  const pause = baseMs * 2 ** attempt;
  const spread = pause * 0.25 * Math.random();
  return Math.round((code === 6 ? Math.max(TOO_MANY_PAUSE_MS, pause) : pause) + spread);
}

export interface VkCallRecord {
  method: string;
  ok: boolean;
  code?: number;
  ms: number;
}

export interface VkGatewayOptions {
  /** Tries after the first of a call that failed with a transient error (6, 10; 9 for a send to several peers). */
  retries?: number;
  /** The first pause before a retry; each next one doubles (a 6 waits at least 1.1 s). */
  retryDelayMs?: number;
  /** Called after every call (tests and metrics hook here). */
  onCall?: (record: VkCallRecord) => void;
}

/**
 * The one seam every VK API call of the bot passes through: it turns VK's errors into named
 * errors, retries VK's transient failures, and logs each failure by method and code only.
 * Calls are batched through `execute` and paced by the shared rate limiter (src/vk/client.ts).
 */
export class VkGateway {
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    private readonly api: API,
    private readonly upload: Upload,
    private readonly logger: Logger,
    private readonly options: VkGatewayOptions = {},
  ) {
    this.retries = options.retries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 300;
  }

  /** Calls a VK API method and returns its `response`. */
  async call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const started = Date.now();
      try {
        const result = (await this.api.call(method, params)) as T;
        this.options.onCall?.({ method, ok: true, ms: Date.now() - started });
        return result;
      } catch (error) {
        const code = vkErrorCode(error);
        this.options.onCall?.({ method, ok: false, code, ms: Date.now() - started });
        if (retryable(method, params, code) && attempt < this.retries) {
          this.logger.warn({ method, code, attempt }, 'vk api transient error, retrying');
          await new Promise((resolve) => setTimeout(resolve, backoffMs(this.retryDelayMs, attempt, code ?? 0)));
          continue;
        }
        this.logger.warn({ method, code, err: error instanceof Error ? error.name : 'unknown' }, 'vk api call failed');
        if (code !== undefined) {
          const peer = Number(params.peer_id ?? params.peer_ids ?? params.user_id ?? 0);
          const vkMessage = error instanceof Error ? error.message : '';
          if (UNREACHABLE_CODES.has(code)) throw new UserUnreachableError(method, code, vkMessage, peer);
          throw new VkApiError(method, code, vkMessage);
        }
        throw error;
      }
    }
  }

  /** Uploads a picture for a message (e.g. an invite's QR code) and returns its attachment string, `photo-1_2_key`. */
  async uploadMessagePhoto(peerId: number, image: Buffer, filename = 'image.png', contentType = 'image/png'): Promise<string> {
    return this.uploading('upload.messagePhoto', async () => (await this.upload.messagePhoto({ peer_id: peerId, source: { value: image, filename, contentType } })).toString());
  }

  /** Uploads a document for a message to `peerId`; returns its attachment string (`doc-1_2_key`). */
  async uploadMessageDocument(peerId: number, data: Buffer, filename: string): Promise<string> {
    return this.uploading('upload.messageDocument', async () => (await this.upload.messageDocument({ peer_id: peerId, source: { value: data, filename } })).toString());
  }

  /** Runs an upload through the seam: recorded like a call, VK's refusal as a named error. */
  private async uploading(method: string, upload: () => Promise<string>): Promise<string> {
    const started = Date.now();
    try {
      const attachment = await upload();
      this.options.onCall?.({ method, ok: true, ms: Date.now() - started });
      return attachment;
    } catch (error) {
      const code = vkErrorCode(error);
      this.options.onCall?.({ method, ok: false, code, ms: Date.now() - started });
      this.logger.warn({ method, code }, 'upload failed');
      if (code !== undefined) throw new VkApiError(method, code, error instanceof Error ? error.message : '');
      throw error;
    }
  }
}
