import { invalid } from '../errors';
import type { Decimal } from '../exact/decimal';
import { Rational, type RationalInput } from '../exact/rational';
import type { RoundingOptions } from '../exact/rounding';
import type { Quantity } from './quantity';
import { defaultRateUnits, type Kind, UNITS, type Unit, type UnitOf, unitLabel } from './units';

/** Units to show a rate in, e.g. `{ num: 'wanYuan', den: 'mu' }` for 万元/亩. */
export interface RateUnits<N extends Kind, D extends Kind> {
  readonly num: UnitOf<N>;
  readonly den: UnitOf<D>;
}

function checkUnits(num: Kind, den: Kind, units: { num: string; den: string }): void {
  const n = UNITS[units.num as Unit];
  const d = UNITS[units.den as Unit];
  if (!n || n.kind !== num) throw invalid('units.num', 'rate.unit', `"${units.num}" is not a unit of ${num}`);
  if (!d || d.kind !== den) throw invalid('units.den', 'rate.unit', `"${units.den}" is not a unit of ${den}`);
}

/**
 * An exact per-unit value: an amount of kind `N` per one of kind `D`
 * (亩均税收 is `Rate<'money', 'area'>`, shown in 万元/亩). Held as the
 * rational ratio of the two base amounts; rounded only when reported.
 */
export class Rate<N extends Kind, D extends Kind> {
  readonly num: N;
  readonly den: D;
  /** Base units of `num` per base unit of `den`, exact. */
  readonly value: Rational;

  private constructor(num: N, den: D, value: Rational) {
    this.num = num;
    this.den = den;
    this.value = value;
  }

  /** `numerator / denominator`. @throws ArithmeticError when the denominator is zero */
  static between<N extends Kind, D extends Kind>(numerator: Quantity<N>, denominator: Quantity<D>): Rate<N, D> {
    return new Rate(numerator.kind, denominator.kind, numerator.base.dividedBy(denominator.base));
  }

  /**
   * A rate given in named units, e.g. a published benchmark:
   * `Rate.of('money', 'area', '24.097', { num: 'wanYuan', den: 'mu' })`.
   */
  static of<N extends Kind, D extends Kind>(
    num: N,
    den: D,
    value: RationalInput,
    units: RateUnits<N, D>,
    field = 'value',
  ): Rate<N, D> {
    checkUnits(num, den, units);
    const v = Rational.from(value, field);
    return new Rate(num, den, v.times(Rate.scale(units)));
  }

  /** Base-per-base over shown units: multiply a shown value by this to get `value`. */
  private static scale(units: { num: Unit; den: Unit }): Rational {
    return Rational.of(UNITS[units.num].factor, UNITS[units.den].factor);
  }

  /** The units a rate of these kinds is shown in by default (万元/亩, ...). */
  defaultUnits(): RateUnits<N, D> {
    return defaultRateUnits(this.num, this.den) as unknown as RateUnits<N, D>;
  }

  /** The exact value in `units` (default: 万元/亩 and the like). */
  in(units: RateUnits<N, D> = this.defaultUnits()): Rational {
    checkUnits(this.num, this.den, units);
    return this.value.dividedBy(Rate.scale(units));
  }

  round(options: RoundingOptions, units: RateUnits<N, D> = this.defaultUnits()): Decimal {
    return this.in(units).round(options);
  }

  toFixed(options: RoundingOptions, units: RateUnits<N, D> = this.defaultUnits()): string {
    return this.in(units).toFixed(options);
  }

  /** Unit label such as `万元/亩`. */
  unitLabel(units: RateUnits<N, D> = this.defaultUnits()): string {
    return `${unitLabel(units.num)}/${unitLabel(units.den)}`;
  }

  /** Chinese display, e.g. `3.00万元/亩`. */
  format(options: RoundingOptions, units: RateUnits<N, D> = this.defaultUnits()): string {
    return `${this.toFixed(options, units)}${this.unitLabel(units)}`;
  }

  plus(other: Rate<N, D>): Rate<N, D> {
    this.sameKinds(other);
    return new Rate(this.num, this.den, this.value.plus(other.value));
  }

  minus(other: Rate<N, D>): Rate<N, D> {
    this.sameKinds(other);
    return new Rate(this.num, this.den, this.value.minus(other.value));
  }

  times(factor: RationalInput): Rate<N, D> {
    return new Rate(this.num, this.den, this.value.times(Rational.from(factor, 'factor')));
  }

  /** Dimensionless ratio of two rates of the same kinds (value / benchmark). */
  ratioTo(other: Rate<N, D>): Rational {
    this.sameKinds(other);
    return this.value.dividedBy(other.value);
  }

  compare(other: Rate<N, D>): -1 | 0 | 1 {
    this.sameKinds(other);
    return this.value.compare(other.value);
  }

  equals(other: Rate<N, D>): boolean {
    return this.num === other.num && this.den === other.den && this.value.equals(other.value);
  }

  private sameKinds(other: { readonly num: Kind; readonly den: Kind }): void {
    if (other.num !== this.num || other.den !== this.den) {
      throw invalid('value', 'rate.kind', `cannot combine ${this.num}/${this.den} with ${other.num}/${other.den}`);
    }
  }

  /** `{ num, den, units, value }`, value exact in the default units (`n/d` when not a finite decimal). */
  toJSON(): { num: N; den: D; unit: string; value: string } {
    const v = this.in();
    return {
      num: this.num,
      den: this.den,
      unit: this.unitLabel(),
      value: v.isFiniteDecimal() ? v.toDecimal().toFixed() : v.toString(),
    };
  }
}
