import { invalid } from '../errors';
import { parseEvaluationScheme } from '../evaluation/scheme';
import type { Region } from '../model/region';
import { defineTargetSet, type TargetSetInput } from '../targets/target-set';
import type { WriteContext } from './repository';
import { unknownRegion } from './write-checks';

/** A stored target set (年度目标任务 and 量化排序 configuration) of one region and year, as JSON. */
export interface StoredTargetSet {
  readonly regionCode: string;
  readonly year: number;
  /** Target definitions as saved (`TargetInput` JSON); `defineTargetSet` reads them back. */
  readonly targets: readonly unknown[];
  /** The ranking configuration as saved, if any. */
  readonly ranking?: unknown;
  /** The 预警规则 as saved (a preset id or thresholds), if any; none means the 银川 2025 preset. */
  readonly warning?: unknown;
}

/** A stored evaluation scheme (评价方案) as JSON; `parseEvaluationScheme` reads it back. */
export interface StoredScheme {
  readonly id: string;
  readonly document: unknown;
}

/**
 * Targets and evaluation schemes, persisted as validated JSON documents:
 * one target set per region and year (replaced whole), schemes by id.
 * Every save is validated by the core first and audited.
 */
export interface TargetRepository {
  /**
   * Saves (replaces) the target set of a region and year, after
   * `defineTargetSet` accepted it against the region's towns.
   * @throws ValidationError naming every broken rule; nothing is written
   */
  saveTargets(regionCode: string, year: number, set: TargetSetInput, ctx: WriteContext): Promise<StoredTargetSet>;
  /** The target set of a region and year, or undefined when none was saved. */
  listTargets(regionCode: string, year: number): Promise<StoredTargetSet | undefined>;
  /**
   * Saves (replaces) an evaluation scheme by its id after `parseEvaluationScheme` accepted it.
   * @throws ValidationError naming every broken rule; nothing is written
   */
  saveScheme(document: unknown, ctx: WriteContext): Promise<StoredScheme>;
  /** A saved scheme by id, or undefined. */
  getScheme(id: string): Promise<StoredScheme | undefined>;
}

/** A checked copy of a target set for storing: plain JSON, validated against the region. */
export function checkedTargetSet(
  region: Region | undefined,
  regionCode: string,
  year: number,
  set: TargetSetInput,
): StoredTargetSet {
  if (!region) throw unknownRegion(regionCode);
  if (!Number.isInteger(year) || year < 1949 || year > 2100) {
    throw invalid('year', 'year.range', `${year} is not a statistical year`);
  }
  defineTargetSet(set, region);
  const plain = JSON.parse(JSON.stringify(set)) as TargetSetInput;
  return {
    regionCode,
    year,
    targets: plain.targets,
    ...(plain.ranking === undefined ? {} : { ranking: plain.ranking }),
    ...(plain.warning === undefined ? {} : { warning: plain.warning }),
  };
}

/** A checked copy of a scheme document for storing. */
export function checkedScheme(document: unknown): StoredScheme {
  const scheme = parseEvaluationScheme(document);
  return { id: scheme.id, document: JSON.parse(JSON.stringify(document)) as unknown };
}
