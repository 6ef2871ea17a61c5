import { EmulatorUsageError } from './errors.js';
import type { CallbackEvent, Conversation, EmuChat, EmuDoc, EmuPhoto, EmuUser, EmulatorState, StateSequence, UploadedFile } from './state.js';

/** The version of the snapshot format; a snapshot of another version is refused. */
export const SNAPSHOT_VERSION = 1;

/** A file as JSON: its bytes in base64. */
type FileJson = Omit<UploadedFile, 'data'> & { data: string };

/**
 * The emulator's world as JSON (users, conversations with every message, chats, callback presses, photos and
 * documents, read marks, the next ids), so that the sandbox keeps its VK side across a restart as Redis keeps the
 * bot's. Pending uploads (not saved yet) are left out.
 */
export interface StateSnapshot {
  version: number;
  users: EmuUser[];
  conversations: Conversation[];
  chats: EmuChat[];
  callbackEvents: CallbackEvent[];
  photos: (Omit<EmuPhoto, 'file'> & { file: FileJson })[];
  docs: (Omit<EmuDoc, 'file'> & { file: FileJson })[];
  /** `${peerId}:${randomId}` → the message's global id. */
  randomIds: [key: string, messageId: number][];
  reads: [peerId: number, readers: [userId: number, cmid: number][]][];
  sequence: StateSequence;
}

/** Raised for a snapshot that cannot be restored (another format version, or not a snapshot at all). */
export class SnapshotFormatError extends EmulatorUsageError {
  constructor(detail: string) {
    super(`The emulator snapshot cannot be restored: ${detail}. Delete it to start from an empty VK side.`);
    this.name = 'SnapshotFormatError';
  }
}

const fileToJson = (file: UploadedFile): FileJson => ({ ...file, data: file.data.toString('base64') });
const fileFromJson = (file: FileJson): UploadedFile => ({ ...file, data: Buffer.from(file.data, 'base64') });

/** Takes a snapshot of the state (a deep copy: later changes of the state do not reach it). */
export function snapshotOf(state: EmulatorState): StateSnapshot {
  const randomIds: [string, number][] = [...state.randomIds].map(([key, message]) => [key, message.id]);
  const snapshot: StateSnapshot = {
    version: SNAPSHOT_VERSION,
    users: [...state.users.values()],
    conversations: [...state.conversations.values()],
    chats: [...state.chats.values()],
    callbackEvents: [...state.callbackEvents.values()],
    photos: [...state.photos.values()].map((photo) => ({ ...photo, file: fileToJson(photo.file) })),
    docs: [...state.docs.values()].map((doc) => ({ ...doc, file: fileToJson(doc.file) })),
    randomIds,
    reads: [...state.reads].map(([peerId, readers]) => [peerId, [...readers]]),
    sequence: { ...state.sequence },
  };
  return JSON.parse(JSON.stringify(snapshot)) as StateSnapshot;
}

/** Replaces everything in `state` with the snapshot's world. */
export function restoreSnapshot(state: EmulatorState, snapshot: StateSnapshot): void {
  if (typeof snapshot !== 'object' || snapshot === null || !Array.isArray(snapshot.users)) throw new SnapshotFormatError('it is not an emulator snapshot');
  if (snapshot.version !== SNAPSHOT_VERSION) throw new SnapshotFormatError(`its version is ${String(snapshot.version)}, this emulator reads ${SNAPSHOT_VERSION}`);
  for (const map of [state.users, state.conversations, state.chats, state.callbackEvents, state.photos, state.docs, state.randomIds, state.reads, state.uploads]) map.clear();
  for (const user of snapshot.users) state.users.set(user.id, { ...user });
  for (const conversation of snapshot.conversations) state.conversations.set(conversation.peerId, { ...conversation, messages: conversation.messages.map((m) => ({ ...m })) });
  for (const chat of snapshot.chats) state.chats.set(chat.chatId, { ...chat, members: chat.members.map((m) => ({ ...m })) });
  for (const event of snapshot.callbackEvents) state.callbackEvents.set(event.eventId, { ...event });
  for (const photo of snapshot.photos) state.photos.set(photo.id, { ...photo, file: fileFromJson(photo.file) });
  for (const doc of snapshot.docs) state.docs.set(doc.id, { ...doc, file: fileFromJson(doc.file) });
  for (const [key, messageId] of snapshot.randomIds) {
    const peerId = Number(key.split(':')[0]);
    const message = state.findById(peerId, messageId);
    if (message) state.randomIds.set(key, message);
  }
  for (const [peerId, readers] of snapshot.reads) state.reads.set(peerId, new Map(readers));
  Object.assign(state.sequence, snapshot.sequence);
}
