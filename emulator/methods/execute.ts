import { VkEmulatorError, paramError } from '../errors.js';

/** One `API.method({...})` call found in execute code. */
export interface ExecuteCall {
  method: string;
  params: Record<string, string>;
}

/** The outcome of one sub-call. */
export type SubCallResult = { ok: true; value: unknown } | { ok: false; error: VkEmulatorError };

/** Maximum API calls in one execute (VK-NOTES §5). */
export const MAX_EXECUTE_CALLS = 25;

class CodeScanner {
  pos = 0;
  constructor(readonly code: string) {}

  skipSpace(): void {
    while (this.pos < this.code.length && /\s/.test(this.code[this.pos] ?? '')) this.pos += 1;
  }

  expect(text: string): void {
    this.skipSpace();
    if (!this.code.startsWith(text, this.pos)) throw compileError();
    this.pos += text.length;
  }

  peek(): string {
    this.skipSpace();
    return this.code[this.pos] ?? '';
  }

  methodName(): string {
    this.skipSpace();
    const match = /^[A-Za-z][A-Za-z0-9_.]*/.exec(this.code.slice(this.pos));
    if (!match) throw compileError();
    this.pos += match[0].length;
    return match[0];
  }

  /** Reads one balanced JSON object, honouring strings and escapes, and parses it. */
  jsonObject(): Record<string, unknown> {
    this.skipSpace();
    if (this.code[this.pos] === ')') return {};
    if (this.code[this.pos] !== '{') throw compileError();
    const start = this.pos;
    let depth = 0;
    let inString = false;
    for (; this.pos < this.code.length; this.pos += 1) {
      const ch = this.code[this.pos];
      if (inString) {
        if (ch === '\\') this.pos += 1;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') {
        depth -= 1;
        if (depth === 0) {
          this.pos += 1;
          try {
            const value = JSON.parse(this.code.slice(start, this.pos)) as unknown;
            if (typeof value !== 'object' || value === null || Array.isArray(value)) throw compileError();
            return value as Record<string, unknown>;
          } catch {
            throw compileError();
          }
        }
      }
    }
    throw compileError();
  }
}

function compileError(): VkEmulatorError {
  return new VkEmulatorError(12);
}

/** Turns a JSON value into the string vk-io would have form-encoded (arrays comma-joined, objects as JSON). */
function toParamString(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => toParamString(v)).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * Parses vk-io's execute code: `return [API.m({json}), …];` (also a single `return API.m({json});`).
 * Strings may contain `),API.` — the scanner is JSON-aware. Anything else is error 12 "Unable to compile code".
 */
export function parseExecuteCode(code: string): { calls: ExecuteCall[]; array: boolean } {
  const scanner = new CodeScanner(code);
  scanner.expect('return');
  const array = scanner.peek() === '[';
  if (array) scanner.expect('[');
  const calls: ExecuteCall[] = [];
  if (!(array && scanner.peek() === ']')) {
    for (;;) {
      scanner.expect('API.');
      const method = scanner.methodName();
      scanner.expect('(');
      const object = scanner.jsonObject();
      scanner.expect(')');
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(object)) {
        if (value !== undefined && value !== null) params[key] = toParamString(value);
      }
      calls.push({ method, params });
      if (!array || scanner.peek() !== ',') break;
      scanner.expect(',');
    }
  }
  if (array) scanner.expect(']');
  scanner.skipSpace();
  if (scanner.peek() === ';') scanner.expect(';');
  scanner.skipSpace();
  if (scanner.pos !== code.length) throw compileError();
  return { calls, array };
}

/**
 * Runs an execute request: ≤ 25 calls, each dispatched like a direct call. Failed calls become `false` in `response`
 * and an `execute_errors` entry, in order.
 */
export async function runExecute(
  code: string | undefined,
  dispatch: (call: ExecuteCall) => Promise<SubCallResult>,
): Promise<{ response: unknown; execute_errors?: { method: string; error_code: number; error_msg: string }[] }> {
  if (code === undefined || code.trim() === '') throw paramError('code is undefined');
  const { calls, array } = parseExecuteCode(code);
  if (calls.length > MAX_EXECUTE_CALLS) throw new VkEmulatorError(13, 'too many API calls');
  const response: unknown[] = [];
  const errors: { method: string; error_code: number; error_msg: string }[] = [];
  for (const call of calls) {
    const result = await dispatch(call);
    if (result.ok) response.push(result.value);
    else {
      response.push(false);
      errors.push({ method: call.method, error_code: result.error.code, error_msg: result.error.message });
    }
  }
  const body: { response: unknown; execute_errors?: typeof errors } = { response: array ? response : response[0] };
  if (errors.length > 0) body.execute_errors = errors;
  return body;
}
