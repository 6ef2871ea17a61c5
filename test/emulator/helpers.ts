import http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { VK } from 'vk-io';
import type { Emulator } from '../../emulator/index.js';

/** vk-io options every emulator test uses (http agent, fast retries). */
export function vkFor(emu: Emulator, extra: Partial<ConstructorParameters<typeof VK>[0]> = {}): VK {
  return new VK({
    token: emu.token,
    apiBaseUrl: emu.apiUrl,
    agent: new http.Agent({ keepAlive: true }) as unknown as https.Agent,
    pollingGroupId: emu.groupId,
    apiLimit: 20,
    apiRetryLimit: 1,
    apiWait: 50,
    apiTimeout: 2000,
    pollingWait: 50,
    pollingRetryLimit: 1,
    ...extra,
  });
}

/** A free TCP port (vk-io's webhook treats port 0 as 80). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Raw form POST to the emulator, like vk-io does it; returns the parsed body. */
export async function rawCall(emu: Emulator, method: string, params: Record<string, string | number>, token = emu.token): Promise<Record<string, unknown>> {
  const body = new URLSearchParams({ access_token: token, v: '5.199' });
  for (const [k, v] of Object.entries(params)) body.set(k, String(v));
  const res = await fetch(`${emu.apiUrl}/${method}`, { method: 'POST', body });
  return (await res.json()) as Record<string, unknown>;
}

/** Polls `check` until it returns true or the timeout passes. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('until(): condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
