import { evaluate } from '../evaluation/evaluate';
import type { Evaluation } from '../evaluation/evaluation';
import type { EvaluationScheme } from '../evaluation/scheme';
import { type EvaluationSummary, summarizeEvaluation } from '../evaluation/summary';
import type { Region } from '../model/region';
import type { RegistryRepository } from '../repository/repository';
import { requireRegion } from '../repository/write-checks';
import { type ColumnarEvaluationPopulation, type EvaluationPopulation, loadColumnarPopulation } from './population';

/** One city's evaluation for a year: who was evaluated on what, the result and its counts. */
export interface CityEvaluation {
  readonly region: Region;
  readonly scheme: EvaluationScheme;
  readonly year: number;
  readonly population: EvaluationPopulation | ColumnarEvaluationPopulation;
  readonly result: Evaluation;
  readonly summary: EvaluationSummary;
}

/** Evaluates a population under a scheme (pure): the step every face's evaluation ends in. */
export function evaluatePopulation(
  region: Region,
  scheme: EvaluationScheme,
  population: EvaluationPopulation | ColumnarEvaluationPopulation,
): CityEvaluation {
  const result = evaluate(scheme, population.input);
  return { region, scheme, year: scheme.year, population, result, summary: summarizeEvaluation(result) };
}

/**
 * 亩均效益综合评价 of the city `regionCode` under `scheme` (its year): the
 * population rule (`evaluationPopulation`) read through the repository, then
 * the engine, the year's data read as columns (`listAnnualDataColumns`). Reads only; the same answer as a run started now.
 * @throws ValidationError (`reference.region`) when the repository has no such city
 */
export async function evaluateCity(
  repository: Pick<
    RegistryRepository,
    'getRegion' | 'listEnterprises' | 'listAnnualData' | 'listAnnualDataColumns' | 'listParcels'
  >,
  regionCode: string,
  scheme: EvaluationScheme,
): Promise<CityEvaluation> {
  const region = requireRegion(await repository.getRegion(regionCode), regionCode);
  return evaluatePopulation(region, scheme, await loadColumnarPopulation(repository, region.code, scheme));
}
