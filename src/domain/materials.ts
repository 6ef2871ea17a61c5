/**
 * Material for the system channels (F21): the administration and teachers hand it in, an admin
 * publishes it or declines it with a reason. Handing in and deciding run in Lua scripts keyed by the
 * operation, with the right checked in the same step; of two admins deciding at once the first decides.
 */
import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from './channels.js';
import type { ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { LuaScript } from './lua.js';
import { parseRecord, readRecords } from './records.js';
import type { ActorId } from './types.js';
import { type PersonId, personIdSchema } from './person.js';

export const MATERIAL_STATUSES = ['pending', 'published', 'declined'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];

/** The longest reason of a decline the author is told. */
export const MATERIAL_REASON_MAX = 500;

/** A material's number as people see it («Материал № 3»): its id without the record's letter (`m3`). */
export function materialNumber(id: string): string {
  return id.replace(/^m/u, '');
}

/** Material handed in for a channel. */
export interface Material {
  id: string;
  kind: ChannelKind;
  text: string;
  /** Its photos and documents, already the community's own (the messenger's attachment string). */
  attachment?: string;
  author: PersonId;
  at: number;
  status: MaterialStatus;
  decidedBy?: PersonId;
  decidedAt?: number;
  /** Why it was declined, as the admin wrote it. */
  reason?: string;
  /** The text as published when the admin edited it first («Изменить и опубликовать»); the text handed in stays in `text`. */
  publishedText?: string;
}

export const materialSchema: z.ZodType<Material> = z.object({
  id: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  text: z.string(),
  attachment: z.string().optional(),
  author: personIdSchema,
  at: z.number(),
  status: z.enum(MATERIAL_STATUSES),
  decidedBy: personIdSchema.optional(),
  decidedAt: z.number().optional(),
  reason: z.string().optional(),
  publishedText: z.string().optional(),
});

const reply = z.object({ error: z.string().optional(), material: z.unknown().optional() });
/** Hands material in. ARGV[2] = actor, [3] kind, [4] text, [5] attachment. */
const SUBMIT = new LuaScript('materials-submit', reply);
/** Decides on it. ARGV[2] = actor, [3] id, [4] 'published' | 'declined', [5] reason, [6] the edited text. */
const DECIDE = new LuaScript('materials-decide', reply);

/** How a decision went: taken now, or taken before by someone (the material says by whom and how). */
export type MaterialDecision = { ok: true; material: Material } | { ok: false; material: Material };

export class MaterialService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Hands material in for the channel `kind`, with its photos and documents if any; throws PermissionDeniedError. */
  async submit(actor: ActorId, kind: ChannelKind, text: string, attachment?: string): Promise<Material> {
    const out = await SUBMIT.apply(this.ctx, [String(actor), kind, text, attachment ?? '']);
    if (out.error === 'denied') throw new PermissionDeniedError('material.submit', actor);
    if (out.error) throw new Error(`materials-submit failed: ${out.error}`);
    return materialSchema.parse(out.material);
  }

  /** Publishes (as handed in, or as `edited`) or declines it (admins); throws PermissionDeniedError, NotFoundError. */
  async decide(actor: ActorId, id: string, decision: 'published' | 'declined', options: { reason?: string; edited?: string } = {}): Promise<MaterialDecision> {
    const reason = (options.reason ?? '').slice(0, MATERIAL_REASON_MAX);
    const out = await DECIDE.apply(this.ctx, [String(actor), id, decision, reason, decision === 'published' ? (options.edited ?? '') : '']);
    if (out.error === 'denied') throw new PermissionDeniedError('channel.publish', actor);
    if (out.error === 'not_found') throw new NotFoundError('material', id);
    if (out.error === 'decided') return { ok: false, material: materialSchema.parse(out.material) };
    if (out.error) throw new Error(`materials-decide failed: ${out.error}`);
    return { ok: true, material: materialSchema.parse(out.material) };
  }

  /** One material, if it exists. */
  async get(id: string): Promise<Material | undefined> {
    return parseRecord(materialSchema, await this.ctx.redis.get(this.ctx.keys.materialRecord(id)));
  }

  /** The materials waiting for a decision, oldest first. */
  async pending(limit = 20): Promise<Material[]> {
    const { redis, keys } = this.ctx;
    const ids = await redis.zrange(keys.materialsPending, '0', String(limit - 1));
    return readRecords(redis, materialSchema, ids.map(keys.materialRecord));
  }
}
