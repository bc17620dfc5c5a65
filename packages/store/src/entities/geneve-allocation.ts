import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `ml2_geneve_allocations`: one row per geneve vni of the configured ranges, plus provider extras. */
@Entity({ name: 'ml2_geneve_allocations' })
@Index('ix_ml2_geneve_allocations_allocated', ['allocated'])
export class GeneveAllocation {
  @PrimaryColumn({ name: 'geneve_vni', type: 'integer' })
  id!: number;

  @Column({ type: 'boolean' })
  allocated!: boolean;
}
