import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { restoreSnapshot, snapshotOf, type Emulator, type StateSnapshot } from '../emulator/index.js';

/** How long after a change the VK side is written to disk (changes in between are written together). */
const SAVE_DELAY_MS = 300;

/**
 * Keeps the emulator's world (the sandbox's VK side: people, their chats with the bot, the chats made) in one JSON
 * file, as Redis keeps the bot's records, so that a restarted sandbox shows the same school and the same
 * conversations. Written a moment after each change and when the sandbox stops.
 */
export class EmulatorStore {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly file: string,
    private readonly emulator: Emulator,
  ) {}

  /** Restores the world from the file, if there is one; returns whether it did. */
  load(): boolean {
    if (!existsSync(this.file)) return false;
    restoreSnapshot(this.emulator.state, JSON.parse(readFileSync(this.file, 'utf8')) as StateSnapshot);
    return true;
  }

  /** Deletes the file (`--reset`). */
  forget(): void {
    rmSync(this.file, { force: true });
  }

  /** Saves after every change of the world from now on. */
  watch(): void {
    for (const name of ['sent', 'edited', 'userMessage', 'answered', 'read', 'members', 'event'] as const) this.unsubscribe.push(this.emulator.on(name, () => this.changed()));
  }

  /** Saves in a moment: the world changed in a way the emulator does not announce (a person added). */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, SAVE_DELAY_MS);
  }

  /** Writes the world now (to a temporary file first, so a crash never leaves half a file). */
  save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshotOf(this.emulator.state)));
    renameSync(temporary, this.file);
  }

  /** Stops watching and writes the world one last time. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const off of this.unsubscribe.splice(0)) off();
    this.save();
  }
}
