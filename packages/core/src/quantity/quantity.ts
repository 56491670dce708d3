import { invalid } from '../errors';
import type { Decimal } from '../exact/decimal';
import { Rational, type RationalInput } from '../exact/rational';
import type { RoundingOptions } from '../exact/rounding';
import { DEFAULT_UNIT, type Kind, UNITS, type Unit, type UnitOf, unitLabel } from './units';

function factorOf(unit: Unit): Rational {
  return Rational.of(UNITS[unit].factor);
}

function checkUnit<K extends Kind>(kind: K, unit: string, field: string): asserts unit is UnitOf<K> {
  if (!Object.hasOwn(UNITS, unit) || UNITS[unit as Unit].kind !== kind) {
    throw invalid(field, 'quantity.unit', `"${unit}" is not a unit of ${kind}`);
  }
}

/**
 * An immutable amount of one kind (area, money, energy, ...), held exactly in
 * the kind's base unit. Values of different kinds cannot be added: the `kind`
 * type parameter makes `area.plus(money)` a compile-time error, and a runtime
 * check catches it from untyped callers.
 */
export class Quantity<K extends Kind> {
  readonly kind: K;
  /** Exact amount in the base unit (1/15 m² for area, 元 for money, ...). */
  readonly base: Rational;

  private constructor(kind: K, base: Rational) {
    this.kind = kind;
    this.base = base;
  }

  /**
   * `amount` of `unit`, e.g. `Quantity.of('area', '4574', 'mu')`.
   * @throws ValidationError naming `field` for a bad amount or unit
   */
  static of<K extends Kind>(kind: K, amount: RationalInput, unit: UnitOf<K>, field = 'value'): Quantity<K> {
    checkUnit(kind, unit, `${field}.unit`);
    return new Quantity(kind, Rational.from(amount, field).times(factorOf(unit)));
  }

  /** A quantity from an exact amount in the base unit. */
  static fromBase<K extends Kind>(kind: K, base: Rational): Quantity<K> {
    return new Quantity(kind, base);
  }

  static zero<K extends Kind>(kind: K): Quantity<K> {
    return new Quantity(kind, Rational.ZERO);
  }

  /** Exact sum; zero of `kind` for an empty list. */
  static sum<K extends Kind>(kind: K, values: Iterable<Quantity<K>>): Quantity<K> {
    let acc = Rational.ZERO;
    for (const v of values) {
      Quantity.sameKind(kind, v);
      acc = acc.plus(v.base);
    }
    return new Quantity(kind, acc);
  }

  private static sameKind(kind: Kind, other: { readonly kind: Kind }): void {
    if (other.kind !== kind) {
      throw invalid('value', 'quantity.kind', `cannot combine ${kind} with ${other.kind}`);
    }
  }

  /** The exact amount in `unit` (a Rational: 亩 in m² is not a finite decimal). */
  in(unit: UnitOf<K>): Rational {
    checkUnit(this.kind, unit, 'unit');
    return this.base.dividedBy(factorOf(unit));
  }

  /** The exact amount in `unit` as a Decimal; throws if it has no finite decimal form. */
  toDecimal(unit: UnitOf<K> = DEFAULT_UNIT[this.kind] as UnitOf<K>): Decimal {
    return this.in(unit).toDecimal();
  }

  /** Rounded once, for reporting. */
  round(unit: UnitOf<K>, options: RoundingOptions): Decimal {
    return this.in(unit).round(options);
  }

  /** Machine format: a plain decimal string, e.g. `"3049333.33"`. */
  toFixed(unit: UnitOf<K>, options: RoundingOptions): string {
    return this.in(unit).toFixed(options);
  }

  /** Chinese display, e.g. `4574亩`, `47万平方米`. */
  format(unit: UnitOf<K>, options: RoundingOptions): string {
    return `${this.toFixed(unit, options)}${unitLabel(unit)}`;
  }

  plus(other: Quantity<K>): Quantity<K> {
    Quantity.sameKind(this.kind, other);
    return new Quantity(this.kind, this.base.plus(other.base));
  }

  minus(other: Quantity<K>): Quantity<K> {
    Quantity.sameKind(this.kind, other);
    return new Quantity(this.kind, this.base.minus(other.base));
  }

  /** Scaled by a dimensionless factor (a share, a count). */
  times(factor: RationalInput): Quantity<K> {
    return new Quantity(this.kind, this.base.times(Rational.from(factor, 'factor')));
  }

  /** Divided by a dimensionless divisor. @throws ArithmeticError on zero */
  dividedBy(divisor: RationalInput): Quantity<K> {
    return new Quantity(this.kind, this.base.dividedBy(Rational.from(divisor, 'divisor')));
  }

  /** Dimensionless ratio of two amounts of one kind, e.g. a share of the target. */
  ratioTo(other: Quantity<K>): Rational {
    Quantity.sameKind(this.kind, other);
    return this.base.dividedBy(other.base);
  }

  negated(): Quantity<K> {
    return new Quantity(this.kind, this.base.negated());
  }

  compare(other: Quantity<K>): -1 | 0 | 1 {
    Quantity.sameKind(this.kind, other);
    return this.base.compare(other.base);
  }

  equals(other: Quantity<K>): boolean {
    return this.kind === other.kind && this.base.equals(other.base);
  }

  isZero(): boolean {
    return this.base.isZero();
  }

  isPositive(): boolean {
    return this.base.sign() > 0;
  }

  isNegative(): boolean {
    return this.base.sign() < 0;
  }

  /** `{ kind, unit, value }` with the exact value in the kind's default unit (`n/d` if not a finite decimal). */
  toJSON(): { kind: K; unit: Unit; value: string } {
    const unit = DEFAULT_UNIT[this.kind] as UnitOf<K>;
    const v = this.in(unit);
    return { kind: this.kind, unit, value: v.isFiniteDecimal() ? v.toDecimal().toFixed() : v.toString() };
  }

  toString(): string {
    const { unit, value } = this.toJSON();
    return `${value}${unitLabel(unit)}`;
  }
}
