import 'reflect-metadata';
import {
  type AgentView,
  AgentType,
  type Clock,
  DI,
  type Logger,
  type MechanismDriver,
  type PortContext,
  VifType,
} from '@ml2ts/driver-api';
import { ContainerModule } from 'inversify';
import { SimpleAgentMechanismDriverBase } from '@ml2ts/driver-base';
import { type ConfigurationOverrides } from '../config';
import { createEngine, type Engine } from '../engine/create-engine';
import { freshTestDatabaseUrl } from './test-database';
import { type AgentStateReport } from '@ml2ts/agent-rpc';
import { type IdGenerator, type RandomSource } from '@ml2ts/driver-api';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current += seconds * 1000;
  }
}

/** Deterministic ids and MACs: `00000000-0000-4000-8000-000000000001`, `fa:16:3e:00:00:01`, ... */
export function sequentialIds(): IdGenerator {
  let uuid = 0;
  let mac = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++uuid).toString(16).padStart(12, '0')}`,
    macAddress: () => {
      const value = (++mac).toString(16).padStart(6, '0');
      return `fa:16:3e:${value.slice(0, 2)}:${value.slice(2, 4)}:${value.slice(4, 6)}`;
    },
  };
}

/** An agent driver for engine tests: binds through `Open vSwitch agent`s with bridge mappings. */
export class TestAgentDriver extends SimpleAgentMechanismDriverBase {
  constructor(name = 'testovs', agentType: string = AgentType.OVS) {
    super({ name, agentType, vifType: VifType.OVS, vifDetails: { port_filter: true } });
  }
  protected getMappings(agent: AgentView): Readonly<Record<string, unknown>> {
    return agent.configurations.bridge_mappings ?? {};
  }
}

/** Wraps a driver object into a ContainerModule. */
export function moduleOf(driver: MechanismDriver): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DI.MECHANISM_DRIVER).toConstantValue(driver);
  });
}

/** A driver built from a bind function (and optional hooks). */
export function scriptedDriver(
  name: string,
  bind: (context: PortContext) => void | Promise<void>,
  hooks: Partial<MechanismDriver> = {},
): MechanismDriver & { bindCalls: number } {
  const driver = {
    name,
    connectivity: 'l2' as const,
    bindCalls: 0,
    ...hooks,
    async bindPort(context: PortContext) {
      driver.bindCalls += 1;
      await bind(context);
    },
  };
  return driver;
}

export interface TestEngine extends Engine {
  clock: ManualClock;
}

/**
 * An engine on an in-memory database (or, with `ML2TS_TEST_DATABASE`, an emptied database of
 * that kind: see `freshTestDatabaseUrl`) with the given drivers (by name, in order) and
 * overrides. Defaults: one tenant VXLAN VNI range 1001:1003, VLAN physnet1:100:199, a silent
 * logger unless `options.logger` is given, a random source always answering 0 (the first free
 * VNI, VLAN or address) unless `options.random` is given.
 */
export async function startTestEngine(
  drivers: readonly MechanismDriver[],
  overrides: ConfigurationOverrides = {},
  options: { logger?: Logger; random?: RandomSource } = {},
): Promise<TestEngine> {
  const clock = new ManualClock();
  const engine = await createEngine({
    database: (await freshTestDatabaseUrl()) ?? ':memory:',
    clock,
    logger: options.logger,
    ids: sequentialIds(),
    random: options.random ?? { nextInt: () => 0 },
    sleep: async () => undefined,
    overrides: {
      ml2: {
        mechanism_drivers: drivers.map((driver) => driver.name),
        tenant_network_types: ['vxlan'],
      },
      ml2_type_vxlan: { vni_ranges: ['1001:1003'] },
      ml2_type_vlan: { network_vlan_ranges: ['physnet1:100:199'] },
      ...overrides,
    },
    driverModules: Object.fromEntries(drivers.map((driver) => [driver.name, moduleOf(driver)])),
  });
  // The start-up scan for interrupted bindings finds nothing in a fresh database; waiting for it
  // keeps it from reading a test's ports mid-update (where it would bind them in the background).
  await engine.interruptedBindings;
  return Object.assign(engine, { clock });
}

/** An OVS agent report on `host` (tunnel vxlan, physnet1 mapped). */
export function ovsReport(
  host: string,
  configurations: Record<string, unknown> = {},
): AgentStateReport {
  return {
    agent_type: AgentType.OVS,
    binary: 'neutron-openvswitch-agent',
    host,
    topic: 'N/A',
    start_flag: true,
    configurations: {
      bridge_mappings: { physnet1: 'br-eth1' },
      tunnel_types: ['vxlan'],
      ...configurations,
    },
  };
}

/**
 * Every row of every table, for "nothing changed" checks: each entity's rows in primary-key
 * order, read through TypeORM so that it works on every database the store supports.
 */
export async function dumpDatabase(engine: Engine): Promise<Record<string, unknown[]>> {
  return engine.store.read(async (manager) => {
    const dump: Record<string, unknown[]> = {};
    const tables = [...manager.connection.entityMetadatas].sort((a, b) =>
      a.tableName.localeCompare(b.tableName),
    );
    for (const metadata of tables) {
      const order = Object.fromEntries(
        metadata.primaryColumns.map((column) => [column.propertyName, 'ASC' as const]),
      );
      dump[metadata.tableName] = await manager.find(metadata.target, { order });
    }
    return dump;
  });
}
