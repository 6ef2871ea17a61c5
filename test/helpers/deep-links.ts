import { INVITE_REF_SOURCE } from '../../src/features/invites/invite-links.js';
import { vkStartLink } from '../../src/vk/vk-messenger.js';

/** The vk.me link of an invite as the bot gives it (the VK adapter's start link), for a test's person to open. */
export function inviteDeepLink(groupId: number, token: string): string {
  return vkStartLink(groupId, token, INVITE_REF_SOURCE);
}
