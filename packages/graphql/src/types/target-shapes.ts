import type { Target, TargetProgress, WarningScheme } from '@mujun/core';

/** A target with the city it belongs to (progress reads that city's ledger). */
export interface TargetShape {
  readonly city: string;
  readonly target: Target;
  /** The 预警规则 of the target's set. */
  readonly warning: WarningScheme;
}

export interface ProgressShape {
  readonly city: string;
  readonly progress: TargetProgress;
  readonly warning: WarningScheme;
}
