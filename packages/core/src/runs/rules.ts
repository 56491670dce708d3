import { InvalidTransitionError, invalid, type ValidationError } from '../errors';
import { RUN_RULES } from './rule-table';

export { RUN_RULES } from './rule-table';

export type RunRule = keyof typeof RUN_RULES;

/** A refused transition naming the action and the run's status. */
export function refused(action: string, status: string, rule: RunRule, detail?: string): InvalidTransitionError {
  return new InvalidTransitionError(action, status, rule, detail ? `${RUN_RULES[rule]}: ${detail}` : RUN_RULES[rule]);
}

/** A bad input field naming a run rule. */
export function badInput(field: string, rule: RunRule, detail?: string): ValidationError {
  return invalid(field, rule, detail ? `${RUN_RULES[rule]}: ${detail}` : RUN_RULES[rule]);
}
