#!/usr/bin/env node
// The `ml2ts` executable. reflect-metadata must be loaded before anything that uses decorators.
import 'reflect-metadata';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
