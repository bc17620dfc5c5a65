export { BindingFailedError } from './binding-failed-error';
export { ComputeHostNotFoundError } from './compute-host-not-found-error';
export { UnsupportedVifError } from './unsupported-vif-error';
export { VifPlugError } from './vif-plug-error';
export { VifPlugTimeoutError } from './vif-plug-timeout-error';
