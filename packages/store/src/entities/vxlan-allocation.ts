import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `ml2_vxlan_allocations`: one row per vxlan vni of the configured ranges, plus provider extras. */
@Entity({ name: 'ml2_vxlan_allocations' })
@Index('ix_ml2_vxlan_allocations_allocated', ['allocated'])
export class VxlanAllocation {
  @PrimaryColumn({ name: 'vxlan_vni', type: 'integer' })
  id!: number;

  @Column({ type: 'boolean' })
  allocated!: boolean;
}
