import huangyan2021 from './presets/huangyan-2021.json';
import huangyan2022 from './presets/huangyan-2022.json';
import linhai2016 from './presets/linhai-2016.json';
import templatePercentile from './presets/template-percentile.json';
import { type EvaluationScheme, parseEvaluationScheme } from './scheme';

/**
 * Published schemes shipped with mujun, as JSON documents (sources in
 * docs/evaluation.md): 黄岩 2021 and 2022, 临海 (2014–2016 method, year 2016)
 * and a documented percentile template (A20/B60/C15/D5).
 */
export const EVALUATION_PRESET_DOCUMENTS = {
  'huangyan-2021': huangyan2021,
  'huangyan-2022': huangyan2022,
  'linhai-2016': linhai2016,
  'template-percentile': templatePercentile,
} as const;

export type EvaluationPresetId = keyof typeof EVALUATION_PRESET_DOCUMENTS;

export const EVALUATION_PRESET_IDS = Object.keys(EVALUATION_PRESET_DOCUMENTS) as EvaluationPresetId[];

/**
 * A preset scheme, validated; `overrides` replaces top-level fields (e.g.
 * `{ year: 2015 }` to apply the 临海 method to another year).
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { EVALUATION_PRESET_IDS, evaluationPreset } from '@mujun/core';
 *
 * assert.ok(EVALUATION_PRESET_IDS.includes('linhai-2016'));
 * const linhai2015 = evaluationPreset('linhai-2016', { year: 2015 }); // the 临海 method applied to 2015
 * assert.equal(linhai2015.year, 2015);
 * assert.equal(evaluationPreset('huangyan-2022').jurisdiction.name, '台州市黄岩区');
 * ```
 */
export function evaluationPreset(id: EvaluationPresetId, overrides: Record<string, unknown> = {}): EvaluationScheme {
  return parseEvaluationScheme({ ...EVALUATION_PRESET_DOCUMENTS[id], ...overrides });
}
