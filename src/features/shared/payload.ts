import { z } from 'zod';

/**
 * Button payloads the bot puts on its keyboards. They are only hints of what the person pressed:
 * every action is checked again on the server when it runs, never trusted from the payload.
 * Keys are short because VK allows 255 characters per payload.
 */
export const payloadSchema = z.discriminatedUnion('k', [
  /** Runs a command, as if typed: `/c a`. */
  z.object({ k: z.literal('cmd'), c: z.string().min(1).max(32), a: z.string().max(160).optional(), /** Pressed on the main menu (a persistent keyboard, still on screen after the press). */ m: z.literal(1).optional() }),
  /** A callback button (inline, the message stays): action `a` on record `id`, option `v`. */
  z.object({ k: z.literal('cb'), a: z.string().min(1).max(32), id: z.string().max(64).optional(), v: z.string().max(64).optional() }),
  /** An answer inside the dialog `s`: value `v`. */
  z.object({ k: z.literal('scene'), s: z.string().min(1).max(32), v: z.string().max(160) }),
]);

export type Payload = z.infer<typeof payloadSchema>;

/** VK's own «Начать» button and the payload VK sends for buttons a client cannot show. */
const vkCommandSchema = z.object({ command: z.string() });

export type ParsedPayload =
  | { kind: 'none' }
  | { kind: 'start' }
  | { kind: 'ours'; payload: Payload }
  | { kind: 'invalid' };

/** Parses a button payload (already JSON-decoded by vk-io, or a raw string); never throws. */
export function parsePayload(raw: unknown): ParsedPayload {
  if (raw === undefined || raw === null || raw === '') return { kind: 'none' };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { kind: 'invalid' };
    }
  }
  const ours = payloadSchema.safeParse(value);
  if (ours.success) return { kind: 'ours', payload: ours.data };
  const vk = vkCommandSchema.safeParse(value);
  if (vk.success && vk.data.command === 'start') return { kind: 'start' };
  return { kind: 'invalid' };
}

/** The answer value of a scene button, if the payload belongs to the scene `slug`. */
export function sceneValue(raw: unknown, slug: string): string | undefined {
  const parsed = parsePayload(raw);
  return parsed.kind === 'ours' && parsed.payload.k === 'scene' && parsed.payload.s === slug ? parsed.payload.v : undefined;
}
