import { Emulator } from './emulator.js';
import type { EmulatorOptions } from './types.js';

/** Creates an emulator and starts its HTTP server on 127.0.0.1 (port 0 = random). Close it with `emu.close()`. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new Emulator(options);
  await emulator.listen();
  return emulator;
}
