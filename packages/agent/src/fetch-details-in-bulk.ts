import { type Logger } from '@ml2ts/driver-api';
import {
  type AgentServerApi,
  type DeviceReference,
  type DevicesDetailsList,
} from '@ml2ts/agent-rpc';
import { type DetailsBatch, type LocalDevice, type RequestIdentity } from './device-handler';

/**
 * The classic agents' lookup (Linux bridge, SR-IOV): one `get_devices_details_list` call for all devices,
 * which may bind ports and moves them to `BUILD`. Answers are matched to devices by their
 * `device` string and, when several devices share it (SR-IOV VFs with one MAC address), by the
 * PCI slot in the port's profile. A failed call fails every device.
 */
export async function fetchDetailsInBulk(
  server: AgentServerApi,
  devices: readonly LocalDevice[],
  identity: RequestIdentity,
  reference: (device: LocalDevice) => DeviceReference,
  logger: Logger,
): Promise<DetailsBatch> {
  const batch: DetailsBatch = { details: new Map(), failed: new Set() };
  let answer: DevicesDetailsList;
  try {
    answer = await server.getDevicesDetailsList({
      devices: devices.map(reference),
      agent_id: identity.agentId,
      host: identity.host,
    });
  } catch (error) {
    logger.error('get_devices_details_list failed', { error: String(error) });
    for (const device of devices) batch.failed.add(device.key);
    return batch;
  }
  const failed = new Set(answer.failed_devices);
  for (const device of devices) {
    if (failed.has(device.device)) batch.failed.add(device.key);
  }
  for (const details of answer.devices) {
    const candidates = devices.filter(
      (device) =>
        device.device === details.device &&
        !batch.details.has(device.key) &&
        !batch.failed.has(device.key),
    );
    const slot = details.profile?.['pci_slot'];
    const match = candidates.find((device) => device.pciSlot === slot) ?? candidates[0];
    if (match) batch.details.set(match.key, details);
  }
  return batch;
}
