import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * `agents`: at most one agent of a type per host. Liveness is not stored: it is computed from
 * `heartbeat_timestamp` on the server clock at read time.
 */
@Entity({ name: 'agents' })
@Unique('uniq_agents0agent_type0host', ['agentType', 'host'])
@Index('ix_agents_host', ['host'])
export class Agent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'agent_type', type: 'varchar', length: 255 })
  agentType!: string;

  @Column({ type: 'varchar', length: 255 })
  binary!: string;

  @Column({ type: 'varchar', length: 255 })
  topic!: string;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ name: 'availability_zone', type: 'varchar', length: 255, nullable: true })
  availabilityZone!: string | null;

  /** Set from `enable_new_agents` at creation, afterwards only by an administrator. */
  @Column({ name: 'admin_state_up', type: 'boolean', default: true })
  adminStateUp!: boolean;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  /** UTC to the ms: SQLite `datetime`, PostgreSQL `timestamp`, MySQL `datetime(3)`. */
  @Column({ name: 'heartbeat_timestamp', type: Date })
  heartbeatTimestamp!: Date;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  /** Serialized JSON object, at most 4095 characters. */
  @Column({ type: 'varchar', length: 4095, default: '{}' })
  configurations!: string;

  /** Serialized JSON, sent with the first report only. */
  @Column({ name: 'resource_versions', type: 'varchar', length: 8191, nullable: true })
  resourceVersions!: string | null;

  @Column({ type: 'integer', default: 0 })
  load!: number;
}
