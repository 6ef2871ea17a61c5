import type { EmulatorState, EmuUser, StoredMessage } from './state.js';
import { isChatPeer } from './state.js';
import type { ResolvedOptions } from './types.js';

const ATTACHMENT_RE = /^([a-z_]+)(-?\d+)_(\d+)(?:_([A-Za-z0-9]+))?$/;

/** Builds VK attachment objects (`{type, photo:{…}}`) from ids like `photo-1_5_key`, using stored photos/docs when known. */
export function attachmentObjects(state: EmulatorState, ids: readonly string[], baseUrl: string): Record<string, unknown>[] {
  return ids.flatMap((raw) => {
    const m = ATTACHMENT_RE.exec(raw);
    if (!m) return [];
    const [, type = '', owner = '0', id = '0', key] = m;
    const ownerId = Number(owner);
    const mediaId = Number(id);
    const base: Record<string, unknown> = { id: mediaId, owner_id: ownerId };
    if (key !== undefined) base.access_key = key;
    if (type === 'photo') {
      const photo = state.photos.get(mediaId);
      const url = `${baseUrl}/files/photo/${mediaId}`;
      return [
        {
          type,
          photo: {
            ...base,
            album_id: photo?.albumId ?? -3,
            date: photo?.date ?? 0,
            has_tags: false,
            text: '',
            sizes: [{ type: 'x', url, width: photo?.width ?? 0, height: photo?.height ?? 0 }],
          },
        },
      ];
    }
    if (type === 'doc') {
      const doc = state.docs.get(mediaId);
      return [
        {
          type,
          doc: {
            ...base,
            title: doc?.title ?? 'document',
            size: doc?.file.data.length ?? 0,
            ext: doc?.ext ?? '',
            date: doc?.date ?? 0,
            type: doc?.type ?? 8,
            url: `${baseUrl}/files/doc/${mediaId}`,
          },
        },
      ];
    }
    return [{ type, [type]: base }];
  });
}

/** A message as VK delivers it to a community (`id` is 0 in chats, as bots see it). */
export function messageObject(
  state: EmulatorState,
  message: StoredMessage,
  baseUrl: string,
): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: isChatPeer(message.peerId) ? 0 : message.id,
    date: message.date,
    peer_id: message.peerId,
    from_id: message.fromId,
    text: message.text,
    conversation_message_id: message.cmid,
    out: message.out,
    attachments: attachmentObjects(state, message.attachments, baseUrl),
    fwd_messages: [],
    important: false,
    is_hidden: false,
    random_id: message.out === 1 ? Number(message.randomId) : 0,
    version: message.version,
  };
  if (message.payload !== undefined) object.payload = message.payload;
  if (message.ref !== undefined) object.ref = message.ref;
  if (message.refSource !== undefined) object.ref_source = message.refSource;
  if (message.action !== undefined) object.action = { ...message.action };
  if (message.keyboard !== undefined) object.keyboard = message.keyboard.raw;
  if (message.editedAt !== undefined) object.update_time = message.editedAt;
  return object;
}

/** `client_info` of a user's client: every button type, keyboards and carousels supported. */
export function clientInfo(user: EmuUser | undefined): Record<string, unknown> {
  return {
    button_actions: [
      'text',
      'vkpay',
      'open_app',
      'location',
      'open_link',
      'callback',
      'intent_subscribe',
      'intent_unsubscribe',
    ],
    keyboard: true,
    inline_keyboard: true,
    carousel: true,
    lang_id: user?.langId ?? 0,
  };
}

/** A user profile as `users.get` returns it, with the requested optional fields. */
export function userObject(user: EmuUser, fields: readonly string[], baseUrl: string): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    can_access_closed: true,
    is_closed: false,
  };
  for (const field of fields) {
    if (field === 'sex') object.sex = user.sex;
    else if (field === 'screen_name' || field === 'domain') object[field] = user.screenName;
    else if (/^photo_(50|100|200)$/.test(field)) object[field] = `${baseUrl}/files/avatar/${user.id}`;
  }
  return object;
}

/** The emulated community as `groups.getById` returns it. */
export function groupObject(options: ResolvedOptions, baseUrl: string): Record<string, unknown> {
  return {
    id: options.groupId,
    name: options.groupName,
    screen_name: options.screenName,
    is_closed: 0,
    type: 'group',
    photo_50: `${baseUrl}/files/avatar/-${options.groupId}`,
    photo_100: `${baseUrl}/files/avatar/-${options.groupId}`,
    photo_200: `${baseUrl}/files/avatar/-${options.groupId}`,
  };
}
