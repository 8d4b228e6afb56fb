import type { PolicyRule } from './policy-rule';

/** A named group of rules, attached as one (cdk-nag's NagPack): each API folder has one, and users make their own. */
export interface PolicyPack {
  /** Unique among the packs of an evaluation, e.g. `tencent-image-shares`; findings name the pack of their rule. */
  readonly id: string;
  /** Its rules, in the order they run. */
  readonly rules: readonly PolicyRule[];
}
