import { ConfigurationError, type Ml2Configuration } from '@ml2ts/driver-api';

/**
 * Typed reads from one plugin-owned configuration section (`config.pluginSections[name]`), with
 * defaults for options that are absent. Every read is pure and never blocks; a value of the
 * wrong type throws `ConfigurationError` naming `<section>.<option>`, so a driver that reads its
 * options in its constructor or `initialize` aborts start-up with a clear message.
 */
export class PluginSection {
  private readonly values: Readonly<Record<string, unknown>>;

  /** `name` is the section name, e.g. `ovs_driver`. A missing section reads as empty. */
  constructor(
    config: Ml2Configuration,
    readonly name: string,
  ) {
    this.values = config.pluginSections[name] ?? {};
  }

  /** The dotted option name used in error messages, e.g. `ovs_driver.vnic_type_prohibit_list`. */
  optionName(option: string): string {
    return `${this.name}.${option}`;
  }

  /** A list of strings; `defaultValue` when absent or null. */
  stringList(option: string, defaultValue: readonly string[]): readonly string[] {
    const value = this.values[option];
    if (value === undefined || value === null) return defaultValue;
    if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
      throw new ConfigurationError(this.optionName(option), value, 'expected a list of strings');
    }
    return value;
  }

  /** Fails when the section holds an option that is not in `known` (a likely typo). */
  rejectUnknownOptions(known: readonly string[]): void {
    for (const option of Object.keys(this.values)) {
      if (!known.includes(option)) {
        throw new ConfigurationError(
          this.optionName(option),
          this.values[option],
          `unknown option; section ${this.name} has: ${known.join(', ')}`,
        );
      }
    }
  }
}
