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

/** A feature's folder. */
export const feature = (name) => `${LAYOUT.features}/${name}`;

/** What the lint cruises: the bot, the emulator, the sandbox and the start-up entry (tests and benchmarks may import anything). */
export const CRUISED = ['src', 'scenes', 'emulator', 'sandbox', 'start.ts'];

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
 * Today's violations: imports the rules forbid but the code had when the rules came in (issue 7
 * lists them; the features move later). Each stays allowed as it is, file to file; any other
 * import that breaks a rule fails the lint, and so does the same import once a file of the pair
 * moves. Delete a line when its import goes (test/lint/layout.test.ts fails on a stale one); do
 * not add one. None is left: the join-code scene's imports of the join command and the command
 * registry went when its code lookup and the start of onboarding moved to
 * src/features/onboarding/code-lookup.ts and begin-onboarding.ts.
 */
export const KNOWN_IMPORTS = [];

/**
 * Today's folder cycles, as the folder-to-folder imports that close them. A folder here is what
 * dependency-cruiser means by one: `src` holds everything under src/ when it imports, and is its
 * own files (src/*.ts) when imported. An edge listed here stays allowed; a cycle that needs any
 * other edge fails the lint (a new cycle always has at least one new edge). Delete a line when
 * the edge goes or stops closing a cycle; do not add one.
 *
 * They all pass through scenes/: a command opens its dialog by importing the scene, and the scene
 * calls back into its feature (and the feature's helpers in src/features/shared/). Since `src`
 * holds everything under src/ when it imports, `src → scenes` is one edge, and every folder that a
 * scene reaches and that uses a src/*.ts file (app, i18n, turn, logger) closes a cycle through it.
 * They go when the dialogs move beside their commands, into src/features/<feature>/.
 */
export const KNOWN_FOLDER_CYCLE_EDGES = [
  // src/*.ts and the scenes: the scenes use src/*.ts (app, i18n, turn); src/features.ts and the commands open the scenes
  [LAYOUT.scenes, 'src'],
  ['src', LAYOUT.scenes],
  // the scenes call into the features they belong to, and those features open them
  [LAYOUT.scenes, LAYOUT.shared],
  [LAYOUT.scenes, feature('classes')],
  [LAYOUT.scenes, feature('invites')],
  [LAYOUT.scenes, feature('join-requests')],
  [LAYOUT.scenes, feature('onboarding')],
  [LAYOUT.scenes, feature('school')], // the school setup dialog saves through the school's use case
  [LAYOUT.scenes, feature('study-chats')], // the /chat dialog makes the chat through the feature's use case
  [LAYOUT.scenes, feature('channels')], // the /post dialog sends the post through the feature's use case
  [LAYOUT.scenes, feature('materials')], // the /submit dialog hands the material in through the feature's use case
  [LAYOUT.scenes, feature('meetings')], // the /meeting dialog plans the meeting through the feature's use case
  [LAYOUT.scenes, feature('movement')], // the /promote dialog applies the plan through the feature's use case
  [LAYOUT.scenes, feature('broadcasts')], // the /broadcast, /webinar and /lesson dialogs announce through the feature's use cases
  [LAYOUT.scenes, feature('audit')], // the journal's dates dialog shows the journal's page
  [feature('classes'), LAYOUT.scenes],
  [feature('invites'), LAYOUT.scenes],
  [feature('join-requests'), LAYOUT.scenes],
  [feature('onboarding'), LAYOUT.scenes],
  [feature('school'), LAYOUT.scenes],
  [feature('study-chats'), LAYOUT.scenes],
  [feature('channels'), LAYOUT.scenes],
  [feature('materials'), LAYOUT.scenes],
  [feature('meetings'), LAYOUT.scenes],
  [feature('movement'), LAYOUT.scenes],
  [feature('broadcasts'), LAYOUT.scenes],
  // the features use src/*.ts, which `src → scenes` closes into a cycle
  [LAYOUT.shared, 'src'],
  [feature('classes'), 'src'],
  [feature('first-contact'), 'src'],
  [feature('invites'), 'src'],
  [feature('join-requests'), 'src'],
  [feature('onboarding'), 'src'],
  [feature('school'), 'src'],
  [feature('verification'), 'src'],
  [feature('study-chats'), 'src'],
  [feature('channels'), 'src'],
  [feature('materials'), 'src'],
  [feature('admin-chats'), 'src'],
  [feature('meetings'), 'src'],
  [feature('movement'), 'src'],
  [feature('broadcasts'), 'src'],
  [feature('audit'), 'src'],
  // features using each other or the shared helpers, on the way back to a scene
  [feature('classes'), LAYOUT.shared],
  [feature('first-contact'), LAYOUT.shared],
  [feature('invites'), LAYOUT.shared],
  [feature('join-requests'), LAYOUT.shared],
  [feature('onboarding'), LAYOUT.shared],
  [feature('school'), LAYOUT.shared],
  [feature('verification'), LAYOUT.shared],
  [feature('study-chats'), LAYOUT.shared],
  [feature('channels'), LAYOUT.shared],
  [feature('materials'), LAYOUT.shared],
  [feature('materials'), feature('channels')], // a published material goes out as the channel's post
  [feature('admin-chats'), LAYOUT.shared],
  [feature('meetings'), LAYOUT.shared],
  [feature('movement'), LAYOUT.shared],
  [feature('broadcasts'), LAYOUT.shared],
  [feature('audit'), LAYOUT.shared],
  [feature('audit'), feature('invites')], // roleName
  [feature('first-contact'), feature('invites')], // roleName
  [feature('join-requests'), feature('onboarding')], // subjectName
  [feature('join-requests'), feature('verification')], // announceTeacherApproved
  [feature('onboarding'), feature('first-contact')], // pendingText
  [feature('onboarding'), feature('invites')], // roleName, schoolName
  [feature('verification'), feature('onboarding')], // subjectName
  [feature('verification'), feature('admin-chats')], // adminChatLinkNotices: the staff chat's link after a confirmation
  [feature('study-chats'), feature('onboarding')], // subjectName, the default subjects
  [feature('movement'), feature('join-requests')], // closedRequestNotices: the cards of requests closed by a move
  [feature('movement'), feature('study-chats')], // removeFromClassChats: who moves out of a class leaves its study chats
  [feature('movement'), feature('admin-chats')], // removeFromAdminChats: who leaves the school leaves the administration chats
  // the shared helpers send through src/vk/ (recipients), which uses src/runtime/ and src/*.ts (logger)
];

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
    ...folderCycleRules(),
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true, // type-only imports count too
    tsConfig: { fileName: 'tsconfig.json' },
    knownViolations: KNOWN_IMPORTS.map(([rule, from, to]) => ({ type: 'dependency', rule: { name: rule, severity: 'error' }, from, to })),
  },
};
