import { type BindingLevelView } from './binding-level';
import { type BindingProfile } from './port';
import { type Segment } from './segment';
import { type VifDetails } from './vif-details';

/** The binding a `PortContext` describes: its inputs and the vif the drivers set so far. */
export interface PortBindingState {
  readonly host: string;
  readonly vnicType: string;
  readonly profile: BindingProfile;
  vifType: string;
  vifDetails: Readonly<VifDetails>;
}

/**
 * The members every `PortContext` implementation reads off its binding state and its levels:
 * host, vnic type, profile, vif type and details, and the bound segments at both ends.
 * Implementations (the engine's context, the test kit's fake) extend it and provide `binding`
 * and `bindingLevels`. Every member is a plain read and never blocks.
 */
export abstract class PortContextBase {
  /** The binding this context describes. */
  abstract readonly binding: PortBindingState;
  /** Levels bound so far, top first. */
  abstract get bindingLevels(): readonly BindingLevelView[];

  /** The binding's host. */
  get host(): string {
    return this.binding.host;
  }
  /** The binding's vnic type. */
  get vnicType(): string {
    return this.binding.vnicType;
  }
  /** The binding's profile. */
  get profile(): BindingProfile {
    return this.binding.profile;
  }
  /** vif_type last set by a driver (`unbound` before). */
  get vifType(): string {
    return this.binding.vifType;
  }
  /** vif_details last set by a driver (`{}` before). */
  get vifDetails(): Readonly<VifDetails> {
    return this.binding.vifDetails;
  }
  /** Segment of the first level, or null when nothing is bound. */
  get topBoundSegment(): Segment | null {
    const levels = this.bindingLevels;
    return levels.length > 0 ? levels[0].segment : null;
  }
  /** Segment of the last level, or null when nothing is bound. */
  get bottomBoundSegment(): Segment | null {
    const levels = this.bindingLevels;
    return levels.length > 0 ? levels[levels.length - 1].segment : null;
  }
}
