import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** The machine figures came from; printed above the table and stored in the results file. */
export interface MachineDescription {
  cpuModel: string;
  /** Logical cores the process may use. */
  cores: number;
  memoryBytes: number;
  nodeVersion: string;
  /** e.g. `linux 6.8.0`. */
  os: string;
}

/** Describes this machine. Reads only process-local information; does not block. */
export function describeMachine(): MachineDescription {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() || 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    nodeVersion: process.version,
    os: `${platform()} ${release()}`,
  };
}

/** One line, e.g. `AMD EPYC, 2 cores, 23.5 GiB, node v20.20.2, linux 6.8.0`. */
export function formatMachine(machine: MachineDescription): string {
  const gibibytes = (machine.memoryBytes / 2 ** 30).toFixed(1);
  return `${machine.cpuModel}, ${machine.cores} cores, ${gibibytes} GiB, node ${machine.nodeVersion}, ${machine.os}`;
}
