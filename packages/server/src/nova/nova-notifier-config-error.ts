/**
 * A Nova notifier setting that cannot work: a `url` that is not an absolute http(s) URL, or a
 * negative or non-finite interval, timeout or retry setting. Thrown by the constructors, before
 * anything is attached or sent; the message names the setting.
 */
export class NovaNotifierConfigError extends Error {
  /** The setting at fault (`url`, `sendEventsInterval`, ...). */
  readonly setting: string;

  constructor(setting: string, problem: string) {
    super(`Nova notifier ${setting}: ${problem}`);
    this.name = 'NovaNotifierConfigError';
    this.setting = setting;
  }
}
