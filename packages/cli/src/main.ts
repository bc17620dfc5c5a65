#!/usr/bin/env node
// The `ml2ts` executable. reflect-metadata must be loaded before anything that uses decorators.
import 'reflect-metadata';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

// A reader that stops early (`ml2ts simulate ... | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
