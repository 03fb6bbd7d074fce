import { said, UsageError, type Command } from './command';

/** The subcommands, loaded on demand so `banzu erlang` does not pay for the server's imports. */
const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start')).startCommand,
  migrate: async () => (await import('./migrate')).migrateCommand,
  user: async () => (await import('./user')).userCommand,
  report: async () => (await import('./report')).reportCommand,
  simulate: async () => (await import('./simulate')).simulateCommand,
  erlang: async () => (await import('./erlang')).erlangCommand,
  staff: async () => (await import('./staff')).staffCommand,
  forecast: async () => (await import('./forecast')).forecastCommand,
  schedule: async () => (await import('./schedule')).scheduleCommand,
  import: async () => (await import('./import')).importCommand,
};

function help(): string {
  return [
    'usage: banzu <command> [flags]',
    '',
    'commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
    '',
    'Run `banzu <command> --help` for the flags of one command.',
  ].join('\n');
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 failure, 2 bad usage.
 *
 * @example
 * process.exitCode = await main(['migrate']);
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`banzu: ${said('cli.unknown_command', { name })}\n\n${help()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`banzu ${name}: ${err.message}\n${said('cli.usage')}${command.usage}`);
      return 2;
    }
    // Loaded here, not on top: the config's schema pulls in zod, which `banzu erlang` does not need.
    const [{ ConfigError }, { DataDirBusyError }] = await Promise.all([import('../config/index'), import('../bootstrap/data-dir-lock')]);
    if (err instanceof ConfigError) {
      console.error(`banzu ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof DataDirBusyError) {
      console.error(`banzu ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
