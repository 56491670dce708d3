import type { EvaluationResult } from '../../src/index';

/** Every number of a result as an exact string, so two results compare with toEqual. */
export function plain(r: EvaluationResult) {
  return {
    schemeId: r.schemeId,
    year: r.year,
    cohorts: r.cohorts.map((c) => ({
      ...c,
      benchmarks: c.benchmarks.map((b) => ({ ...b, value: b.value.toString() })),
      averages: c.averages.map((a) => ({ ...a, value: a.value?.toString() ?? null })),
    })),
    enterprises: r.enterprises.map((e) => ({
      ...e,
      total: e.total?.toString() ?? null,
      percentile: e.percentile?.toString() ?? null,
      ...(e.adjustments ? { adjustments: e.adjustments.map((a) => ({ ...a, points: a.points.toString() })) } : {}),
      indicators: e.indicators.map((i) => ({
        ...i,
        weight: i.weight.toString(),
        value: i.value?.toString() ?? null,
        benchmark: i.benchmark.toString(),
        partialScore: i.partialScore.toString(),
      })),
    })),
  };
}
