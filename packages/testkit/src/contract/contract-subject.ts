import { type MechanismDriver, type Ml2Configuration } from '@ml2ts/driver-api';
import { makeConfiguration } from '../fixtures/make-configuration';
import { bindPortDeadlineMs, precommitDeadlineMs } from './contract-deadline';
import { bindTurn, type Turn, type TurnSetup } from './contract-turn';
import { contractHost } from './contract-fixtures';
import { ContractViolation } from './contract-violation';
import { declaredCapabilities } from './declared-capabilities';
import { type DriverCapabilities } from '@ml2ts/driver-api';
import { type MechanismDriverContractOptions } from './mechanism-driver-contract-options';

/**
 * The driver under test as the checks use it: fresh, initialized drivers built from the suite's
 * configuration, and single binding turns on fake contexts.
 */
export class ContractSubject {
  constructor(readonly options: MechanismDriverContractOptions) {}

  /** The driver's declaration. */
  get capabilities(): DriverCapabilities {
    return declaredCapabilities(this.options);
  }

  /** Neutron's defaults with the suite's `configuration` option applied; a new object each call. */
  configuration(): Ml2Configuration {
    return makeConfiguration(this.options.configuration);
  }

  /**
   * A new driver from the factory, initialized as the engine would. Throws a
   * `ContractViolation` when the factory or `initialize` throws.
   */
  async newDriver(): Promise<MechanismDriver> {
    let driver: MechanismDriver;
    try {
      driver = await this.options.createDriver(this.configuration());
    } catch (error) {
      throw new ContractViolation(`createDriver threw: ${messageOf(error)}`);
    }
    try {
      await driver.initialize?.();
    } catch (error) {
      throw new ContractViolation(
        `initialize threw with the suite's configuration: ${messageOf(error)}`,
      );
    }
    return driver;
  }

  /** The deadline of one `bindPort` call, in milliseconds (see `bindPortDeadlineMs`). */
  get bindPortDeadlineMs(): number {
    return bindPortDeadlineMs(this.configuration());
  }

  /** The deadline of one pre-commit hook call, in milliseconds (see `precommitDeadlineMs`). */
  get precommitDeadlineMs(): number {
    return precommitDeadlineMs(this.configuration());
  }

  /**
   * One `bindPort` turn on `driver` (default a new one) under `bindPortDeadlineMs`; see
   * `bindTurn`. A setup without a host binds on `contractHost` (the first declared host, else
   * `host1`).
   */
  async bind(setup: TurnSetup, driver?: MechanismDriver): Promise<Turn> {
    const capabilities = this.capabilities;
    const onHost =
      setup.host === undefined ? { ...setup, host: contractHost(capabilities) } : setup;
    return bindTurn(
      driver ?? (await this.newDriver()),
      capabilities,
      onHost,
      this.bindPortDeadlineMs,
    );
  }
}

/** The message of a thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
