import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import { schoolKeys } from './keys.js';
import type { PersonId } from './person.js';

/** The school's profile as the administrator entered it (F02); the basis of the Sferum application (F01). */
export interface SchoolProfile {
  fullName: string;
  shortName: string;
  city: string;
  adminName: string;
  email: string;
  /** Normalised mobile number, +79XXXXXXXXX. */
  phone: string;
  updatedAt: number;
  updatedBy: PersonId;
}

export type SchoolField = 'fullName' | 'shortName' | 'city' | 'adminName' | 'email' | 'phone';
export const SCHOOL_FIELDS: readonly SchoolField[] = ['fullName', 'shortName', 'city', 'adminName', 'email', 'phone'];

/** Why a value was refused; the dialog maps each reason to a locale key `invalid-<reason>`. */
export const FIELD_PROBLEMS = ['empty', 'too-long', 'too-short', 'command', 'email', 'phone', 'person-name'] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

export type FieldCheck = { ok: true; value: string } | { ok: false; problem: FieldProblem; max?: number; min?: number };

const LIMITS: Record<SchoolField, { min: number; max: number }> = {
  fullName: { min: 5, max: 300 },
  shortName: { min: 2, max: 100 },
  city: { min: 2, max: 100 },
  adminName: { min: 5, max: 120 },
  email: { min: 6, max: 254 },
  phone: { min: 10, max: 20 },
};

const emailSchema = z.email();

/** Turns a Russian mobile number in any common spelling (8 912 …, +7(912)…, 7912…) into +79XXXXXXXXX, or null. */
export function normalizeMobilePhone(raw: string): string | null {
  const digits = raw.replace(/[\s()\-–.]/g, '');
  const match = /^(?:\+7|8|7)(9\d{9})$/.exec(digits);
  return match ? `+7${match[1]}` : null;
}

/** Validates and normalises one field of the school profile. */
export function checkSchoolField(field: SchoolField, raw: string): FieldCheck {
  const value = raw.trim().replace(/\s+/g, ' ');
  const { min, max } = LIMITS[field];
  if (value.length === 0) return { ok: false, problem: 'empty' };
  if (value.startsWith('/')) return { ok: false, problem: 'command' };
  if (value.length > max) return { ok: false, problem: 'too-long', max };
  if (field === 'email') {
    const email = value.toLowerCase();
    return emailSchema.safeParse(email).success ? { ok: true, value: email } : { ok: false, problem: 'email' };
  }
  if (field === 'phone') {
    const phone = normalizeMobilePhone(value);
    return phone ? { ok: true, value: phone } : { ok: false, problem: 'phone' };
  }
  if (value.length < min) return { ok: false, problem: 'too-short', min };
  if (field === 'adminName' && !/^[\p{L}][\p{L}'’-]*(?: [\p{L}][\p{L}'’.-]*){1,3}$/u.test(value)) return { ok: false, problem: 'person-name' };
  return { ok: true, value };
}

/** How long a process trusts the profile it read last; an edit made by another bot process shows after at most this. */
const PROFILE_MAX_AGE_MS = 5_000;

/**
 * Reads and writes the school profile in Redis (`<prefix>s:<school>:profile`). The profile is read
 * by many updates and changes rarely, so a read is kept for a few seconds (a save here renews it).
 */
export class SchoolService {
  private cached?: { at: number; profile: Promise<SchoolProfile | null> };

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    readonly schoolId: string,
  ) {}

  private get key(): string {
    return schoolKeys(this.prefix, this.schoolId).profile;
  }

  /** The stored profile, or null before the first setup. */
  async get(): Promise<SchoolProfile | null> {
    if (this.cached && Date.now() - this.cached.at < PROFILE_MAX_AGE_MS) return this.cached.profile;
    // Updates arriving together share one read; a failed read is not kept.
    const profile = this.redis.get(this.key).then((raw) => (raw ? (JSON.parse(raw) as SchoolProfile) : null));
    this.cached = { at: Date.now(), profile };
    profile.catch(() => (this.cached = undefined));
    return profile;
  }

  /** Stores the whole profile (every field already checked by checkSchoolField). */
  async save(fields: Record<SchoolField, string>, by: PersonId, now = Date.now()): Promise<SchoolProfile> {
    const profile: SchoolProfile = { ...fields, updatedAt: now, updatedBy: by };
    await this.redis.set(this.key, JSON.stringify(profile));
    this.cached = { at: Date.now(), profile: Promise.resolve(profile) };
    return profile;
  }
}
