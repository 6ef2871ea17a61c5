import type { IncomingMessage, ServerResponse } from 'node:http';
import { VkEmulatorError, paramError } from '../errors.js';
import { readForm, sendJson } from '../http.js';
import type { UploadedFile } from '../state.js';
import { randomHex } from '../state.js';
import type { EmulatorCore, MethodContext, MethodTable } from '../types.js';

/** Upload server id echoed as `server` by photo uploads. */
const PHOTO_SERVER = 533_212;

/** hash issued for each uploaded photo token. */
const photoHashes = new WeakMap<UploadedFile, string>();

/** photos.getMessagesUploadServer: `{upload_url, album_id:-3, user_id:0, group_id}`. */
function getPhotoUploadServer(ctx: MethodContext): unknown {
  const peerId = ctx.params.int('peer_id');
  const query = peerId === undefined ? '' : `?peer_id=${peerId}`;
  return {
    upload_url: `${ctx.emu.baseUrl}/upload/photo${query}`,
    album_id: -3,
    user_id: 0,
    group_id: ctx.emu.options.groupId,
  };
}

/** photos.saveMessagesPhoto: turns `{server, photo, hash}` from the upload into a photo owned by the community. */
function saveMessagesPhoto(ctx: MethodContext): unknown {
  const p = ctx.params;
  const raw = p.requireStr('photo');
  let token: unknown;
  try {
    const list = JSON.parse(raw) as unknown;
    token = Array.isArray(list) ? (list[0] as { token?: unknown } | undefined)?.token : undefined;
  } catch {
    throw paramError('photos_list is invalid');
  }
  const file = typeof token === 'string' ? ctx.emu.state.uploads.get(token) : undefined;
  if (!file || file.kind !== 'photo') throw paramError('photos_list is invalid');
  if (p.str('hash') !== photoHashes.get(file) || p.int('server') !== PHOTO_SERVER) throw new VkEmulatorError(121);
  ctx.emu.state.uploads.delete(file.token);
  const photo = ctx.emu.state.savePhoto(file, -ctx.emu.options.groupId, imageSize(file.data));
  const url = `${ctx.emu.baseUrl}/files/photo/${photo.id}`;
  return [
    {
      id: photo.id,
      album_id: photo.albumId,
      owner_id: photo.ownerId,
      access_key: photo.accessKey,
      date: photo.date,
      has_tags: false,
      text: '',
      sizes: [{ type: 'x', url, width: photo.width, height: photo.height }],
    },
  ];
}

/** docs.getMessagesUploadServer: `type` doc | audio_message | graffiti. */
function getDocUploadServer(ctx: MethodContext): unknown {
  const type = ctx.params.str('type') ?? 'doc';
  if (!['doc', 'audio_message', 'graffiti'].includes(type)) throw paramError('type is invalid');
  const peerId = ctx.params.int('peer_id');
  const peer = peerId === undefined ? '' : `&peer_id=${peerId}`;
  return { upload_url: `${ctx.emu.baseUrl}/upload/doc?type=${type}${peer}` };
}

/** docs.save: `{type, doc|audio_message: {…}}`. */
function saveDoc(ctx: MethodContext): unknown {
  const p = ctx.params;
  const file = ctx.emu.state.uploads.get(p.requireStr('file'));
  if (!file || file.kind !== 'doc') throw paramError('file is invalid');
  ctx.emu.state.uploads.delete(file.token);
  const title = p.str('title') || file.fileName;
  const doc = ctx.emu.state.saveDoc(file, -ctx.emu.options.groupId, { title, tags: p.strList('tags') });
  const url = `${ctx.emu.baseUrl}/files/doc/${doc.id}`;
  if (doc.docType === 'audio_message') {
    return {
      type: 'audio_message',
      audio_message: {
        id: doc.id,
        owner_id: doc.ownerId,
        access_key: doc.accessKey,
        duration: 1,
        waveform: [0, 0, 0],
        link_ogg: url,
        link_mp3: url,
      },
    };
  }
  return {
    type: 'doc',
    doc: {
      id: doc.id,
      owner_id: doc.ownerId,
      title: doc.title,
      size: file.data.length,
      ext: doc.ext,
      url,
      date: doc.date,
      type: doc.type,
      access_key: doc.accessKey,
      tags: doc.tags,
    },
  };
}

/** The photos.* and docs.* upload family. */
export const uploadsMethods: MethodTable = {
  'photos.getMessagesUploadServer': getPhotoUploadServer,
  'photos.saveMessagesPhoto': saveMessagesPhoto,
  'docs.getMessagesUploadServer': getDocUploadServer,
  'docs.save': saveDoc,
};

/** Reads PNG or JPEG dimensions; 0×0 for anything else. */
export function imageSize(data: Buffer): { width: number; height: number } {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('ascii', 12, 16) === 'IHDR') {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) break;
      const marker = data[offset + 1] ?? 0;
      const length = data.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return { width: 0, height: 0 };
}


/**
 * The multipart upload endpoint (`/upload/photo`, `/upload/doc`). Photos take the field `photo` (or `file`), documents
 * `file`. Replies `{server, photo, hash}` or `{file}`; a request without a file gets VK's `{error}` upload answer.
 */
export async function handleUpload(emu: EmulatorCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const kind = url.pathname === '/upload/photo' ? 'photo' : url.pathname === '/upload/doc' ? 'doc' : undefined;
  if (kind === undefined || req.method !== 'POST') {
    sendJson(res, { error: 'not found' }, 404);
    return;
  }
  let form: FormData;
  try {
    form = await readForm(req, url);
  } catch {
    sendJson(res, { error: 'ERR_UPLOAD_BAD_REQUEST: multipart body expected' });
    return;
  }
  const entry = kind === 'photo' ? (form.get('photo') ?? form.get('file')) : form.get('file');
  if (entry === null || typeof entry === 'string') {
    if (kind === 'photo') sendJson(res, { server: PHOTO_SERVER, photo: '[]', hash: randomHex(16) });
    else sendJson(res, { error: 'ERR_UPLOAD_FILE_NOT_UPLOADED: file not uploaded' });
    return;
  }
  const data = Buffer.from(await entry.arrayBuffer());
  const peerParam = url.searchParams.get('peer_id');
  const upload = emu.state.addUpload({
    kind,
    fileName: entry.name || (kind === 'photo' ? 'photo.jpg' : 'file'),
    mimeType: entry.type || 'application/octet-stream',
    data,
    docType: url.searchParams.get('type') ?? (kind === 'photo' ? 'photo' : 'doc'),
    peerId: peerParam === null ? undefined : Number(peerParam),
  });
  if (kind === 'photo') {
    const hash = randomHex(16);
    photoHashes.set(upload, hash);
    sendJson(res, { server: PHOTO_SERVER, photo: JSON.stringify([{ token: upload.token, size: data.length }]), hash });
    return;
  }
  sendJson(res, { file: upload.token });
}
