// `tsx stack/src/cli.ts <start|stop|status> [--profile dev|test]` (also `npm run stack -- …`).
// start: installs and starts the profile's servers, then prints the environment lines to use them.
// stop: stops them. status: one line per service, exit code 0 when all are up, 3 otherwise.
import { isProfile } from './profiles';
import type { Profile } from './profiles';
import { stackStatus, startStack, stopStack } from './stack';

const usage = 'usage: tsx stack/src/cli.ts <start|stop|status> [--profile dev|test]';

function parse(argv: readonly string[]): { command: string; profile: Profile } {
  const [command, ...rest] = argv;
  let profile: Profile = 'dev';
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    const value = arg.startsWith('--profile=')
      ? arg.slice('--profile='.length)
      : arg === '--profile'
        ? rest[++index]
        : undefined;
    if (value === undefined || !isProfile(value))
      throw new Error(`${usage}\n(bad argument: ${arg} ${value ?? ''})`);
    profile = value;
  }
  if (!command || !['start', 'stop', 'status'].includes(command)) throw new Error(usage);
  return { command, profile };
}

async function main(): Promise<number> {
  const { command, profile } = parse(process.argv.slice(2));
  if (command === 'start') {
    const env = await startStack(profile);
    for (const [key, value] of Object.entries(env)) console.log(`${key}=${value}`);
    return 0;
  }
  if (command === 'stop') {
    await stopStack(profile);
    console.log(`[stack] [${profile}] stopped`);
    return 0;
  }
  const status = await stackStatus(profile);
  for (const [name, service] of Object.entries(status)) {
    const state = service.up ? 'up' : service.pid ? `not ready (pid ${service.pid})` : 'down';
    const pid = service.up && service.pid ? ` pid ${service.pid}` : '';
    console.log(`${name.padEnd(14)} ${state.padEnd(22)} ${service.url}${pid}  log: ${service.logFile}`);
  }
  return Object.values(status).every((service) => service.up) ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
