import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VK } from 'vk-io';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { vkFor } from './helpers.js';

/** A valid 3×2 PNG header is enough for the size parser. */
function png(width: number, height: number): Buffer {
  const buf = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf, 0);
  buf.writeUInt32BE(13, 8);
  buf.write('IHDR', 12, 'ascii');
  buf.writeUInt32BE(width, 16);
  buf.writeUInt32BE(height, 20);
  return buf;
}

describe('uploads through vk-io', () => {
  let emu: Emulator;
  let vk: VK;

  beforeAll(async () => {
    emu = await startEmulator();
    emu.addUser({ id: 3, firstName: 'Оля', lastName: 'Ким', allowsMessages: true });
    vk = vkFor(emu);
  });

  afterAll(async () => {
    await emu.close();
  });

  it('messagePhoto returns a photo attachment owned by the community, served back', async () => {
    const photo = await vk.upload.messagePhoto({ peer_id: 3, source: { value: png(3, 2) } });
    expect(photo.ownerId).toBe(-1);
    expect(photo.id).toBeGreaterThan(0);
    const attachment = photo.toString();
    expect(attachment).toMatch(/^photo-1_\d+_[0-9a-f]+$/);
    const stored = emu.state.photos.get(photo.id);
    expect(stored).toMatchObject({ width: 3, height: 2 });
    const file = await fetch(`${emu.baseUrl}/files/photo/${photo.id}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(png(3, 2))).toBe(true);
    const id = await vk.api.messages.send({ peer_id: 3, random_id: 0, attachment });
    expect(id).toBeTypeOf('number');
    expect(emu.sentTo(3).at(-1)?.attachments).toEqual([attachment]);
  });

  it('messageDocument returns a doc attachment with title and extension', async () => {
    const doc = await vk.upload.messageDocument({
      peer_id: 3,
      title: 'Расписание.pdf',
      source: { value: Buffer.from('%PDF-1.4 test'), filename: 'schedule.pdf' },
    });
    expect(doc.ownerId).toBe(-1);
    expect(doc.toString()).toMatch(/^doc-1_\d+_[0-9a-f]+$/);
    const stored = emu.state.docs.get(doc.id);
    expect(stored).toMatchObject({ title: 'Расписание.pdf', ext: 'pdf', type: 1 });
    expect(stored?.file.data.toString()).toBe('%PDF-1.4 test');
  });

  it('an upload token is single-use and the hash is checked', async () => {
    const server = (await vk.api.photos.getMessagesUploadServer({ peer_id: 3 })) as { upload_url: string };
    const form = new FormData();
    form.set('photo', new Blob([png(1, 1)], { type: 'image/png' }), 'a.png');
    const uploaded = (await (await fetch(server.upload_url, { method: 'POST', body: form })).json()) as {
      server: number;
      photo: string;
      hash: string;
    };
    await expect(vk.api.photos.saveMessagesPhoto({ ...uploaded, hash: 'bad' })).rejects.toMatchObject({ code: 121 });
    await expect(vk.api.photos.saveMessagesPhoto(uploaded)).resolves.toHaveLength(1);
    await expect(vk.api.photos.saveMessagesPhoto(uploaded)).rejects.toMatchObject({ code: 100 });
  });
});
