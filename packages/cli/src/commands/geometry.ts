import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { parseDivisionCode } from '@mujun/core';
import { defaultMapRun, isPublishedRun, MAP_CRS, mapClasses, mapLayers } from '@mujun/core/geo';
import { type GeometryUpload, type IntakeIssue, importGeometries } from '@mujun/intake';
import { listFirmLocations, listGeometries } from '@mujun/store';
import { type CliIo, EXIT, UsageError } from '../io';
import { cityOf, withStore } from '../store';

/** Geometry files `mujun import` takes instead of spreadsheets. */
const GEOMETRY_EXTENSIONS = new Set(['.geojson', '.shp']);

/** Whether every file given to `mujun import` is a geometry file (GeoJSON or a Shapefile's .shp). */
export function isGeometryImport(files: readonly string[]): boolean {
  return files.length > 0 && files.every((f) => GEOMETRY_EXTENSIONS.has(extname(f).toLowerCase()));
}

/**
 * The files of one geometry import as `readGeometryUploads` takes them: a
 * .geojson as it is, a .shp with its .dbf, .prj and (if present) .cpg beside
 * it, found by name in either case (DLTB.shp, DLTB.DBF).
 */
async function collectGeometryFiles(io: CliIo, file: string): Promise<GeometryUpload[]> {
  const path = resolve(io.cwd, file);
  const name = basename(file);
  if (extname(file).toLowerCase() === '.geojson') return [{ name, bytes: await readFile(path) }];
  const stem = path.slice(0, -4);
  const parts: GeometryUpload[] = [{ name, bytes: await readFile(path) }];
  for (const ext of ['.dbf', '.prj', '.cpg']) {
    for (const e of [ext, ext.toUpperCase()]) {
      const bytes = await readFile(stem + e).catch(() => undefined);
      if (bytes) {
        parts.push({ name: basename(stem + e), bytes });
        break;
      }
    }
  }
  return parts;
}

function formatIssue(i: IntakeIssue): string {
  return `${i.file} #${i.row}${i.column ? ` [${i.column}]` : ''}${i.value ? ` “${i.value}”` : ''}: ${i.message} (${i.rule})`;
}

/**
 * `mujun import <files…>` with GeoJSON or Shapefiles: parcels (matched by
 * 地块编号 or 不动产单元号) or, with `--layer towns`, town boundaries. All files
 * all or nothing: one bad feature and nothing is written (exit 1).
 */
export async function importGeometryCommand(
  io: CliIo,
  files: readonly string[],
  flags: { city?: string; layer?: string; dryRun?: boolean; json?: boolean },
): Promise<number> {
  const layer = flags.layer ?? 'parcels';
  if (layer !== 'parcels' && layer !== 'towns') throw new UsageError(`--layer is parcels or towns, not ${layer}`);
  const uploads = (await Promise.all(files.map((f) => collectGeometryFiles(io, f)))).flat();
  return withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    if (!(await store.repository.getRegion(city))) throw new UsageError(`no region ${city} in the store`);
    const result = await importGeometries(store.repository, {
      regionCode: city,
      layer,
      files: uploads,
      ...(flags.dryRun ? { dryRun: true } : {}),
      context: { actor: 'cli:import' },
    });
    const { ok, issues } = result;
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            ok,
            written: result.written,
            files: result.files.map((r) => ({ file: r.file, crs: r.crs, encoding: r.encoding, features: r.features })),
            issues,
          },
          null,
          2,
        ),
      );
    } else {
      for (const r of result.files) io.out(`${r.file}: ${r.features} 个要素, ${r.crs}, ${r.encoding}`);
      for (const i of issues) io.out(formatIssue(i));
      io.out(
        ok
          ? `${flags.dryRun ? '检查通过 (未写入)' : '已写入'} ${result.matched} 个${layer === 'towns' ? '镇街' : '地块'}图形`
          : `有 ${issues.length} 个问题: 未写入任何图形 (全部或全不)`,
      );
    }
    return ok ? EXIT.ok : EXIT.data;
  });
}

/**
 * `mujun export <dir> --geojson`: the map layers (towns.geojson, parcels.geojson,
 * firms.geojson) in CGCS2000 longitude/latitude. `--public` writes what a
 * viewer may read: no firm's class or figures, no figures of a town with
 * fewer than three firms.
 */
export async function exportGeoJsonCommand(
  io: CliIo,
  dir: string,
  flags: { city?: string; year?: string; run?: string; public?: boolean; json?: boolean },
): Promise<number> {
  const year = flags.year === undefined ? undefined : Number(flags.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UsageError(`--year ${flags.year} is not a year`);
  const mayRead = (): boolean => flags.public !== true;
  const target = resolve(io.cwd, dir);
  const layers = await withStore(io, async (store) => {
    const city = await cityOf(store, flags.city);
    const registry = await store.repository.loadRegistry(city);
    if (!registry) throw new UsageError(`no region ${city} in the store`);
    // The classes of the run named, else of the newest run of the year in 公示 or final; a
    // public export shows a published run's classes only (a draft's are the city admin's).
    const run = flags.run
      ? await store.repository.getRun(flags.run)
      : year === undefined
        ? undefined
        : defaultMapRun(await store.repository.listRuns({ regionCode: city, year }), year);
    if (flags.run && (run === undefined || run.regionCode !== city || (flags.public && !isPublishedRun(run)))) {
      throw new UsageError(
        `--run ${flags.run}: no evaluation run of ${city} that ${flags.public ? 'a viewer' : 'you'} may read`,
      );
    }
    return mapLayers({
      registry,
      ledger: await store.repository.loadLedger(parseDivisionCode(city, 'city')),
      shapes: await listGeometries(store.sql, city),
      locations: await listFirmLocations(store.sql, city),
      ...(year === undefined ? {} : { year }),
      ...(run ? { classes: mapClasses(run.id, await store.repository.loadRunResults(run.id)) } : {}),
      grants: await store.repository.listGrants({ regionCode: city }),
      mayReadTown: mayRead,
    });
  });
  await mkdir(target, { recursive: true });
  const written: Record<string, number> = {};
  for (const [name, layer] of Object.entries(layers)) {
    const file = `${name}.geojson`;
    const doc = { ...layer, crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${MAP_CRS.slice(5)}` } } };
    await writeFile(join(target, file), `${JSON.stringify(doc)}\n`);
    written[file] = layer.features.length;
  }
  if (flags.json) io.out(JSON.stringify({ dir: target, files: written }, null, 2));
  else
    io.out(
      `已导出图层到 ${target}: ${Object.entries(written)
        .map(([f, n]) => `${f} (${n})`)
        .join(', ')}`,
    );
  return EXIT.ok;
}
