/**
 * The invariants every committed state of an ml2ts database keeps, checked on a
 * `dumpDatabase` result (entities keyed by table name, TypeORM property names). Pure: returns
 * one sentence per violation, `[]` when all hold.
 */
export function databaseInvariantViolations(dump: Record<string, unknown[]>): string[] {
  const violations: string[] = [];
  const ports = rows<{ id: string; networkId: string; fixedIps: string }>(dump, 'ports');
  const bindings = rows<{ portId: string; host: string; status: string }>(
    dump,
    'ml2_port_bindings',
  );
  const levels = rows<{ portId: string; host: string; level: number; segmentId: string | null }>(
    dump,
    'ml2_port_binding_levels',
  );
  const segments = rows<{
    id: string;
    networkId: string;
    networkType: string;
    physicalNetwork: string | null;
    segmentationId: number | null;
    isDynamic: boolean;
  }>(dump, 'networksegments');

  // Exactly one ACTIVE binding per port (so at most one).
  const active = new Map<string, number>();
  for (const binding of bindings) {
    if (binding.status === 'ACTIVE') {
      active.set(binding.portId, (active.get(binding.portId) ?? 0) + 1);
    }
  }
  for (const port of ports) {
    const count = active.get(port.id) ?? 0;
    if (count !== 1) violations.push(`port ${port.id} has ${count} ACTIVE bindings`);
  }

  // Levels only for a port with a binding on that host.
  const bound = new Set(bindings.map((binding) => `${binding.portId} ${binding.host}`));
  for (const level of levels) {
    if (!bound.has(`${level.portId} ${level.host}`)) {
      violations.push(
        `binding level ${level.level} of port ${level.portId} on host '${level.host}' has no ` +
          'binding on that host',
      );
    }
  }

  // No orphan dynamic segment.
  const used = new Set(levels.map((level) => level.segmentId));
  for (const segment of segments) {
    if (segment.isDynamic && !used.has(segment.id)) {
      violations.push(`dynamic segment ${segment.id} has no binding level pointing at it`);
    }
  }

  // No segmentation id (or flat physical network) held by two networks.
  const holders = new Map<string, Set<string>>();
  for (const segment of segments) {
    if (segment.segmentationId === null && segment.networkType !== 'flat') continue;
    const key = `${segment.networkType}/${segment.physicalNetwork ?? ''}/${segment.segmentationId ?? ''}`;
    const networks = holders.get(key) ?? new Set<string>();
    networks.add(segment.networkId);
    holders.set(key, networks);
  }
  for (const [key, networks] of holders) {
    if (networks.size > 1)
      violations.push(`${key} is held by networks ${[...networks].join(', ')}`);
  }

  // No fixed IP twice on a network.
  const addresses = new Map<string, string>();
  for (const port of ports) {
    const fixedIps = JSON.parse(port.fixedIps) as Array<{ ip_address: string }>;
    for (const { ip_address: address } of fixedIps) {
      const key = `${port.networkId} ${address}`;
      const holder = addresses.get(key);
      if (holder !== undefined) {
        violations.push(
          `address ${address} is on ports ${holder} and ${port.id} of network ${port.networkId}`,
        );
      }
      addresses.set(key, port.id);
    }
  }
  // No tag outlives its resource.
  const existing: Record<string, Set<string>> = {
    networks: new Set(rows<{ id: string }>(dump, 'networks').map((row) => row.id)),
    subnets: new Set(rows<{ id: string }>(dump, 'subnets').map((row) => row.id)),
    ports: new Set(ports.map((port) => port.id)),
  };
  const tags = rows<{ resourceType: string; resourceId: string; tag: string }>(dump, 'tags');
  for (const tag of tags) {
    if (!existing[tag.resourceType]?.has(tag.resourceId)) {
      violations.push(`tag '${tag.tag}' belongs to ${tag.resourceType} ${tag.resourceId}, gone`);
    }
  }
  return violations;
}

function rows<T>(dump: Record<string, unknown[]>, table: string): T[] {
  const found = dump[table];
  if (!found) throw new Error(`the dump has no table ${table}`);
  return found as T[];
}
