/**
 * How deeply objects and arrays may nest in a configuration (a file, overrides or an object built
 * in code), counting the outermost object as level 1: sections are level 2, their options'
 * values level 3, and so on. In an `Ml2Configuration` object, `pluginSections` does not count
 * as a level, so a plugin section sits at level 2 as it does in a file. Deeper input is refused
 * before anything walks it recursively.
 */
export const MAX_CONFIGURATION_DEPTH = 32;

/** The largest configuration file ml2ts reads, in bytes (1 MiB); checked before parsing. */
export const MAX_CONFIGURATION_FILE_BYTES = 1024 * 1024;

/**
 * Keys that cannot name a section or an option, at any depth: in JavaScript they reach an
 * object's prototype rather than a value of its own, so a merge could drop what they hold or
 * change the prototype of the objects it builds. A dotted key is refused when any of its parts
 * is one of them.
 */
export const RESERVED_CONFIGURATION_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
];
