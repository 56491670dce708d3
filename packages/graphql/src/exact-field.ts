import { ArithmeticError, type Rational, type RoundingMode } from '@mujun/core';
import { type EnumRef, type FieldKind, type FieldRef, RootFieldBuilder, type SchemaTypes } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { gatewayMessages } from './messages';

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
 * The one rule for showing an exact value: with `places`, rounded once by
 * `rounding` (default HALF_UP, 四舍五入); without, the exact decimal when it
 * has one, else an error asking for `places` (1亩 is 2000/3 m²: never
 * silently cut). `field` is `Type.field` as the schema names it.
 */
export function present(value: Rational, args: RoundingArgs, field: string, unit: string): string {
  if (args.places === null || args.places === undefined) {
    if (!value.isFiniteDecimal()) throw new ArithmeticError(gatewayMessages.inexact(field, unit));
    return value.toDecimal().toFixed();
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
  /** The unit label named when the value needs `places` (`万元/亩`, `%`; '' for scores). */
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
      places: this.arg.int({ required: false, description: 'Decimal places (0–100). Omit for the exact value.' }),
      rounding: this.arg({ type: rounding, required: false, description: 'Default HALF_UP (四舍五入).' }),
    },
    resolve: (parent: unknown, args: RoundingArgs, context: object, info: GraphQLResolveInfo) => {
      const value = resolve(parent, context);
      if (value === null || value === undefined) return null;
      const label = typeof unit === 'function' ? unit(parent) : unit;
      return present(value, args, `${info.parentType.name}.${info.fieldName}`, label);
    },
  } as never) as never;
};
