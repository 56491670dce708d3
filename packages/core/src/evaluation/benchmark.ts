import { pow10, Rational } from '../exact/rational';
import { divideRounded, type RoundingMode } from '../exact/rounding';
import type { Unit } from '../quantity/units';
import { type IndicatorId, toIndicatorUnits } from './indicators';
import type { BenchmarkSpec } from './scheme';

/** How a benchmark (基准值) was obtained. */
export type BenchmarkDerivation = 'fixed' | 'ratioOfSums' | 'meanOfRatios';

/** `value` rounded to `places` decimals by `mode`, kept as an exact Rational. */
export function roundRational(value: Rational, places: number, mode: RoundingMode): Rational {
  const scale = pow10(places);
  return Rational.of(divideRounded(value.num * scale, value.den, mode), scale);
}

/** One firm's indicator parts in display units. */
export interface IndicatorSample {
  readonly numerator: Rational;
  readonly denominator: Rational;
  /** The value as the scheme uses it (rounded if the scheme rounds values). */
  readonly value: Rational;
}

/**
 * 比值之和 ratio of sums: Σ numerators / Σ denominators (e.g. total tax / total
 * land). The default meaning of an average in 亩均 statistics. Undefined when
 * the denominators sum to zero.
 */
export function ratioOfSums(samples: readonly IndicatorSample[]): Rational | undefined {
  return ratioOf(Rational.sum(samples.map((s) => s.numerator)), Rational.sum(samples.map((s) => s.denominator)));
}

/** Σ numerators / Σ denominators from the sums themselves; undefined when the denominators sum to zero. */
export function ratioOf(sumNumerator: Rational, sumDenominator: Rational): Rational | undefined {
  return sumDenominator.isZero() ? undefined : sumNumerator.dividedBy(sumDenominator);
}

/** 比值的平均 mean of ratios: Σ values / count. Undefined for no samples. */
export function meanOfRatios(samples: readonly IndicatorSample[]): Rational | undefined {
  if (samples.length === 0) return undefined;
  return Rational.sum(samples.map((s) => s.value)).dividedBy(Rational.of(BigInt(samples.length)));
}

/** A published benchmark in the indicator's display units. */
export function fixedBenchmark(indicator: IndicatorId, spec: BenchmarkSpec & { value: Rational }): Rational {
  return spec.unit ? toIndicatorUnits(indicator, spec.value, spec.unit as { num: Unit; den: Unit }) : spec.value;
}

/**
 * The benchmark of one indicator for one cohort: the published value (converted
 * to display units), or the derivation over the cohort's samples, rounded to
 * `places` when the scheme rounds benchmarks (published values are taken as given).
 */
export function resolveBenchmark(
  indicator: IndicatorId,
  spec: BenchmarkSpec,
  samples: readonly IndicatorSample[],
  rounding: { places?: number | undefined; mode: RoundingMode },
): { derivation: BenchmarkDerivation; value: Rational | undefined } {
  if (spec.value !== undefined)
    return { derivation: 'fixed', value: fixedBenchmark(indicator, { ...spec, value: spec.value }) };
  const derivation = spec.derive ?? 'ratioOfSums';
  const raw = derivation === 'ratioOfSums' ? ratioOfSums(samples) : meanOfRatios(samples);
  return { derivation, value: roundDerived(raw, rounding) };
}

/** A derived benchmark rounded as the scheme says (`places` undefined: exact). */
export function roundDerived(
  raw: Rational | undefined,
  rounding: { places?: number | undefined; mode: RoundingMode },
): Rational | undefined {
  return raw !== undefined && rounding.places !== undefined ? roundRational(raw, rounding.places, rounding.mode) : raw;
}
