import { Entity, PrimaryColumn } from 'typeorm';

/** `ml2_flat_allocations`: a row exists while a flat network uses the physical network. */
@Entity({ name: 'ml2_flat_allocations' })
export class FlatAllocation {
  @PrimaryColumn({ name: 'physical_network', type: 'varchar', length: 64 })
  physicalNetwork!: string;
}
