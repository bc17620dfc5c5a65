import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One message as it crossed the bus between Neutron's agent and server, as recorded. */
export interface NeutronSample {
  /** The body, with `oslo.message` already parsed from its JSON string. */
  readonly body: { 'oslo.version': string; 'oslo.message': Record<string, unknown> };
  readonly exchange: string;
  readonly routing_keys: string[];
  readonly properties: Record<string, unknown>;
  readonly reply?: {
    readonly body: { 'oslo.version': string; 'oslo.message': Record<string, unknown> };
    readonly exchange: string;
    readonly routing_keys: string[];
    readonly properties: Record<string, unknown>;
  };
}

/**
 * The recorded samples in `directory`, for tests that compare ml2ts's messages with Neutron's:
 * `available` false (and `reason` one line saying why) when the directory is missing, so that
 * those tests can skip.
 */
export function neutronSamples(directory: string): {
  readonly available: boolean;
  readonly reason: string;
  load(name: string): NeutronSample;
} {
  const available = existsSync(directory);
  return {
    available,
    reason: available
      ? ''
      : `Neutron wire samples not found at ${directory}: the comparisons with recorded messages are skipped`,
    load: (name) =>
      JSON.parse(readFileSync(join(directory, `${name}.json`), 'utf8')) as NeutronSample,
  };
}

/** The body of a sample as it was on the wire: `oslo.message` back to a JSON string. */
export function wireBodyOf(body: NeutronSample['body']): string {
  return JSON.stringify({ ...body, 'oslo.message': JSON.stringify(body['oslo.message']) });
}
