// The `precedent` command line: dispatch on a table of subcommands, one error line on failure.
//
// Exit codes: 0 success; 1 lint findings (reserved for `precedent lint`); 2 usage, I/O or internal error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../corpusLoader';
import { analyzeCommand } from './analyze';
import { describeOptions, parseArgs, UsageError } from './args';
import { CliError, type CliIO, type Command } from './context';
import { lintCommand } from '../lintCommand';
import { searchCommand } from './search';
import { statsCommand } from './stats';

export { CliError, type CliIO, type Command } from './context';
export { UsageError } from './args';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** The subcommands, in help order. Extension point: `registerCommand(lintCommand)` adds `lint`. */
export const COMMANDS = new Map<string, Command>();
export function registerCommand(command: Command): void {
  COMMANDS.set(command.name, command);
}
registerCommand(analyzeCommand);
registerCommand(searchCommand);
registerCommand(statsCommand);
registerCommand(lintCommand);

/** The version in the package.json of the running copy (found by walking up from this file). */
export function version(): string {
  const root = packageRoot();
  if (!root) return 'unknown';
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function mainHelp(): string {
  const names = [...COMMANDS.values()];
  const width = Math.max(...names.map((c) => c.name.length));
  return [
    'Précédent: drafting assistant for French international declarations.',
    '',
    'Usage: precedent COMMAND [options]',
    '',
    'Commands:',
    ...names.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command: precedent help analyze`,
    '',
    'Options:',
    '  -h, --help     Show help (after a command: that command\'s help)',
    '      --version  Show the version',
    '',
    'Exit codes: 0 success, 1 lint findings, 2 usage or input error.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary + '.',
    '',
    'Options:',
    describeOptions([...command.options, { name: 'help', short: 'h', kind: 'boolean', description: 'Show this help' }]),
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

/** Run the CLI with `argv` (without node and script). Never throws; returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let commandName: string | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      // No command is a usage error; the help goes where errors go.
      io.stderr(mainHelp());
      return EXIT_ERROR;
    }
    if (first === '--help' || first === '-h') {
      io.stdout(mainHelp());
      return EXIT_OK;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`precedent ${version()}\n`);
      return EXIT_OK;
    }
    if (first === 'help') {
      if (rest.length === 0) {
        io.stdout(mainHelp());
        return EXIT_OK;
      }
      const command = COMMANDS.get(rest[0]);
      if (!command) throw new UsageError(`no command named "${rest[0]}"`);
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first.split('=')[0]} (options go after the command)`);
    const command = COMMANDS.get(first);
    if (!command) throw new UsageError(`unknown command "${first}"`);
    commandName = command.name;
    if (rest.includes('--help') || rest.includes('-h')) {
      // `--` ends options: "precedent search -- --help" searches for "--help".
      const end = rest.indexOf('--');
      const help = rest.findIndex((a) => a === '--help' || a === '-h');
      if (end < 0 || help < end) {
        io.stdout(commandHelp(command));
        return EXIT_OK;
      }
    }
    return await command.run(parseArgs(rest, command.options, command.name), io);
  } catch (error) {
    return reportError(error, commandName, io);
  }
}

function reportError(error: unknown, commandName: string | undefined, io: CliIO): number {
  if (error instanceof UsageError) {
    const about = error.command ?? commandName;
    io.stderr(`precedent: ${error.message}\n`);
    io.stderr(about ? `Usage: ${COMMANDS.get(about)?.usage ?? `precedent ${about}`}\nTry 'precedent help ${about}'.\n` : `Try 'precedent --help'.\n`);
    return EXIT_ERROR;
  }
  if (error instanceof CliError) {
    io.stderr(`precedent: ${error.message}\n`);
    return EXIT_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`precedent: internal error: ${message.split('\n')[0]}\n`);
  if (io.env.PRECEDENT_DEBUG === '1' || io.env.PRECEDENT_DEBUG === 'true') {
    io.stderr(`${error instanceof Error && error.stack ? error.stack : message}\n`);
  } else {
    io.stderr('(set PRECEDENT_DEBUG=1 to see where)\n');
  }
  return EXIT_ERROR;
}

/** The real process: stdout/stderr of Node, its cwd and environment. */
export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}
