import type { IncomingMessage, ServerResponse } from 'node:http';

/** Writes a JSON body with HTTP 200 (or the given status). */
export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a multipart/form-data request body with Node's built-in fetch `Request`. */
export async function readForm(req: IncomingMessage, url: URL): Promise<FormData> {
  const init = { method: 'POST', headers: headersOf(req), body: req as unknown as ReadableStream, duplex: 'half' } as RequestInit;
  return new Request(url, init).formData();
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(', '));
  }
  return headers;
}

/**
 * Reads API parameters the way VK accepts them: the query string, plus a form-urlencoded or multipart body.
 * JSON bodies are not supported by VK and are ignored. Every value is a string.
 */
export async function readApiParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  if (req.method !== 'POST') return params;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await readForm(req, url);
    for (const [key, value] of form) if (typeof value === 'string') params[key] = value;
    return params;
  }
  const body = await readBody(req);
  if (type === '' || type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
  }
  return params;
}

/** The token of a request: `access_token` or `Authorization: Bearer …`. */
export function tokenOf(req: IncomingMessage, params: Readonly<Record<string, string>>): string | undefined {
  if (params.access_token !== undefined) return params.access_token;
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1]?.trim();
}
