import type { ErrorCode, RuleId } from './rules';

/**
 * Errors of @mujun/core. Every message starts with `[mujun]` and, where a
 * value came from outside, names the field and the rule it broke, so a
 * caller can show it to the person who typed the value.
 */

/** One broken rule at one place of an input. */
export interface FieldIssue {
  /** Dotted path of the offending value, e.g. `towns.3.code` or `uscc`. */
  readonly field: string;
  /** Machine name of the rule, e.g. `uscc.checkDigit` (see `RULES` in rules.ts). */
  readonly rule: RuleId;
  /** Sentence for a person. */
  readonly message: string;
}

/** The prefix of every message of every mujun package, declared once. */
export const ERROR_PREFIX = '[mujun]';

/** `message` with the prefix, added only if it is not there yet. */
export function prefixed(message: string): string {
  return message.startsWith(ERROR_PREFIX) ? message : `${ERROR_PREFIX} ${message}`;
}

/**
 * Base class of every mujun error, in every package (the gateway's
 * `NotAuthorisedError` and `VersionConflictError` too): code names the family
 * (`invalid-input`, `arithmetic`, ...; see `ERROR_CODES` in rules.ts).
 */
export class MujunError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(prefixed(message));
    this.name = 'MujunError';
    this.code = code;
  }
}

/** An input broke one or more rules; nothing was applied. */
export class ValidationError extends MujunError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    const first = issues[0];
    const head = first ? `${first.field}: ${first.message} (${first.rule})` : 'invalid input';
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
    super('invalid-input', `${head}${more}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Arithmetic that has no exact answer was asked for (division by zero, ...). */
export class ArithmeticError extends MujunError {
  constructor(message: string) {
    super('arithmetic', message);
    this.name = 'ArithmeticError';
  }
}

/**
 * A transition of an evaluation run that its current status does not allow
 * (publishing a final run, objecting outside the notice window, ...); nothing
 * was changed. `rule` names the rule (see `RUN_RULES` in runs/rules.ts).
 */
export class InvalidTransitionError extends MujunError {
  /** The run's status when the transition was refused. */
  readonly status: string;
  /** The transition asked for: `publish`, `fileObjection`, `resolveObjection`, `finalize`, `withdraw`, `correct`. */
  readonly action: string;
  readonly rule: RuleId;
  constructor(action: string, status: string, rule: RuleId, message: string) {
    super('invalid-transition', `${action}: ${message} (run is ${status}; ${rule})`);
    this.name = 'InvalidTransitionError';
    this.status = status;
    this.action = action;
    this.rule = rule;
  }
}

/** Shorthand for a single-issue validation error. */
export function invalid(field: string, rule: RuleId, message: string): ValidationError {
  return new ValidationError([{ field, rule, message }]);
}

/** Result type for parsers that collect errors instead of throwing. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };
