#!/usr/bin/env node
// Entry point of the `maddness` command; the CLI itself is compiled to dist/cli/.
import { main } from '../dist/cli/main.js';

// A closed or full stdout (a pipe that ended, /dev/full) is reported on one line, not as an
// unhandled stream error.
process.stdout.on('error', (error) => {
  process.stderr.write(`maddness: error WRITE_FAILED: cannot write to standard output: ` +
    `${error.code ?? error.message}\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
