#!/usr/bin/env node
// Entry point of the `maddness` command; the CLI itself is compiled to dist/cli/.
import v8 from 'node:v8';

// Node 20 compiles relaxed SIMD (a one-instruction byte shuffle for the scan and the encoder)
// only with this flag, which must be set before the first module is compiled; newer runtimes
// ignore it. The kernels fall back to plain SIMD where it does not take.
v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const { main } = await import('../dist/cli/main.js');

// A closed or full stdout (a pipe that ended, /dev/full) is reported on one line, not as an
// unhandled stream error.
process.stdout.on('error', (error) => {
  process.stderr.write(`maddness: error WRITE_FAILED: cannot write to standard output: ` +
    `${error.code ?? error.message}\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
