import http from 'node:http';
import type https from 'node:https';
import { API, ParallelWorker, Updates, Upload, type APIRequest } from 'vk-io';
import type { SharedRateLimiter } from './rate-limit.js';

/**
 * vk-io's parallel worker (calls batched through `execute`, 25 a request) paced by the shared
 * rate limiter instead of its own per-process timer. vk-io still retries error 6 of a request after a
 * pause; a call refused with 6 inside an `execute` is retried by the gateway (src/vk/gateway.ts).
 */
class SharedRateWorker extends ParallelWorker {
  constructor(
    api: API,
    private readonly limiter: SharedRateLimiter,
  ) {
    super(api);
  }

  override heat(): void {
    if (this.paused || this.busy || this.queue.length === 0) return;
    this.busy = true;
    void this.limiter.take().then(() => {
      this.busy = false;
      if (!this.paused && this.queue.length > 0) void this.execute();
      this.immediateHeat();
    });
  }
}

/** vk-io's API with every request going through one shared-rate worker. */
class SharedRateApi extends API {
  private readonly shared: SharedRateWorker;

  constructor(options: ConstructorParameters<typeof API>[0], limiter: SharedRateLimiter) {
    super(options);
    this.shared = new SharedRateWorker(this, limiter);
  }

  override callWithRequest<T = unknown>(request: APIRequest): Promise<T> {
    this.shared.enqueue(request);
    return request.promise as Promise<T>;
  }
}

export interface VkClientOptions {
  token: string;
  apiBaseUrl: string;
  apiVersion: string;
  limiter: SharedRateLimiter;
  /** vk-io timeouts; tests shorten them. */
  apiTimeout?: number;
  apiWait?: number;
}

/** The vk-io parts the bot uses: the API (parallel, shared rate), uploads, and the update dispatcher. */
export interface VkClient {
  api: API;
  upload: Upload;
  updates: Updates;
  /** The HTTP agent for a plain-http API (the emulator); undefined for https. */
  agent?: https.Agent;
}

/** Builds vk-io's API, Upload and Updates around one shared-rate API. */
export function createVkClient(options: VkClientOptions): VkClient {
  // vk-io's default agent speaks https only; a plain-http API (the emulator) needs an http agent.
  const agent = options.apiBaseUrl.startsWith('http:') ? (new http.Agent({ keepAlive: true }) as unknown as https.Agent) : undefined;
  const common = {
    token: options.token,
    apiBaseUrl: options.apiBaseUrl,
    apiVersion: options.apiVersion,
    apiMode: 'parallel' as const,
    // Pacing is the shared limiter's; vk-io's own timer must not slow it down.
    apiLimit: 1000,
    ...(agent ? { agent } : {}),
    ...(options.apiTimeout !== undefined ? { apiTimeout: options.apiTimeout } : {}),
    ...(options.apiWait !== undefined ? { apiWait: options.apiWait } : {}),
  };
  const api = new SharedRateApi(common, options.limiter);
  const upload = new Upload({ ...common, api });
  const updates = new Updates({ ...common, api, upload });
  return { api, upload, updates, agent };
}
