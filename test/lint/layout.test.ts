import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layout rules of issue 7 (.dependency-cruiser.mjs), run the way `npm run lint` runs them. CI runs
// `npm test` only, so the first case is what keeps a new violation out of main.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = '.dependency-cruiser.mjs';
const BIN = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'); // `depcruise`

interface Layout {
  LAYOUT: Record<'domain' | 'features' | 'shared' | 'runtime' | 'messenger' | 'vk' | 'scenes' | 'emulator' | 'sandbox', string>;
  CRUISED: string[];
}

const { LAYOUT, CRUISED } = (await import(pathToFileURL(join(ROOT, CONFIG)).href)) as Layout;

/** Runs the layout part of `npm run lint`: its exit status and the `rule from` of each error it prints. */
function lint(): { status: number | null; errors: string[]; output: string } {
  const run = spawnSync(process.execPath, [BIN, '--config', CONFIG, ...CRUISED], { cwd: ROOT, encoding: 'utf8' });
  const output = run.stdout + run.stderr;
  return { status: run.status, errors: [...output.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map(([, rule, from]) => `${rule} ${from}`).sort(), output };
}

const importOf = (from: string, to: string) => {
  const path = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
};

/**
 * Files that break a rule, each written into the tree on its own, linted, and removed. `errors` is
 * what the lint must then print: the rule and the file (or, for a cycle, the folder) at fault.
 * They end in `.mts` so that the tests that read src/ for `.ts` files (test/locales.test.ts) never see them.
 */
interface Probe {
  files: Record<string, string>; // path → what it imports
  errors: string[];
}
const PROBES: Record<string, Probe> = {
  'the domain imports vk-io': {
    files: { [`${LAYOUT.domain}/layout-probe.mts`]: 'vk-io' },
    errors: [`domain-knows-no-messenger ${LAYOUT.domain}/layout-probe.mts`],
  },
  'the domain imports @vk-io/scenes': {
    files: { [`${LAYOUT.domain}/layout-probe.mts`]: '@vk-io/scenes' },
    errors: [`domain-knows-no-messenger ${LAYOUT.domain}/layout-probe.mts`],
  },
  'the domain imports a command (which closes a cycle between the two folders)': {
    files: { [`${LAYOUT.domain}/layout-probe.mts`]: importOf(`${LAYOUT.domain}/x.ts`, `${LAYOUT.shared}/command-registry.ts`) },
    errors: [`domain-knows-no-feature ${LAYOUT.domain}/layout-probe.mts`, `no-folder-cycle ${LAYOUT.domain}`],
  },
  'a feature imports its scene (which closes a cycle: the scene calls the feature)': {
    files: { [`${LAYOUT.features}/classes/layout-probe.mts`]: importOf(`${LAYOUT.features}/classes/x.ts`, `${LAYOUT.scenes}/class-rename.ts`) },
    errors: [`bot-imports-no-scene ${LAYOUT.features}/classes/layout-probe.mts`, `no-folder-cycle ${LAYOUT.features}/classes`, `no-folder-cycle ${LAYOUT.scenes}`],
  },
  'the composition root imports the dialogs': {
    files: { 'src/layout-probe.mts': importOf('src/x.ts', `${LAYOUT.scenes}/index.ts`) },
    errors: ['bot-imports-no-scene src/layout-probe.mts', 'no-folder-cycle src', `no-folder-cycle ${LAYOUT.scenes}`],
  },
  'a scene imports a command': {
    files: { [`${LAYOUT.scenes}/layout-probe.mts`]: importOf(`${LAYOUT.scenes}/x.ts`, `${LAYOUT.features}/onboarding/join-command.ts`) },
    errors: [`scene-imports-no-command ${LAYOUT.scenes}/layout-probe.mts`],
  },
  'a scene imports a file of commands': {
    files: { [`${LAYOUT.scenes}/layout-probe.mts`]: importOf(`${LAYOUT.scenes}/x.ts`, `${LAYOUT.features}/classes/classes-commands.ts`) },
    errors: [`scene-imports-no-command ${LAYOUT.scenes}/layout-probe.mts`],
  },
  'the domain imports the VK transport (which closes a cycle through the runtime)': {
    files: { [`${LAYOUT.domain}/layout-probe.mts`]: importOf(`${LAYOUT.domain}/x.ts`, `${LAYOUT.vk}/gateway.ts`) },
    errors: [`domain-knows-no-feature ${LAYOUT.domain}/layout-probe.mts`, `no-folder-cycle ${LAYOUT.domain}`],
  },
  'a feature imports vk-io': {
    files: { [`${LAYOUT.features}/onboarding/layout-probe.mts`]: 'vk-io' },
    errors: [`features-speak-the-port ${LAYOUT.features}/onboarding/layout-probe.mts`],
  },
  'a scene imports the VK adapter': {
    files: { [`${LAYOUT.scenes}/layout-probe.mts`]: importOf(`${LAYOUT.scenes}/x.ts`, `${LAYOUT.vk}/outbox.ts`) },
    errors: [`features-speak-the-port ${LAYOUT.scenes}/layout-probe.mts`],
  },
  'the messenger port imports @vk-io/scenes': {
    files: { [`${LAYOUT.messenger}/layout-probe.mts`]: '@vk-io/scenes' },
    errors: [`port-knows-no-platform ${LAYOUT.messenger}/layout-probe.mts`],
  },
  'a file in src/ imports the emulator': {
    files: { 'src/layout-probe.mts': importOf('src/x.ts', `${LAYOUT.emulator}/index.ts`) },
    errors: ['bot-imports-no-emulator src/layout-probe.mts'],
  },
  'a file in src/ imports the sandbox (which closes a cycle: the sandbox wraps the bot)': {
    files: { 'src/layout-probe.mts': importOf('src/x.ts', `${LAYOUT.sandbox}/launcher.ts`) },
    errors: ['bot-imports-no-sandbox src/layout-probe.mts', `no-folder-cycle ${LAYOUT.sandbox}`],
  },
  'a scene imports the start-up entry': {
    files: { [`${LAYOUT.scenes}/layout-probe.mts`]: importOf(`${LAYOUT.scenes}/x.ts`, 'start.ts') },
    errors: [`bot-imports-no-sandbox ${LAYOUT.scenes}/layout-probe.mts`],
  },
  'the emulator imports the sandbox (which closes a cycle: the sandbox drives the emulator)': {
    files: { [`${LAYOUT.emulator}/layout-probe.mts`]: importOf(`${LAYOUT.emulator}/x.ts`, `${LAYOUT.sandbox}/cast.ts`) },
    errors: [`emulator-stands-alone ${LAYOUT.emulator}/layout-probe.mts`, `no-folder-cycle ${LAYOUT.emulator}`],
  },
  'the emulator imports the bot': {
    files: { [`${LAYOUT.emulator}/layout-probe.mts`]: importOf(`${LAYOUT.emulator}/x.ts`, 'src/i18n.ts') },
    errors: [`emulator-stands-alone ${LAYOUT.emulator}/layout-probe.mts`],
  },
  'two folders import each other': {
    files: { 'src/layout-probe-a/a.mts': '../layout-probe-b/b.mjs', 'src/layout-probe-b/b.mts': '../layout-probe-a/a.mjs' },
    errors: ['no-folder-cycle src/layout-probe-a', 'no-folder-cycle src/layout-probe-b'],
  },
};

function removeProbes(): void {
  for (const path of Object.values(PROBES).flatMap((p) => Object.keys(p.files))) {
    rmSync(join(ROOT, path), { force: true });
    if (posix.basename(posix.dirname(path)).startsWith('layout-probe')) rmSync(join(ROOT, posix.dirname(path)), { recursive: true, force: true });
  }
}

describe('the layout rules (issue 7)', () => {
  beforeAll(removeProbes); // left by a run that was killed
  afterAll(removeProbes);

  it("today's tree passes, and `npm run lint` runs the rules over the same folders", () => {
    const { status, errors, output } = lint();
    expect(errors, output).toEqual([]);
    expect(status, output).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toContain(`depcruise --config ${CONFIG} ${CRUISED.join(' ')}`);
  });

  it('at most eight files lie loose in src/ (config, logger, the composition root…); everything else is in a folder', () => {
    const loose = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
    expect(loose.length, `loose in src/: ${loose.join(', ')}`).toBeLessThanOrEqual(8);
  });

  it.each(Object.entries(PROBES))('a violating file makes the lint fail, naming the rule: %s', (_, probe) => {
    let result: ReturnType<typeof lint>;
    try {
      for (const [path, imports] of Object.entries(probe.files)) {
        mkdirSync(dirname(join(ROOT, path)), { recursive: true });
        writeFileSync(join(ROOT, path), `// A probe of test/lint/layout.test.ts, which deletes it.\nimport type * as probe from '${imports}';\nexport type Probe = typeof probe;\n`);
      }
      result = lint();
    } finally {
      removeProbes();
    }
    expect(result.status, result.output).not.toBe(0);
    expect(result.errors, result.output).toEqual(expect.arrayContaining(probe.errors));
    // Nothing but the probe's rules: a cycle it closes may also be reported from other folders on it.
    expect(new Set(result.errors.map((error) => error.split(' ')[0])), result.output).toEqual(new Set(probe.errors.map((error) => error.split(' ')[0])));
  });
});
