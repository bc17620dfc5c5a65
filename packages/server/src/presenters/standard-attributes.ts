import { neutronTime } from './neutron-time';

/**
 * What every resource with Neutron's standard attributes shows: `description`, `tags`,
 * `created_at`, `updated_at`, `revision_number`.
 */
export interface StandardAttributesBody {
  description: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  revision_number: number;
}

/** The standard attributes as the engine's resources carry them (any of them may be absent). */
export interface StoredStandardAttributes {
  description?: string | null;
  tags?: readonly string[];
  created_at?: string | Date;
  updated_at?: string | Date;
  revision_number?: number;
}

/**
 * The standard attributes of `resource` in the API's form; `defaultDescription` stands in for
 * an absent description (`''` for networks, subnets and ports, null for segments), `fallbackTime`
 * for absent times.
 */
export function presentStandardAttributes(
  resource: StoredStandardAttributes,
  defaultDescription: string | null,
  fallbackTime: Date,
): StandardAttributesBody {
  const createdAt = resource.created_at ?? fallbackTime;
  return {
    created_at: neutronTime(createdAt),
    description: resource.description === undefined ? defaultDescription : resource.description,
    revision_number: resource.revision_number ?? 0,
    tags: [...(resource.tags ?? [])].sort(),
    updated_at: neutronTime(resource.updated_at ?? createdAt),
  };
}
