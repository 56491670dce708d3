import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DatasetIssue,
  eventToJson,
  parseDatasetFiles,
  type Repository,
  TONGXIANG_2018_INPUT,
  type WriteContext,
} from '@mujun/core';
import { registryToInput } from '@mujun/core/internal';
import { seedGeometry } from './seed-geometry';

/** Fills an empty store on first start; returns lines to print. Injectable in `runGateway`. */
export type SeedFunction = (repository: Repository, options: { readonly repoRoot: string }) => Promise<string[]>;

const SEED_CONTEXT: WriteContext = { actor: 'seed:tongxiang-2018' };

const issueText = (i: DatasetIssue) => `${i.file}:${i.line} ${i.field}: ${i.message} (${i.rule})`;

/** `targets-<year>.json` (+ `ranking-<year>.json`) of a data folder, as target sets by year. */
function targetSets(
  files: Readonly<Record<string, string>>,
): { year: number; targets: unknown[]; ranking?: unknown }[] {
  const out: { year: number; targets: unknown[]; ranking?: unknown }[] = [];
  for (const [name, text] of Object.entries(files)) {
    const m = /^targets-(\d{4})\.json$/.exec(name);
    if (!m) continue;
    const year = Number(m[1]);
    const ranking = files[`ranking-${year}.json`];
    out.push({
      year,
      targets: JSON.parse(text) as unknown[],
      ...(ranking === undefined ? {} : { ranking: JSON.parse(ranking) as unknown }),
    });
  }
  return out.sort((a, b) => a.year - b.year);
}

/**
 * Loads the `examples/tongxiang-2018/data` dataset into an empty repository:
 * the CSV registry and every `events-<year>.csv` through the core's dataset
 * loader (`parseDatasetFiles`, all or nothing), then `importRegion` (the
 * region, its records and its ledger in one transaction); the
 * `targets-<year>.json` files with `ranking-<year>.json` as target sets;
 * `scheme-*.json` as saved evaluation schemes; the synthetic shapes of
 * `geometry/` (towns, parcels, firm points, see `seed-geometry.ts`).
 * @throws Error listing the dataset's issues when it does not load
 */
export async function seedFromExample(repository: Repository, dataDir: string): Promise<string[]> {
  if (!existsSync(dataDir)) return [`no example data at ${dataDir}: serving the region and its towns only`];
  const files: Record<string, string> = {};
  for (const name of readdirSync(dataDir).sort()) {
    if (name.endsWith('.csv') || name.endsWith('.json')) files[name] = readFileSync(join(dataDir, name), 'utf8');
  }
  const csv = Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.csv')));
  const dataset = parseDatasetFiles(csv);
  if (!dataset.ok) {
    throw new Error(
      `[mujun] ${dataDir} does not load (${dataset.issues.length} issues):\n${dataset.issues.slice(0, 10).map(issueText).join('\n')}`,
    );
  }
  const imported = await repository.importRegion(
    registryToInput(dataset.registry),
    dataset.events.map(eventToJson),
    SEED_CONTEXT,
  );
  const code = imported.regionCode;
  const lines = [
    `loaded ${dataDir}: ${dataset.registry.enterprises.size} enterprises, ${dataset.registry.parcels.size} parcels, ${dataset.registry.parks.size} parks, ${dataset.registry.annualData.size} annual records, ${imported.version} campaign events`,
  ];
  for (const set of targetSets(files)) {
    await repository.saveTargets(
      code,
      set.year,
      { targets: set.targets, ...(set.ranking === undefined ? {} : { ranking: set.ranking }) },
      SEED_CONTEXT,
    );
    lines.push(
      `targets ${set.year}: ${set.targets.length}${set.ranking === undefined ? '' : ' with a weekly ranking'}`,
    );
  }
  for (const [name, text] of Object.entries(files)) {
    if (!/^scheme-.*\.json$/.test(name)) continue;
    const saved = await repository.saveScheme(JSON.parse(text) as unknown, SEED_CONTEXT);
    lines.push(`evaluation scheme ${saved.id}`);
  }
  for (const line of await seedGeometry(repository, code, join(dataDir, 'geometry'), SEED_CONTEXT)) lines.push(line);
  return lines;
}

/**
 * The default seed, on a store that holds no region: the
 * `examples/tongxiang-2018` dataset (桐乡市 330483 with its records, 2018–2019
 * ledger, targets and scheme) when it is there, else 桐乡市 and its 11 towns only.
 */
export const seedTongxiang2018: SeedFunction = async (repository, { repoRoot }) => {
  if ((await repository.listRegions()).length > 0) return [];
  const dataDir = join(repoRoot, 'examples', 'tongxiang-2018', 'data');
  if (existsSync(dataDir)) return seedFromExample(repository, dataDir);
  const region = await repository.saveRegion(TONGXIANG_2018_INPUT, SEED_CONTEXT);
  return [
    `seeded ${region.name} (${region.code}) with ${region.towns.length} towns`,
    `no example data at ${dataDir}: serving the region and its towns only`,
  ];
};
