export { adoptConfiguration } from './adopt-configuration';
export {
  MAX_CONFIGURATION_DEPTH,
  MAX_CONFIGURATION_FILE_BYTES,
  RESERVED_CONFIGURATION_KEYS,
} from './configuration-limits';
export {
  loadConfiguration,
  type ConfigurationOverrides,
  type LoadConfigurationOptions,
} from './load-configuration';
export { isKnownSection, OPTION_KINDS, type KnownSection, type OptionKind } from './option-kinds';
export { parsePhysnetMtus } from './parse-physnet-mtus';
export { MAX_GRE_ID, MAX_VNI, parseTunnelRanges } from './parse-tunnel-ranges';
export { MAX_VLAN_TAG, MIN_VLAN_TAG, parseVlanRanges } from './parse-vlan-ranges';
export { MAX_DRIVER_TIMEOUT_SECONDS, validateConfiguration } from './validate-configuration';
