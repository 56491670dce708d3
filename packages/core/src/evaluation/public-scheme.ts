import type { Rational } from '../exact/rational';
import { type BENCHMARK_METHOD_LABELS, type CLASSIFICATION_METHOD_LABELS, UNIT_LABELS } from '../labels';
import { INDICATORS, type IndicatorId } from './indicators';
import type { EvaluationScheme } from './scheme';

/** How an indicator's 基准值 is set: a published decimal, or derived from the evaluated firms. */
export type BenchmarkMethod = keyof typeof BENCHMARK_METHOD_LABELS;

/** One indicator of a cohort as the scheme publishes it (权重, 基准值 when published, method). */
export interface PublicIndicator {
  readonly indicator: IndicatorId;
  readonly label: string;
  readonly unitLabel: string;
  readonly weight: Rational;
  readonly benchmarkMethod: BenchmarkMethod;
  /** The published 基准值; undefined when derived from the firms (then it follows the read policy of their figures). */
  readonly benchmark: Rational | undefined;
  /** The unit the published benchmark is written in (the indicator's unit unless the scheme names one). */
  readonly benchmarkUnitLabel: string;
  readonly cap: Rational | undefined;
  readonly floor: Rational | undefined;
}

/** One class of a cohort's classification: a rank-percentile share or a score threshold. */
export interface PublicClassRule {
  readonly class: string;
  /** Share of the ranked firms in %, for percentile bands. */
  readonly share: Rational | undefined;
  /** Least total score, for thresholds (undefined for the last class). */
  readonly atLeast: Rational | undefined;
}

export interface PublicCohort {
  readonly id: string;
  readonly name: string;
  readonly indicators: readonly PublicIndicator[];
  readonly method: keyof typeof CLASSIFICATION_METHOD_LABELS;
  readonly classes: readonly PublicClassRule[];
}

/**
 * The public part of an evaluation scheme, for everyone (viewers included):
 * cohorts, indicators, weights, published benchmarks and the classification
 * method. A benchmark derived from the evaluated firms is a figure of
 * confidential data: only its method is here.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { parseEvaluationScheme, publicScheme } from '@mujun/core';
 * import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
 *
 * const view = publicScheme(parseEvaluationScheme(EVALUATION_PRESET_DOCUMENTS['huangyan-2022']));
 * const tax = view[0]?.indicators[0];
 * assert.equal(tax?.label, '亩均税收');
 * assert.equal(tax?.weight.toString(), '30');
 * assert.equal(tax?.benchmark?.toDecimal().toFixed(), '24.097');
 * ```
 */
export function publicScheme(scheme: EvaluationScheme): PublicCohort[] {
  return scheme.cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    indicators: c.indicators.map((s): PublicIndicator => {
      const def = INDICATORS[s.indicator];
      const b = s.benchmark;
      const unit = b.unit;
      return {
        indicator: s.indicator,
        label: def.label,
        unitLabel: def.unitLabel,
        weight: s.weight,
        benchmarkMethod: b.derive ?? 'published',
        benchmark: b.value,
        benchmarkUnitLabel: unit
          ? `${UNIT_LABELS[unit.num as keyof typeof UNIT_LABELS] ?? unit.num}/${UNIT_LABELS[unit.den as keyof typeof UNIT_LABELS] ?? unit.den}`
          : def.unitLabel,
        cap: s.cap,
        floor: s.floor,
      };
    }),
    method: c.classification.by,
    classes:
      c.classification.by === 'percentile'
        ? c.classification.bands.map((band) => ({ class: band.class, share: band.share, atLeast: undefined }))
        : c.classification.thresholds.map((t) => ({ class: t.class, share: undefined, atLeast: t.atLeast })),
  }));
}
