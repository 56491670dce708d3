import { RULE_TEXT, UI } from '../labels';

/** One refusal of a mutation's union result, as the workbench shows it. */
export interface Refusal {
  /** The input field it concerns (`input.noticeTo`), or undefined for the action as a whole. */
  readonly field: string | undefined;
  readonly rule: string;
  readonly message: string;
}

interface FieldErrorLike {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** A mutation's union result narrowed to what the forms read: the typename and the refusal types' fields. */
export interface ResultLike {
  readonly __typename?: string;
  readonly message?: string;
  readonly rule?: string;
  readonly fieldErrors?: readonly FieldErrorLike[];
}

/**
 * The refusals of a result (empty on success): a ValidationError's field
 * errors, or one refusal of the whole action (InvalidTransition, NotAuthorised).
 */
export function refusalsOf(result: ResultLike): Refusal[] {
  if (result.fieldErrors) return result.fieldErrors.map((e) => ({ field: e.field, rule: e.rule, message: e.message }));
  if (result.__typename === 'InvalidTransition' || result.__typename === 'NotAuthorised') {
    return [{ field: undefined, rule: result.rule ?? 'auth.denied', message: result.message ?? '' }];
  }
  return [];
}

/** The Chinese text of a refusal: the rule's text when the dashboard knows the rule, else the gateway's message. */
export function refusalText(r: Refusal): string {
  const known = RULE_TEXT[r.rule];
  return known ? `${known}（${r.rule}）` : `${UI.workbench.refused}${r.message}（${r.rule}）`;
}

/** The refusals that concern `field` (an input path, matched at its end), shown next to that field. */
export function FieldRefusals({ refusals, field }: { readonly refusals: readonly Refusal[]; readonly field: string }) {
  const mine = refusals.filter((r) => r.field === field || r.field?.endsWith(`.${field}`));
  if (mine.length === 0) return null;
  return (
    <span className="error" role="alert" data-error-for={field}>
      {mine.map(refusalText).join('；')}
    </span>
  );
}

/** The refusals no field of the form shows (the action as a whole), listed under the form. */
export function FormRefusals({
  refusals,
  fields,
}: {
  readonly refusals: readonly Refusal[];
  readonly fields: readonly string[];
}) {
  const rest = refusals.filter((r) => !r.field || !fields.some((f) => r.field === f || r.field?.endsWith(`.${f}`)));
  if (rest.length === 0) return null;
  return (
    <p className="error" role="alert" data-testid="form-error">
      {rest.map(refusalText).join('；')}
    </p>
  );
}
