// `npm start`: the bot against VK when VK is meant (VK_TOKEN, or any VK_ setting, in the environment or .env), the
// sandbox otherwise (a VK emulator, the bot wired to it and a web page: sandbox/). It only picks one; src/ never
// imports the sandbox.
try {
  process.loadEnvFile();
} catch {
  // no .env file: the environment alone is used
}

/** Whether the environment speaks of VK: then a missing token is an error worth naming, not a cue for the sandbox. */
const vkMeant = Object.entries(process.env).some(([key, value]) => key.startsWith('VK_') && value !== undefined && value !== '');

if (vkMeant) {
  if (process.argv.slice(2).some((arg) => arg === '--demo' || arg === '--reset')) {
    console.error('Parta: --demo and --reset are for the sandbox, which starts when no VK_ variable is set; running the bot against VK.');
  }
  await import('./main.js');
} else {
  await import('./sandbox/main.js');
}
