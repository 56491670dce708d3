import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Repository, TONGXIANG_2018_INPUT, type WriteContext } from '@mujun/core';

/** Fills an empty store on first start; returns lines to print. Injectable in `runGateway`. */
export type SeedFunction = (repository: Repository, options: { readonly repoRoot: string }) => Promise<string[]>;

const SEED_CONTEXT: WriteContext = { actor: 'seed:tongxiang-2018' };

/**
 * Hook for the `examples/tongxiang-2018` dataset. TODO(examples issue): load
 * `examples/tongxiang-2018/data` (enterprises, parcels, parks, annual data,
 * campaign events) into the repository here. Until that loader exists the
 * gateway serves the region and its towns only, and says so.
 */
export async function seedFromExample(_repository: Repository, dataDir: string): Promise<string[]> {
  if (!existsSync(dataDir)) return [`no example data at ${dataDir}: serving the region and its towns only`];
  return [`example data found at ${dataDir}, but its loader is not written yet (TODO): serving the region only`];
}

/**
 * The default seed: 桐乡市 2018 (330483, 11 towns) when the store holds no
 * region, then the example dataset through `seedFromExample`.
 */
export const seedTongxiang2018: SeedFunction = async (repository, { repoRoot }) => {
  if ((await repository.listRegions()).length > 0) return [];
  const region = await repository.saveRegion(TONGXIANG_2018_INPUT, SEED_CONTEXT);
  const lines = [`seeded ${region.name} (${region.code}) with ${region.towns.length} towns`];
  return [...lines, ...(await seedFromExample(repository, join(repoRoot, 'examples', 'tongxiang-2018', 'data')))];
};
