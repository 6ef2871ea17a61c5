import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Driver } from './driver.js';
import type { DriverUser } from './driver.js';
import { startEmulator } from './server.js';
import type { StoredMessage } from './state.js';

const HELP = `Type a message to send it as user 100 (Тест Тестов).
  /as <id> <text>     send as another user (created on first use)
  /press <label>      press a button in the newest bot message to the current user
  /in <peer> <text>   write into a chat as the current user
  .help               this text
  .exit               stop the emulator`;

/** Parses the command line: --port, --group, --token, --rate, --lp-wait. */
function readOptions(): { port: number; groupId: number; token: string; rate: number; lpWait: number } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8081' },
      group: { type: 'string', default: '1' },
      token: { type: 'string', default: 'test-token' },
      rate: { type: 'string', default: '20' },
      'lp-wait': { type: 'string', default: '25000' },
    },
  });
  return {
    port: Number(values.port),
    groupId: Number(values.group),
    token: values.token,
    rate: Number(values.rate),
    lpWait: Number(values['lp-wait']),
  };
}

function describeMessage(message: StoredMessage, verb: string): string {
  const lines = [`← bot ${verb} [peer ${message.peerId}]: ${message.text}`];
  if (message.attachments.length > 0) lines.push(`    attachments: ${message.attachments.join(', ')}`);
  if (message.keyboard && message.keyboard.buttons.length > 0) {
    const kind = message.keyboard.inline ? 'inline' : 'keyboard';
    for (const row of message.keyboard.buttons) lines.push(`    ${kind}: ${row.map((b) => `[${b.label || b.type}]`).join(' ')}`);
  } else if (message.keyboard) lines.push('    (keyboard hidden)');
  return lines.join('\n');
}

/** Starts a standalone emulator with a stdin REPL acting as user 100. */
async function main(): Promise<void> {
  const options = readOptions();
  const emu = await startEmulator({
    port: options.port,
    groupId: options.groupId,
    token: options.token,
    rateLimitPerSecond: options.rate,
    longPollWaitMs: options.lpWait,
  });
  const driver = new Driver(emu);
  const users = new Map<number, DriverUser>();
  const userFor = (id: number, firstName = 'Пользователь', lastName = String(id)): DriverUser => {
    let user = users.get(id);
    if (!user) {
      user = driver.user({ id, firstName, lastName });
      users.set(id, user);
    }
    return user;
  };
  const current = userFor(100, 'Тест', 'Тестов');

  console.log(`VK_API_URL=${emu.apiUrl}`);
  console.log(`VK_GROUP_ID=${emu.groupId}`);
  console.log(`VK_TOKEN=${emu.token}`);
  console.log(HELP);

  emu.on('sent', (message) => console.log(describeMessage(message, 'sent')));
  emu.on('edited', (message) => console.log(describeMessage(message, 'edited')));
  emu.on('answered', (event) => console.log(`← bot answered callback ${event.eventId}: ${JSON.stringify(event.answer ?? {})}`));

  const rl = createInterface({ input: process.stdin });
  const shutdown = async (): Promise<void> => {
    rl.close();
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());

  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') continue;
    try {
      if (line === '.exit') break;
      if (line === '.help') {
        console.log(HELP);
        continue;
      }
      const as = /^\/as\s+(\d+)\s+(.+)$/.exec(line);
      if (as?.[1] !== undefined && as[2] !== undefined) {
        await userFor(Number(as[1])).say(as[2]);
        continue;
      }
      const press = /^\/press\s+(.+)$/.exec(line);
      if (press?.[1] !== undefined) {
        const result = await current.press(press[1]);
        if (result.link) console.log(`(open_link → ${result.link})`);
        continue;
      }
      const inChat = /^\/in\s+(\d+)\s+(.+)$/.exec(line);
      if (inChat?.[1] !== undefined && inChat[2] !== undefined) {
        await current.sayIn(Number(inChat[1]), inChat[2]);
        continue;
      }
      await current.say(line);
    } catch (error) {
      console.log(`! ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await shutdown();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
