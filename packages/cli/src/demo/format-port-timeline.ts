import { tapDeviceName } from '@ml2ts/agent';
import { type InstancePort } from '@ml2ts/compute';
import { type BindingLevelResource } from '@ml2ts/driver-api';
import { describePluggedVif } from './describe-plugged-vif';
import { describeWiring } from './describe-wiring';
import { type TimelineEntry } from './timeline-recorder';

/** Width of the step names column. */
const STEP_WIDTH = 15;

interface Step {
  atMs: number;
  step: string;
  detail: string;
}

/**
 * The timeline of one booted port, one line per step with its time since the allocation
 * started: created `DOWN`, bound (by which driver at which level, on which segment, with which
 * vif_type and details), plugged, seen by the agent, `BUILD` (classic agents), wired, reported
 * up, `ACTIVE`, and `network-vif-plugged` delivered. `entries` may hold other ports' events:
 * only this port's are used. Pure.
 */
export function formatPortTimeline(
  port: InstancePort,
  levels: readonly BindingLevelResource[],
  entries: readonly TimelineEntry[],
): string[] {
  const phase = (name: string) => port.phases.find((timing) => timing.phase === name);
  const steps: Step[] = [];
  const created = port.created;
  const ips = created.fixed_ips.map((ip) => ip.ip_address);
  steps.push({
    atMs: phase('create_port')?.endMs ?? 0,
    step: 'created',
    detail: `${created.status}, vif_type ${created['binding:vif_type']}, MAC ${created.mac_address}${ips.length > 0 ? `, IP ${ips.join(', ')}` : ''}`,
  });
  const bound = port.bound;
  steps.push({
    atMs: phase('bind_port')?.endMs ?? 0,
    step: 'bound',
    detail: `${describeLevels(levels)} → vif_type ${bound['binding:vif_type']}`,
  });
  const details = describeVifDetails(bound['binding:vif_details']);
  if (details) steps.push({ atMs: phase('bind_port')?.endMs ?? 0, step: '', detail: details });
  steps.push({
    atMs: phase('plug_vif')?.endMs ?? 0,
    step: 'plugged',
    detail: describePluggedVif(port.vif),
  });

  const devices = new Set([port.portId, tapDeviceName(port.portId), port.active.mac_address]);
  for (const entry of entries) {
    const atMs = entry.atMs - port.startedAtMs;
    if (atMs < 0) continue;
    if (entry.kind === 'status' && entry.portId === port.portId) {
      steps.push({ atMs, step: entry.to, detail: `${entry.from} → ${entry.to}` });
    } else if (entry.kind === 'vifPlugged' && entry.portId === port.portId) {
      steps.push({ atMs, step: 'vif-plugged', detail: 'delivered to the compute side' });
    } else if (entry.kind === 'agent') {
      const step = agentStep(entry, devices);
      if (step) steps.push({ atMs, ...step });
    }
  }
  const ordered = steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.atMs - b.step.atMs || a.index - b.index)
    .map(({ step }) => step);
  return ordered.map(
    (step) => `${formatOffset(step.atMs)}  ${step.step.padEnd(STEP_WIDTH)}${step.detail}`,
  );
}

function agentStep(
  entry: Extract<TimelineEntry, { kind: 'agent' }>,
  devices: ReadonlySet<string>,
): Omit<Step, 'atMs'> | null {
  const { event } = entry;
  switch (event.type) {
    case 'deviceSeen':
      return devices.has(event.device)
        ? {
            step: 'seen by agent',
            detail: `${entry.agentType} on ${entry.host} (${event.interfaceName})`,
          }
        : null;
    case 'deviceWired':
      return devices.has(event.device)
        ? { step: 'wired', detail: describeWiring(event.wiring) }
        : null;
    case 'devicesReported':
      return event.up.some((device) => devices.has(device))
        ? { step: 'reported up', detail: "the agent's update_device_list returned" }
        : null;
    default:
      return null;
  }
}

/** `level 0 openvswitch on vxlan 1000`, levels joined by `, then `. */
export function describeLevels(levels: readonly BindingLevelResource[]): string {
  if (levels.length === 0) return 'no binding level';
  return levels
    .map((level) => {
      const segment = level.segment;
      const where = segment
        ? ` on ${segment.network_type}${segment.segmentation_id !== null ? ` ${segment.segmentation_id}` : ''}${segment.physical_network ? ` (${segment.physical_network})` : ''}`
        : '';
      return `level ${level.level} ${level.driver}${where}`;
    })
    .join(', then ');
}

/** `key=value` pairs of the vif details, without the computed `bound_drivers`. */
function describeVifDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key]) => key !== 'bound_drivers')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/** `+   12.3 ms`. */
export function formatOffset(milliseconds: number): string {
  return `+${milliseconds.toFixed(1).padStart(7)} ms`;
}
