import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `ml2_gre_allocations`: one row per gre id of the configured ranges, plus provider extras. */
@Entity({ name: 'ml2_gre_allocations' })
@Index('ix_ml2_gre_allocations_allocated', ['allocated'])
export class GreAllocation {
  @PrimaryColumn({ name: 'gre_id', type: 'integer' })
  id!: number;

  @Column({ type: 'boolean' })
  allocated!: boolean;
}
