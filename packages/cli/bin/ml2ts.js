#!/usr/bin/env node
// The installed `ml2ts` command. It is a plain file that exists before the build, so npm can
// link it at install time; the command itself is compiled to dist/ by `npm install`'s build.
require('../dist/main.js');
