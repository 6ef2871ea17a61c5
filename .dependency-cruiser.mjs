// The rules of the layout (issue 7, DESIGN §5), checked by dependency-cruiser in `npm run lint`
// and by test/lint/layout.test.ts (so `npm test`, which CI runs, checks them too).

/** The folders of the layout, relative to the repository root: the one place to change when a folder moves. */
export const LAYOUT = {
  domain: 'src/services', // the domain; becomes src/domain
  commands: 'src/commands',
  actions: 'src/actions',
  vk: 'src/vk',
  features: 'src/features', // src/features.ts today, src/features/<feature>/ later
  scenes: 'scenes',
  emulator: 'emulator',
};

/** What the lint cruises: the bot and the emulator (tests and benchmarks may import anything). */
export const CRUISED = ['src', 'scenes', 'emulator'];

const esc = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A folder and everything under it. */
const under = (...folders) => `^(${folders.map(esc).join('|')})/`;
/** A folder, everything under it, and a file next to it named like it (src/features.ts and src/features/). */
const underOrFile = (...folders) => `^(${folders.map(esc).join('|')})(/|\\.[cm]?ts$)`;

/**
 * Today's violations: imports the rules forbid but the code had when the rules came in (issue 7
 * lists them; the features move later). Each stays allowed as it is, file to file; any other
 * import that breaks a rule fails the lint, and so does the same import once a file of the pair
 * moves. Delete a line when its import goes (test/lint/layout.test.ts fails on a stale one); do
 * not add one.
 */
export const KNOWN_IMPORTS = [
  // scene-imports-no-command: the scenes reach into src/commands/ for helpers that belong to a feature
  ['scene-imports-no-command', 'scenes/class-grid.ts', 'src/commands/class-summary.ts'], // createSummary
  ['scene-imports-no-command', 'scenes/class-grid.ts', 'src/commands/refusals.ts'], // refusalText
  ['scene-imports-no-command', 'scenes/class-rename.ts', 'src/commands/refusals.ts'], // refusalText
  ['scene-imports-no-command', 'scenes/invite-builder.ts', 'src/commands/person-ref.ts'], // parseVkUserRef
  ['scene-imports-no-command', 'scenes/join-code.ts', 'src/commands/join.ts'], // beginOnboarding, lookupCode
  ['scene-imports-no-command', 'scenes/join-code.ts', 'src/commands/registry.ts'], // parseCommand
  ['scene-imports-no-command', 'scenes/promotion.ts', 'src/commands/refusals.ts'], // refusalText
];

/**
 * Today's folder cycles, as the folder-to-folder imports that close them. A folder here is what
 * dependency-cruiser means by one: `src` holds everything under src/ when it imports, and is its
 * own files (src/*.ts) when imported. An edge listed here stays allowed; a cycle that needs any
 * other edge fails the lint (a new cycle always has at least one new edge). Delete a line when
 * the edge goes or stops closing a cycle; do not add one.
 */
export const KNOWN_FOLDER_CYCLE_EDGES = [
  [LAYOUT.scenes, 'src'], // the scenes use src/*.ts (i18n, keyboards, turn, …); src/features.ts registers the scenes
  ['src', LAYOUT.scenes], // src/features.ts, src/commands/*, src/actions/* import scenes
  [LAYOUT.scenes, LAYOUT.commands], // see KNOWN_IMPORTS
  [LAYOUT.commands, LAYOUT.scenes], // the commands open scenes by importing them
  [LAYOUT.commands, 'src'], // commands use src/*.ts; src/ reaches the scenes, which import commands
];

/**
 * dependency-cruiser's folder cycles: a folder contains its subfolders, so a cycle between a
 * folder and the files of its parent (src/vk/ and src/bot.ts, say) is not one; between siblings
 * (src/commands/ and src/services/) and between top-level folders (src/ and scenes/) it is.
 */
const FOLDER_CYCLE = {
  name: 'no-folder-cycle',
  comment: 'No import cycle between folders (a cycle between modules of one folder may stay).',
  severity: 'error',
  scope: 'folder',
};

/** One rule for the folders with no known edge, one for each folder with some: it may keep those. */
function folderCycleRules() {
  const byFrom = new Map();
  for (const [from, to] of KNOWN_FOLDER_CYCLE_EDGES) byFrom.set(from, [...(byFrom.get(from) ?? []), to]);
  const exactly = (folders) => `^(${folders.map(esc).join('|')})$`;
  return [
    { ...FOLDER_CYCLE, from: { pathNot: exactly([...byFrom.keys()]) }, to: { circular: true } },
    ...[...byFrom].map(([from, tos]) => ({
      ...FOLDER_CYCLE,
      from: { path: exactly([from]) },
      to: { circular: true, pathNot: exactly(tos) },
    })),
  ];
}

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
      to: { path: underOrFile(LAYOUT.commands, LAYOUT.actions, LAYOUT.scenes, LAYOUT.vk, LAYOUT.features) },
    },
    {
      name: 'scene-imports-no-command',
      comment: 'A scene calls a use case, never a command (DESIGN §5).',
      severity: 'error',
      from: { path: under(LAYOUT.scenes) },
      to: { path: under(LAYOUT.commands) },
    },
    {
      name: 'bot-imports-no-emulator',
      comment: "The emulator is test and sandbox tooling: nothing in src/ or scenes/ imports it.",
      severity: 'error',
      from: { path: `^(src|${esc(LAYOUT.scenes)})/` },
      to: { path: under(LAYOUT.emulator) },
    },
    {
      name: 'emulator-stands-alone',
      comment: 'The emulator imports nothing of the bot, so it can become a package of its own.',
      severity: 'error',
      from: { path: under(LAYOUT.emulator) },
      to: { path: `^(src|${esc(LAYOUT.scenes)}|locales)/` },
    },
    ...folderCycleRules(),
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true, // type-only imports count too
    tsConfig: { fileName: 'tsconfig.json' },
    knownViolations: KNOWN_IMPORTS.map(([rule, from, to]) => ({ type: 'dependency', rule: { name: rule, severity: 'error' }, from, to })),
  },
};
