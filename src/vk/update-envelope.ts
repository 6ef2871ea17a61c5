import type { InboxUpdate } from '../runtime/update-gate.js';

/** A VK update in the Callback API envelope (long poll delivers the same shape): the gate's InboxUpdate with VK's own fields. */
export interface VkUpdate extends InboxUpdate {
  group_id?: number;
  v?: string;
}

/** The peer whose updates must run in order: the chat or private dialog a VK update belongs to ('group' for the community's own events). */
export function vkPeerOf(update: InboxUpdate): string {
  const object = update.object ?? {};
  const message = (object.message ?? (update.type.startsWith('message_') ? object : undefined)) as Record<string, unknown> | undefined;
  const peer = message?.peer_id ?? object.peer_id ?? object.user_id;
  return peer === undefined ? 'group' : String(peer);
}
