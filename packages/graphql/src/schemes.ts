import { EVALUATION_PRESET_IDS, type EvaluationPresetId, invalid } from '@mujun/core';
import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
import type { MujunContext } from './context';

const isPreset = (id: string): id is EvaluationPresetId => (EVALUATION_PRESET_IDS as readonly string[]).includes(id);

/**
 * The document of the scheme named `schemeId` — a preset (huangyan-2021,
 * huangyan-2022, linhai-2016, template-percentile) or one saved with
 * `saveScheme` — applied to `year`: its benchmarks unchanged, and a
 * reference date set for another year dropped so "< N years" rules count to
 * `year`-12-31. Evaluations and runs read schemes only through here.
 * With `city` (a write for that city), a saved scheme must be that city's own.
 * @throws ValidationError naming `field` when there is no such scheme, or it is another city's
 */
export async function schemeDocumentFor(
  ctx: MujunContext,
  schemeId: string,
  year: number,
  field = 'schemeId',
  city?: string,
): Promise<unknown> {
  const document = isPreset(schemeId)
    ? EVALUATION_PRESET_DOCUMENTS[schemeId]
    : (await ctx.repository.getScheme(schemeId))?.document;
  if (document === undefined || document === null || typeof document !== 'object') {
    throw invalid(
      field,
      'reference.scheme',
      `no scheme ${schemeId}: use a preset (${EVALUATION_PRESET_IDS.join(', ')}) or save one first`,
    );
  }
  const doc = document as Record<string, unknown>;
  // A saved scheme is its city's own record: another city's run may not use it (presets are templates for anyone).
  const jurisdiction = (doc.jurisdiction as { code?: unknown } | undefined)?.code;
  if (city !== undefined && !isPreset(schemeId) && jurisdiction !== city) {
    throw invalid(
      field,
      'scheme.jurisdiction',
      `scheme ${schemeId} is the scheme of ${String(jurisdiction)}, not of ${city}: use a scheme saved for ${city} or a preset`,
    );
  }
  if (doc.year === year) return document;
  const { referenceDate: _dropped, ...rest } = doc;
  return { ...rest, year };
}
