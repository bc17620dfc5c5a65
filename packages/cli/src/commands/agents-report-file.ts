import { readFileSync, statSync } from 'node:fs';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { AgentsReportError } from './agents-report-error';

/** The largest FILE `ml2ts agents report` reads, in bytes (16 MiB). */
export const MAX_AGENT_REPORT_FILE_BYTES = 16 * 1024 * 1024;

/** The fields every agent state must have, as non-empty strings. */
const REQUIRED_FIELDS = ['agent_type', 'binary', 'host', 'topic'] as const;

/**
 * Reads the agent states of `ml2ts agents report`: a JSON list of `agent_state` objects as an
 * agent's `report_state` call carries them (`agent_type`, `binary`, `host`, `topic`,
 * `configurations`, `start_flag`, ...), or an object whose `agents` key holds that list. Each
 * entry is checked for what every report needs (an object with non-empty string `agent_type`,
 * `binary`, `host` and `topic`); the engine checks the rest when the report is sent.
 *
 * Blocks while the file is read. Throws `AgentsReportError` naming the file (and the entry) when
 * it cannot be read, is larger than `MAX_AGENT_REPORT_FILE_BYTES`, is not JSON, holds no list of
 * agents, or an entry lacks a required field.
 */
export function readAgentReportFile(file: string): AgentStateReport[] {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_AGENT_REPORT_FILE_BYTES) {
      throw new AgentsReportError(
        file,
        undefined,
        `is ${size} bytes, more than the ${MAX_AGENT_REPORT_FILE_BYTES} an agent file may hold: ` +
          'is it the right file?',
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AgentsReportError) throw error;
    throw new AgentsReportError(
      file,
      undefined,
      `cannot be read (${messageOf(error)}): give the path of a JSON file listing agent states`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AgentsReportError(
      file,
      undefined,
      `is not JSON (${messageOf(error)}): it must hold a list of agent states, ` +
        '[{"agent_type": ..., "binary": ..., "host": ..., "topic": ...}, ...]',
      { cause: error },
    );
  }
  const list = isObject(parsed) && Array.isArray(parsed.agents) ? parsed.agents : parsed;
  if (!Array.isArray(list)) {
    throw new AgentsReportError(
      file,
      undefined,
      'must hold a JSON list of agent states (or an object whose "agents" key holds one), ' +
        `not ${describe(parsed)}`,
    );
  }
  if (list.length === 0) {
    throw new AgentsReportError(file, undefined, 'lists no agent: add at least one agent state');
  }
  return list.map((entry: unknown, index) => checkEntry(file, index + 1, entry));
}

/** `entry` when it is an object with the required string fields. */
function checkEntry(file: string, number: number, entry: unknown): AgentStateReport {
  if (!isObject(entry)) {
    throw new AgentsReportError(
      file,
      number,
      `must be an agent state object ({"agent_type": ..., "host": ...}), not ${describe(entry)}`,
    );
  }
  for (const field of REQUIRED_FIELDS) {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AgentsReportError(
        file,
        number,
        `needs "${field}" as a non-empty string (got ${describe(value)}); every agent state has ` +
          `${REQUIRED_FIELDS.join(', ')}`,
      );
    }
  }
  return entry as unknown as AgentStateReport;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value, for messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The message of a thrown value; errors from another realm count as errors too. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
