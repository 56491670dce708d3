import type { Rational, RoundingMode } from '@mujun/core';
import { type EnumRef, type FieldKind, type FieldRef, RootFieldBuilder, type SchemaTypes } from '@pothos/core';
import { type GraphQLResolveInfo, responsePathAsArray } from 'graphql';

/*
 * `t.exact({ resolve, unit })`: a Decimal field for an exact value, written
 * once. Every such field takes the same `places` and `rounding` arguments
 * and answers by the one rule of `present`; the field's name in the error
 * comes from the schema (the resolver's info), not from a hand-typed string.
 * Added to Pothos' field builder the way Pothos' own plugins add theirs (a
 * method on RootFieldBuilder's prototype, typed by augmenting the global
 * PothosSchemaTypes namespace).
 */

/** `places` and `rounding` as a field receives them. */
export interface RoundingArgs {
  readonly places?: number | null | undefined;
  readonly rounding?: RoundingMode | null | undefined;
}

/**
 * Places a value without a finite decimal form (1亩 = 2000/3 m²) is given
 * with when the query omits `places`: rounded HALF_UP, and the response says
 * so in `extensions.rounded` (see `useRoundingNotice`), so that asking a
 * quantity in any unit never fails a field — a non-null field's error would
 * null its parents up to the whole `data`.
 */
export const DEFAULT_INEXACT_PLACES = 10;

/** One field answered rounded because the query gave no `places`: what `extensions.rounded` lists. */
export interface RoundedNotice {
  /** The response path, e.g. `campaignStatistics.vacatingSigned.squareMetres`. */
  readonly path: string;
  /** `Type.field` as the schema names it. */
  readonly field: string;
  /** The unit label (`m²`, `万元`, '' for scores). */
  readonly unit: string;
  /** Places given (`DEFAULT_INEXACT_PLACES`) and the mode. */
  readonly places: number;
  readonly rounding: 'HALF_UP';
}

const notices = new WeakMap<object, RoundedNotice[]>();

/** The fields of one request (keyed by its context) answered rounded without `places`. */
export function roundedNotices(context: object): readonly RoundedNotice[] {
  return notices.get(context) ?? [];
}

/**
 * The one rule for showing an exact value: with `places`, rounded once by
 * `rounding` (default HALF_UP, 四舍五入); without, the exact decimal when it
 * has one, else rounded HALF_UP to `DEFAULT_INEXACT_PLACES` and reported
 * through `onRounded` (never silently: the gateway lists it in
 * `extensions.rounded`). `field` is `Type.field` as the schema names it.
 */
export function present(value: Rational, args: RoundingArgs, onRounded?: (places: number) => void): string {
  if (args.places === null || args.places === undefined) {
    if (value.isFiniteDecimal()) return value.toDecimal().toFixed();
    onRounded?.(DEFAULT_INEXACT_PLACES);
    return value.toFixed({ places: DEFAULT_INEXACT_PLACES, rounding: 'halfUp' });
  }
  return value.toFixed({ places: args.places, rounding: args.rounding ?? 'halfUp' });
}

/** Options of `t.exact`. */
export interface ExactFieldOptions<Types extends SchemaTypes, ParentShape, Nullable extends boolean> {
  readonly description?: string;
  /** Whether the value may be absent (then `resolve` may answer null). */
  readonly nullable?: Nullable;
  /** The exact value of the parent. */
  readonly resolve: (
    parent: ParentShape,
    context: Types['Context'],
  ) => Nullable extends true ? Rational | null | undefined : Rational;
  /** The unit label named when the value is rounded without `places` (`万元/亩`, `%`; '' for scores). */
  readonly unit: string | ((parent: ParentShape) => string);
}

declare global {
  export namespace PothosSchemaTypes {
    export interface RootFieldBuilder<Types extends SchemaTypes, ParentShape, Kind extends FieldKind = FieldKind> {
      /** A Decimal field of an exact value with the `places` and `rounding` arguments. */
      exact: <Nullable extends boolean = false>(
        options: ExactFieldOptions<Types, ParentShape, Nullable>,
      ) => FieldRef<Types, Nullable extends true ? string | null : string, Kind>;
    }
  }
}

/** The Rounding enum of each builder, registered with `enableExactFields`. */
const roundingEnums = new WeakMap<object, EnumRef<SchemaTypes, RoundingMode, RoundingMode>>();

/** Lets the fields of `builder` use `t.exact`, whose `rounding` argument is of the enum `rounding`. */
export function enableExactFields(builder: object, rounding: EnumRef<never, RoundingMode, RoundingMode>): void {
  roundingEnums.set(builder, rounding as unknown as EnumRef<SchemaTypes, RoundingMode, RoundingMode>);
}

type AnyFieldBuilder = PothosSchemaTypes.RootFieldBuilder<SchemaTypes, unknown, FieldKind>;
const fieldBuilderProto = RootFieldBuilder.prototype as unknown as AnyFieldBuilder;

fieldBuilderProto.exact = function exact<Nullable extends boolean>(
  this: AnyFieldBuilder,
  options: ExactFieldOptions<SchemaTypes, unknown, Nullable>,
) {
  const rounding = roundingEnums.get(this.builder);
  if (!rounding) throw new Error('[mujun] t.exact needs enableExactFields(builder, Rounding) first');
  const { resolve, unit, ...rest } = options;
  return this.field({
    ...rest,
    type: 'Decimal',
    args: {
      places: this.arg.int({
        required: false,
        description: `Decimal places (0–100). Omit for the exact value (a value without a finite decimal form, such as 2000/3, is then rounded HALF_UP to ${DEFAULT_INEXACT_PLACES} places and listed in the response's extensions.rounded).`,
      }),
      rounding: this.arg({ type: rounding, required: false, description: 'Default HALF_UP (四舍五入).' }),
    },
    resolve: (parent: unknown, args: RoundingArgs, context: object, info: GraphQLResolveInfo) => {
      const value = resolve(parent, context);
      if (value === null || value === undefined) return null;
      return present(value, args, (places) => {
        const notice: RoundedNotice = {
          path: responsePathAsArray(info.path).join('.'),
          field: `${info.parentType.name}.${info.fieldName}`,
          unit: typeof unit === 'function' ? unit(parent) : unit,
          places,
          rounding: 'HALF_UP',
        };
        const list = notices.get(context);
        if (list) list.push(notice);
        else notices.set(context, [notice]);
      });
    },
  } as never) as never;
};
