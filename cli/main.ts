/**
 * The `maddness` command. This folder is the only code that prints: one line per error on
 * stderr, exit 0 on success, 2 on a usage error, 1 on any other error.
 */
import { readFileSync } from 'node:fs';
import { MaddnessError } from '../src/core/errors.js';
import { benchCommand, benchUsage } from './commands/bench.js';
import { demoCommand, demoUsage } from './commands/demo.js';
import { fitCommand, fitUsage } from './commands/fit.js';
import { infoCommand, infoUsage } from './commands/info.js';
import { methodsCommand, methodsUsage } from './commands/methods.js';
import { multiplyCommand, multiplyUsage } from './commands/multiply.js';
import { observeCommand, observeUsage } from './commands/observe.js';
import { reportCommand, reportUsage } from './commands/report.js';
import { UsageError } from './usage.js';

/** A command prints through `print` only; it may finish asynchronously (bench, report). */
type Command = (args: string[], print: (line: string) => void) => void | Promise<void>;

const commands: Record<string, Command> = {
  fit: fitCommand,
  multiply: multiplyCommand,
  info: infoCommand,
  methods: methodsCommand,
  observe: observeCommand,
  demo: demoCommand,
  bench: benchCommand,
  report: reportCommand,
};

function version(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const usage = [
  'usage:',
  `  ${fitUsage}`,
  `  ${multiplyUsage}`,
  `  ${infoUsage}`,
  `  ${methodsUsage}`,
  `  ${observeUsage}`,
  `  ${demoUsage}`,
  `  ${benchUsage}`,
  `  ${reportUsage}`,
  '  maddness --version | --help',
  'options common to all: --verbose (print the stack of an error)',
].join('\n');

/** The message on one line: a path holding a newline must not split the error in two. */
function oneLine(message: string): string {
  return message.replace(/\r?\n/g, '\\n');
}

/** Runs the command line `args` and returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const print = (line: string): void => {
    process.stdout.write(line + '\n');
  };
  const [name, ...rest] = args;
  if (name === undefined) {
    process.stderr.write('maddness: usage error: no command given (see maddness --help)\n');
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help' || rest.includes('--help')) {
    print(usage);
    return 0;
  }
  if (name === '--version') {
    print(version());
    return 0;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`maddness: usage error: unknown command ${JSON.stringify(name)} ` +
      '(see maddness --help)\n');
    return 2;
  }
  try {
    await command(rest, print);
    return 0;
  } catch (error) {
    const verbose = rest.includes('--verbose');
    if (error instanceof UsageError) {
      process.stderr.write(
        `maddness ${name}: usage error: ${oneLine(error.message)} (see maddness --help)\n`);
      return 2;
    }
    if (error instanceof MaddnessError) {
      process.stderr.write(`maddness ${name}: error ${error.code}: ${oneLine(error.message)}\n`);
    } else {
      process.stderr.write(`maddness ${name}: internal error: ${oneLine(String(error))}\n`);
    }
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return 1;
  }
}
