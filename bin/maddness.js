#!/usr/bin/env node
// Entry point of the `maddness` command; the CLI itself is compiled to dist/cli/.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
