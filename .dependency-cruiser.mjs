// The rules of the layout (issue 7, DESIGN §5), checked by dependency-cruiser in `npm run lint`
// and by test/lint/layout.test.ts (so `npm test`, which CI runs, checks them too).

/** The folders of the layout, relative to the repository root: the one place to change when a folder moves. */
export const LAYOUT = {
  domain: 'src/domain', // the domain
  features: 'src/features', // one folder a capability, src/features/<feature>/; the wiring is src/features.ts
  shared: 'src/features/shared', // what the features share: the command and button registries, keyboards, payloads, paging, refusals
  runtime: 'src/runtime',
  messenger: 'src/messenger', // the messenger port: neutral events, keyboards, the Messenger interface
  vk: 'src/vk', // the VK adapter of the port, and the VK transports
  scenes: 'scenes',
  emulator: 'emulator',
  sandbox: 'sandbox', // npm start without a token: the emulator, the bot wired to it, and a web page (start.ts picks it)
};

/** What the lint cruises: the bot, its dialogs, the emulator, the sandbox and the start-up entries (tests and benchmarks may import anything). */
export const CRUISED = ['src', 'scenes', 'emulator', 'sandbox', 'start.ts', 'main.ts'];

const esc = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folder and everything under it. */
const under = (...folders) => `^(${folders.map(esc).join('|')})/`;
/** A folder, everything under it, and a file next to it named like it (src/features.ts and src/features/). */
const underOrFile = (...folders) => `^(${folders.map(esc).join('|')})(/|\\.[cm]?ts$)`;
/**
 * What "a command" is to the rules: a file under src/features/ that defines commands or the command
 * registry, named so: `<what>-command.ts`, `<what>-commands.ts`, `command-registry.ts`.
 */
const COMMAND_FILES = `^${esc(LAYOUT.features)}/.*command[^/]*\\.[cm]?ts$`;

/**
 * dependency-cruiser's folder cycles: a folder contains its subfolders, so a cycle between a
 * folder and the files of its parent (src/vk/ and src/bot.ts, say) is not one; between siblings
 * (src/features/shared/ and src/domain/) and between top-level folders (src/ and scenes/) it is.
 */
const FOLDER_CYCLE = {
  name: 'no-folder-cycle',
  comment: 'No import cycle between folders (a cycle between modules of one folder may stay).',
  severity: 'error',
  scope: 'folder',
  from: {},
  to: { circular: true },
};

export default {
  forbidden: [
    {
      name: 'domain-knows-no-messenger',
      comment: 'The domain imports neither vk-io nor @vk-io/* (DESIGN §5).',
      severity: 'error',
      from: { path: under(LAYOUT.domain) },
      to: { path: '(^|/)node_modules/(vk-io|@vk-io/)' },
    },
    {
      name: 'domain-knows-no-feature',
      comment: 'The domain imports no command, button, scene, feature or VK transport (DESIGN §5).',
      severity: 'error',
      from: { path: under(LAYOUT.domain) },
      to: { path: underOrFile(LAYOUT.features, LAYOUT.scenes, LAYOUT.vk, LAYOUT.messenger) },
    },
    {
      name: 'features-speak-the-port',
      comment: 'Features and dialogs speak only the messenger port (src/messenger/): neither vk-io, @vk-io/* nor the VK adapter (src/vk/).',
      severity: 'error',
      from: { path: underOrFile(LAYOUT.features, LAYOUT.scenes) },
      to: { path: `((^|/)node_modules/(vk-io|@vk-io/))|${under(LAYOUT.vk)}` },
    },
    {
      name: 'port-knows-no-platform',
      comment: 'The messenger port names no messenger: no vk-io, no @vk-io/*, no adapter, no feature.',
      severity: 'error',
      from: { path: under(LAYOUT.messenger) },
      to: { path: `((^|/)node_modules/(vk-io|@vk-io/))|${underOrFile(LAYOUT.vk, LAYOUT.features, LAYOUT.scenes)}` },
    },
    {
      name: 'scene-imports-no-command',
      comment: 'A scene calls a use case, never a command or the command registry (DESIGN §5).',
      severity: 'error',
      from: { path: under(LAYOUT.scenes) },
      to: { path: COMMAND_FILES },
    },
    {
      name: 'bot-imports-no-scene',
      comment: 'The dialogs sit on top of the bot: a feature opens one by its slug (src/features/<feature>/dialogs.ts), the entry hands the bot scenes/index.ts. Nothing in src/ imports scenes/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: under(LAYOUT.scenes) },
    },
    {
      name: 'bot-imports-no-emulator',
      comment: "The emulator is test and sandbox tooling: nothing in src/ or scenes/ imports it.",
      severity: 'error',
      from: { path: `^(src|${esc(LAYOUT.scenes)})/` },
      to: { path: under(LAYOUT.emulator) },
    },
    {
      name: 'bot-imports-no-sandbox',
      comment: 'The sandbox (sandbox/, and start.ts that picks it) wraps the bot: nothing in src/ or scenes/ imports it.',
      severity: 'error',
      from: { path: `^(src|${esc(LAYOUT.scenes)})/` },
      to: { path: `${under(LAYOUT.sandbox)}|^start\\.ts$` },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The emulator imports nothing of the bot nor of the sandbox, so it can become a package of its own.',
      severity: 'error',
      from: { path: under(LAYOUT.emulator) },
      to: { path: `^(src|${esc(LAYOUT.scenes)}|${esc(LAYOUT.sandbox)}|locales)/|^start\\.ts$` },
    },
    FOLDER_CYCLE,
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true, // type-only imports count too
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
