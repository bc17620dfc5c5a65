import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `ml2_vlan_allocations`: one row per VLAN of the configured ranges, plus provider extras. */
@Entity({ name: 'ml2_vlan_allocations' })
@Index('ix_ml2_vlan_allocations_physnet_allocated', ['physicalNetwork', 'allocated'])
export class VlanAllocation {
  @PrimaryColumn({ name: 'physical_network', type: 'varchar', length: 64 })
  physicalNetwork!: string;

  @PrimaryColumn({ name: 'vlan_id', type: 'integer' })
  vlanId!: number;

  @Column({ type: 'boolean' })
  allocated!: boolean;
}
