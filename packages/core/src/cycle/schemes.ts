import { EVALUATION_PRESET_DOCUMENTS, EVALUATION_PRESET_IDS, type EvaluationPresetId } from '../evaluation/presets';
import { type EvaluationScheme, parseEvaluationScheme } from '../evaluation/scheme';
import type { TargetRepository } from '../repository/targets-repository';
import { schemeVersion } from '../runs/canonical';
import { badInput } from '../runs/rules';

const isPreset = (id: string): id is EvaluationPresetId => (EVALUATION_PRESET_IDS as readonly string[]).includes(id);

/** A scheme applied to a year: its document (hashed into `version`) and the parsed scheme. */
export interface ResolvedScheme {
  readonly document: Record<string, unknown>;
  readonly scheme: EvaluationScheme;
  /** `schemeVersion(document)`: the hash of its canonical JSON. */
  readonly version: string;
}

/**
 * The document of the scheme named `schemeId` — a preset (huangyan-2021,
 * huangyan-2022, linhai-2016, template-percentile) or one saved with
 * `saveScheme` — applied to `year`: its benchmarks unchanged, and a
 * reference date set for another year dropped so "< N years" rules count to
 * `year`-12-31. Every face reads schemes by id only through here.
 * With `city` (a write for that city), a saved scheme must be that city's own.
 * @throws ValidationError naming `field` when there is no such scheme, or it is another city's
 */
export async function schemeDocumentFor(
  repository: Pick<TargetRepository, 'getScheme'>,
  schemeId: string,
  year: number,
  options: { readonly field?: string; readonly city?: string } = {},
): Promise<Record<string, unknown>> {
  const field = options.field ?? 'schemeId';
  const document = isPreset(schemeId)
    ? EVALUATION_PRESET_DOCUMENTS[schemeId]
    : (await repository.getScheme(schemeId))?.document;
  if (document === undefined || document === null || typeof document !== 'object') {
    throw badInput(
      field,
      'reference.scheme',
      `no scheme ${schemeId}: use a preset (${EVALUATION_PRESET_IDS.join(', ')}) or save one first`,
    );
  }
  return schemeForYear(document as Record<string, unknown>, year, {
    field,
    ...(options.city !== undefined && !isPreset(schemeId) ? { city: options.city } : {}),
  });
}

/**
 * A scheme document applied to `year` (see `schemeDocumentFor`); with `city`,
 * the document must be that city's own. @throws ValidationError naming `field`
 */
export function schemeForYear(
  document: Record<string, unknown>,
  year: number,
  options: { readonly field?: string; readonly city?: string } = {},
): Record<string, unknown> {
  const jurisdiction = (document.jurisdiction as { code?: unknown } | undefined)?.code;
  if (options.city !== undefined && jurisdiction !== options.city) {
    throw badInput(
      options.field ?? 'schemeId',
      'scheme.jurisdiction',
      `${String(document.id)} is the scheme of ${String(jurisdiction)}, not of ${options.city}: use a scheme saved for ${options.city} or a preset`,
    );
  }
  if (document.year === year) return document;
  const { referenceDate: _dropped, ...rest } = document;
  return { ...rest, year };
}

/** `schemeDocumentFor`, parsed and hashed. */
export async function resolveScheme(
  repository: Pick<TargetRepository, 'getScheme'>,
  schemeId: string,
  year: number,
  options: { readonly field?: string; readonly city?: string } = {},
): Promise<ResolvedScheme> {
  const document = await schemeDocumentFor(repository, schemeId, year, options);
  return { document, scheme: parseEvaluationScheme(document), version: schemeVersion(document) };
}
