/**
 * The ground of the tests that kill a bot process in the middle of a send to many: a class of
 * students in Redis and in the emulator, the admin, the school channel bound to a chat; and the
 * crash itself (the first batch failing once, then SIGKILL at the n-th copy).
 */
import { Driver, type Emulator } from '../../emulator/index.js';
import type { StoredMessage } from '../../emulator/state.js';
import { createServices, type Services } from '../../src/domain/index.js';
import type { RedisClient } from '../../src/domain/redis-client.js';
import type { BotProcess } from './bot-process.js';
import { ADMIN, ADMIN_ID } from './harness.js';
import { newTestConnection } from './redis.js';
import { joinAs } from './school-people.js';

/** A surname of letters only for the n-th student (the name rules refuse digits). */
function surname(n: number): string {
  const abc = 'абвгдежзиклмнопрстуфхцчшэюя';
  let out = '';
  for (let rest = n; out.length === 0 || rest > 0; rest = Math.floor(rest / abc.length)) out += abc[rest % abc.length];
  return `Ученик${out}`;
}

export interface CrashSchool {
  redis: RedisClient;
  services: Services;
  /** The students' VK ids. */
  ids: number[];
  admin: ReturnType<Driver['user']>;
  /** The school channel's chat. */
  chat: { peerId: number };
  close(): void;
}

/** `count` students of `className` (ids from `firstId`), who all wrote to the community, and the school channel bound to a chat with nobody in it. */
export async function crashSchool(emulator: Emulator, prefix: string, className: string, firstId: number, count = 300): Promise<CrashSchool> {
  const redis = newTestConnection();
  const services = createServices({ redis, prefix, schoolId: 'main' });
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  await services.members.ensureBootstrapAdmins([ADMIN]);
  await services.classes.createMany(ADMIN, [className]);
  for (const id of ids) {
    await joinAs(services, 'student', className, id, `${surname(id)} Тест`);
    emulator.addUser({ id, firstName: 'Ученик', lastName: surname(id), allowsMessages: true });
  }
  const driver = new Driver(emulator, { timeoutMs: 40_000 });
  const admin = driver.user({ id: ADMIN_ID, firstName: 'Мария', lastName: 'Иванова' });
  const chat = emulator.addChat({ ownerId: ADMIN_ID, title: 'Школа', memberIds: [] });
  await services.channels.bind(ADMIN, 'school', chat.peerId);
  return { redis, services, ids, admin, chat, close: () => redis.disconnect() };
}

/**
 * Arranges the crash: the first batch fails once (VK's error 10) when the author's progress message
 * goes, so that it is still to be sent when the crash comes; the process is killed (SIGKILL) when the
 * `at`-th private copy of `text` is stored, before it hears VK's answer. Resolves once it is dead.
 */
export function crashAtCopy(emulator: Emulator, run: BotProcess, text: string, at: number, chatPeer: number): Promise<void> {
  const offProgress = emulator.on('sent', (message: StoredMessage) => {
    if (!message.text.startsWith('Отправлено')) return;
    offProgress();
    emulator.faults.failNext('messages.send', 10, 1);
  });
  let copies = 0;
  return new Promise<void>((resolve) => {
    const off = emulator.on('sent', (message: StoredMessage) => {
      if (message.text !== text || message.peerId === chatPeer || ++copies !== at) return;
      off();
      run.child.kill('SIGKILL');
      resolve();
    });
  }).then(async () => void (await run.exited));
}
