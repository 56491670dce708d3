import { resolve } from 'node:path';
import { exportDataset, importDataset, readDatasetDir, writeDatasetDir } from '@mujun/store';
import { type CliIo, EXIT, UsageError } from '../io';
import { progress } from '../progress';
import { cityOf, storeLocation, withStore } from '../store';

/** Registry files only: the region, enterprises, parcels and parks, without figures or events. */
const REGISTRY_ONLY = new Set(['towns.csv', 'enterprises.csv', 'parcels.csv', 'parks.csv', 'park-phases.csv']);

/** `mujun load <dir>`: a canonical CSV dataset (docs/dataset.md) into the store, all or nothing. */
export async function loadCommand(
  io: CliIo,
  dir: string,
  flags: { registryOnly?: boolean; json?: boolean },
): Promise<number> {
  const all = await readDatasetDir(resolve(io.cwd, dir)).catch(() => {
    throw new UsageError(`cannot read the folder ${dir}`);
  });
  const files = flags.registryOnly
    ? Object.fromEntries(Object.entries(all).filter(([n]) => REGISTRY_ONLY.has(n)))
    : all;
  if (!files['towns.csv']) throw new UsageError(`${dir} has no towns.csv: not a mujun dataset folder`);
  const bar = progress(io, flags.json === true);
  let started = false;
  const result = await withStore(io, (store) =>
    importDataset(
      store.repository,
      files,
      { actor: 'cli:load' },
      {
        onProgress: (p) => {
          if (!started) {
            bar.start(p.total, '写入');
            started = true;
          }
          bar.update(p.rows, p.phase);
        },
      },
    ),
  );
  bar.stop();
  if (flags.json) io.out(JSON.stringify({ ...result, files: Object.keys(files) }, null, 2));
  else
    io.out(
      `已载入 ${result.regionCode}: ${result.rows} 行 (${Object.keys(files).join(', ')}) → ${storeLocation(io).label}`,
    );
  return EXIT.ok;
}

/** `mujun export <dir>`: a region back to the canonical CSV dataset. */
export async function exportCommand(io: CliIo, dir: string, flags: { city?: string; json?: boolean }): Promise<number> {
  const target = resolve(io.cwd, dir);
  const files = await withStore(io, async (store) => exportDataset(store.repository, await cityOf(store, flags.city)));
  await writeDatasetDir(target, files);
  if (flags.json) io.out(JSON.stringify({ dir: target, files: Object.keys(files) }, null, 2));
  else io.out(`已导出到 ${target}: ${Object.keys(files).join(', ')}`);
  return EXIT.ok;
}
