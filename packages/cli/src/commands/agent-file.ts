import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../usage-error';

/** The largest `--config` or `--devices` file `ml2ts agent` reads, in bytes (16 MiB). */
export const MAX_AGENT_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads and parses the JSON file `file` given with `option` (`--config`, `--devices`). Blocks
 * while the file is read. Throws `UsageError` naming the file when it cannot be read, is larger
 * than `MAX_AGENT_FILE_BYTES` or is not JSON; `holds` says what it should hold.
 */
export function readAgentJsonFile(file: string, option: string, holds: string): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_AGENT_FILE_BYTES) {
      throw new UsageError(
        `${option} ${file} is ${size} bytes, more than the ${MAX_AGENT_FILE_BYTES} it may hold: ` +
          'is it the right file?',
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${option} ${file} cannot be read (${messageOf(error)}): give the path of a JSON file ` +
        `holding ${holds}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${option} ${file} is not JSON (${messageOf(error)}): it must hold ${holds}`,
    );
  }
}

/** True for a JSON object (not a list, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value, for messages: `a list`, `an object`, or the value. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isJsonObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The message of a thrown value; errors from another realm count as errors too. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
