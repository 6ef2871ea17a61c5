import { parseArgs } from 'node:util';

/** Raised for a command line or a SANDBOX_PORT the sandbox cannot start with. */
export class SandboxUsageError extends Error {
  override readonly name = 'SandboxUsageError';
}

/** The command line of `npm start` without a token: `--demo` fills a sample school, `--reset` starts from empty. */
export function sandboxArgs(argv: string[], env: NodeJS.ProcessEnv): { demo: boolean; reset: boolean; port: number } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { demo: { type: 'boolean', default: false }, reset: { type: 'boolean', default: false } }, strict: true }));
  } catch (error) {
    throw new SandboxUsageError(`${error instanceof Error ? error.message : String(error)}; the sandbox takes --demo (a sample school) and --reset (start from empty)`);
  }
  const port = Number(env.SANDBOX_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SandboxUsageError('SANDBOX_PORT must be a TCP port, 0 to 65535, e.g. 8080');
  return { demo: values.demo === true, reset: values.reset === true, port };
}
