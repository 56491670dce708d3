import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  EVALUATION_PRESET_IDS,
  type EvaluationPresetId,
  type EvaluationScheme,
  parseEvaluationScheme,
  type Registry,
} from '@mujun/core';
import {
  type CityEvaluation,
  evaluatePopulation,
  evaluationPopulation,
  schemeDocumentFor,
  schemeForYear,
} from '@mujun/core/cycle';
import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
import { EVALUATION_CLASS_LABELS, INDICATOR_LABELS, WORKBOOK_LABELS } from '@mujun/core/labels';
import { evaluationWorkbook } from '@mujun/intake';
import type { Store } from '@mujun/store';
import { type CliIo, EXIT, UsageError } from '../io';
import { cityOf, withStore } from '../store';
import { table } from '../table';
import { parseYear } from './import';

export interface EvaluateFlags {
  readonly scheme: string;
  readonly year: string;
  readonly city?: string;
  readonly out?: string;
  readonly json?: boolean;
}

/**
 * The scheme document named by `--scheme`, applied to `year`: a JSON file, or
 * (as the gateway names schemes, `schemeDocumentFor`) a shipped preset
 * (`huangyan-2022`, ...) or a scheme stored in the store by id.
 */
async function schemeDocument(store: Store, io: CliIo, name: string, year: number): Promise<Record<string, unknown>> {
  const path = resolve(io.cwd, name);
  if (name.endsWith('.json') && existsSync(path)) {
    const document = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    warnYear(io, document, year);
    return schemeForYear(document, year);
  }
  const preset = (EVALUATION_PRESET_IDS as string[]).includes(name)
    ? (EVALUATION_PRESET_DOCUMENTS[name as EvaluationPresetId] as Record<string, unknown>)
    : undefined;
  const original =
    preset ?? ((await store.repository.getScheme(name))?.document as Record<string, unknown> | undefined);
  if (original) {
    warnYear(io, original, year);
    return schemeDocumentFor(store.repository, name, year);
  }
  throw new UsageError(
    `--scheme: ${name} is neither a .json file, a preset (${EVALUATION_PRESET_IDS.join(', ')}) nor a stored scheme`,
  );
}

function warnYear(io: CliIo, document: Record<string, unknown>, year: number): void {
  if (document.year !== year) {
    io.err(`mujun: scheme ${String(document.id)} is for ${String(document.year)}; applying it to ${year}`);
  }
}

/**
 * The evaluation the store's data gives: the one population rule of
 * `@mujun/core/cycle` (`evaluationPopulation`: every firm of the city, those
 * without data for the year 未评价 with reason noData), as the gateway and runs.
 */
export function evaluateRegistry(scheme: EvaluationScheme, registry: Registry): CityEvaluation {
  return evaluatePopulation(
    registry.region,
    scheme,
    evaluationPopulation(
      {
        enterprises: registry.enterprises.values(),
        annualData: registry.annualData.values(),
        parcels: registry.parcels.values(),
      },
      scheme,
    ),
  );
}

const CLASSES = ['A', 'B', 'C', 'D', 'T'] as const;

/** `mujun evaluate --scheme … --year … --out results.xlsx`. */
export async function evaluateCommand(io: CliIo, flags: EvaluateFlags): Promise<number> {
  const year = parseYear(flags.year);
  return withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    const registry = await store.repository.loadRegistry(city);
    if (!registry) throw new UsageError(`region ${city} is not in the store`);
    const scheme = parseEvaluationScheme(await schemeDocument(store, io, flags.scheme, year));
    if (![...registry.annualData.values()].some((d) => d.year === year)) {
      io.err(`mujun: ${registry.region.name} has no annual data for ${year}: import the department files first`);
      return EXIT.data;
    }
    if (!flags.json) io.err(`评价 ${registry.region.name} ${year}年度 (${scheme.name})…`);
    const { result, summary } = evaluateRegistry(scheme, registry);
    let out: string | undefined;
    if (flags.out !== undefined) {
      out = resolve(io.cwd, flags.out);
      await writeFile(out, await evaluationWorkbook(result, registry.region, { schemeName: scheme.name }));
    }
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            schemeId: result.schemeId,
            year,
            regionCode: city,
            total: summary.total,
            byTown: summary.byTown,
            cohorts: result.cohorts.map((c) => ({
              id: c.id,
              name: c.name,
              enterprises: c.enterprises,
              ranked: c.ranked,
              benchmarks: c.benchmarks.map((b) => ({ indicator: b.indicator, value: b.reported })),
            })),
            ...(out ? { out } : {}),
          },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    const row = (name: string, c: (typeof summary.byTown)[string] | undefined) => {
      const n = [...CLASSES.map((k) => c?.[k] ?? 0), c?.none ?? 0];
      return [name, ...n.map(String), String(n.reduce((a, b) => a + b, 0))];
    };
    io.out(
      [
        `${scheme.name} — ${year}年度`,
        '',
        table(
          [
            WORKBOOK_LABELS.town,
            ...CLASSES.map((k) => EVALUATION_CLASS_LABELS[k]),
            WORKBOOK_LABELS.notEvaluated,
            WORKBOOK_LABELS.sum,
          ],
          [
            ...registry.region.towns.map((t) => row(t.name, summary.byTown[t.code])),
            row(registry.region.name, summary.total),
          ],
          [1, 2, 3, 4, 5, 6, 7],
        ),
        '',
        ...result.cohorts.map(
          (c) =>
            `${c.name} (参评${c.ranked}家)${c.ranked === 0 ? '' : `: ${c.benchmarks.map((b) => `${INDICATOR_LABELS[b.indicator]} ${b.reported}`).join(', ')}`}`,
        ),
        ...(out ? ['', `评价结果表: ${out}`] : []),
      ].join('\n'),
    );
    return EXIT.ok;
  });
}
