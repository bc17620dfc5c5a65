import { Entity, PrimaryColumn } from 'typeorm';

/**
 * `tags`: one row per tag of a network, subnet or port. `resource_type` is the collection the
 * resource belongs to (`networks`, `subnets`, `ports`); the rows have no foreign key (one table
 * serves three), so the engine deletes a resource's tags with the resource. The primary key
 * keeps a tag at most once per resource, and its first two columns serve every lookup.
 */
@Entity({ name: 'tags' })
export class Tag {
  @PrimaryColumn({ name: 'resource_type', type: 'varchar', length: 16 })
  resourceType!: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  /** At most 255 characters, compared exactly (case-sensitively on every database). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  tag!: string;
}
