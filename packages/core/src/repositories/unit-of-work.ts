import { type Store } from '@ml2ts/store';
import { type EntityManager } from 'typeorm';
import { type AgentRepository } from './agent-repository';
import { agentRepositoryFor } from './agent-repository-for';
import { type AllocationRepository } from './allocation-repository';
import { EntityAllocationRepository } from './entity-allocation-repository';
import { type NetworkRepository } from './network-repository';
import { networkRepositoryFor } from './network-repository-for';
import { type PortRepository } from './port-repository';
import { portRepositoryFor } from './port-repository-for';
import { EntityRevisionRepository } from './entity-revision-repository';
import { EntitySubnetRepository } from './entity-subnet-repository';
import { EntityTagRepository } from './entity-tag-repository';
import { type RevisionRepository } from './revision-repository';
import { type SecurityGroupRepository } from './security-group-repository';
import { securityGroupRepositoryFor } from './security-group-repository-for';
import { type SubnetRepository } from './subnet-repository';
import { type TagRepository } from './tag-repository';
import { EntityTunnelEndpointRepository } from './entity-tunnel-endpoint-repository';
import { type TunnelEndpointRepository } from './tunnel-endpoint-repository';

/**
 * The repositories of one unit of work (one transaction, or one read), all on its connection.
 * Valid only while the unit runs: keep none of them past the callback it was handed to.
 */
export interface UnitOfWork {
  /** Ports with their bindings, levels, fixed IPs, binding traces and provisioning blocks. */
  readonly ports: PortRepository;
  /** Networks and their segments. */
  readonly networks: NetworkRepository;
  /** Subnets. */
  readonly subnets: SubnetRepository;
  /** Agents. */
  readonly agents: AgentRepository;
  /** Segmentation-id and flat allocations. */
  readonly allocations: AllocationRepository;
  /** Tags of networks, subnets, ports and security groups. */
  readonly tags: TagRepository;
  /** Security groups, their rules, projects' default groups and ports' membership. */
  readonly securityGroups: SecurityGroupRepository;
  /** Revision moves of resources whose row an operation does not otherwise write. */
  readonly revisions: RevisionRepository;
  /** Tunnel endpoints agents announced (`tunnel_sync`), per tunnel type. */
  readonly tunnelEndpoints: TunnelEndpointRepository;
}

/**
 * The engine's only way to storage: units of work over repositories. Everything the store
 * promises holds (see `Store`): a transaction commits everything or nothing, transient database
 * errors re-run `work` from the start (so it must do nothing it could not repeat), an error that
 * survives the retries is a typed `DatabaseBusyError` (503) or `DatabaseError` (500), and a unit
 * opened inside another throws `NestedUnitOfWorkError`.
 */
export interface Repositories {
  /** Runs `work` in one write transaction. */
  transaction<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T>;
  /** Runs `work` for reads only; it must not write. */
  read<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T>;
}

/**
 * The repositories for the unit of work running on `manager`: prepared statements on SQLite
 * where the engine's hot paths need them, TypeORM's entity manager everywhere else. Cheap (a
 * few small objects).
 */
export function unitOfWorkFor(manager: EntityManager): UnitOfWork {
  return {
    ports: portRepositoryFor(manager),
    networks: networkRepositoryFor(manager),
    subnets: new EntitySubnetRepository(manager),
    agents: agentRepositoryFor(manager),
    allocations: new EntityAllocationRepository(manager),
    tags: new EntityTagRepository(manager),
    securityGroups: securityGroupRepositoryFor(manager),
    revisions: new EntityRevisionRepository(manager),
    tunnelEndpoints: new EntityTunnelEndpointRepository(manager),
  };
}

/** `Repositories` over an open store. */
export function repositoriesOver(store: Store): Repositories {
  return {
    transaction: (work) => store.transaction((manager) => work(unitOfWorkFor(manager))),
    read: (work) => store.read((manager) => work(unitOfWorkFor(manager))),
  };
}
