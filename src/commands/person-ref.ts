import type { Member } from '../services/types.js';

/**
 * Splits command arguments into words, keeping a VK mention `[id123|Имя Фамилия]` whole.
 */
export function splitArgs(args: string): string[] {
  return args.match(/\[[^\]]*\]|\S+/gu) ?? [];
}

/**
 * Reads a VK user id from one argument: `123`, `id123`, `@id123`, `*id123`, `[id123|Имя]`
 * or a profile link `vk.com/id123`. Returns null for anything else.
 */
export function parseVkId(arg: string | undefined): number | null {
  if (!arg) return null;
  const text = arg.trim();
  const match =
    /^\[id(\d{1,12})\|[^\]]*\]$/iu.exec(text) ??
    /^[@*]?(?:id)?(\d{1,12})$/iu.exec(text) ??
    /^(?:https?:\/\/)?(?:m\.)?vk\.(?:com|ru)\/id(\d{1,12})\/?$/iu.exec(text);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** How a person is shown in lists and confirmations: their name and VK id. */
export function personLabel(member: Pick<Member, 'vkId' | 'name'> | undefined, vkId?: number): string {
  const id = member?.vkId ?? vkId ?? 0;
  const name = member?.name.trim();
  return name ? `${name} (id${id})` : `id${id}`;
}

/** The short form for a button label: the name, or the id when the name is unknown. */
export function personShort(member: Pick<Member, 'vkId' | 'name'>): string {
  return member.name.trim() || `id${member.vkId}`;
}

/** Whether the member is an active teacher whose status is confirmed. */
export function isVerifiedTeacher(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('teacher') && member.teacherStatus === 'verified';
}
