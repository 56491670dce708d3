/**
 * The area-mismatch report (面积比对) of the 2018 example: every parcel's
 * measured area (图斑, the ellipsoidal area of its SYNTHETIC shape in
 * data/geometry/parcels.geojson) against its registered area (登记, parcels.csv)
 * and its 腾退签约 area in the ledger, with the default tolerance (1 m² or 0.5 %).
 * `pnpm --filter @mujun/example-tongxiang-2018 area-mismatch`
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Area } from '@mujun/core';
import { type AreaComparison, compareParcelAreas } from '@mujun/core/geo';
import { matchParcelGeometries, readGeoJson } from '@mujun/intake';
import { DATA_DIR, loadDataset, readDataDir } from './data';

export interface AreaMismatchReport {
  readonly parcels: number;
  readonly compared: readonly AreaComparison[];
  readonly findings: readonly AreaComparison[];
}

export function areaMismatch(files = readDataDir(), geometryDir = join(DATA_DIR, 'geometry')): AreaMismatchReport {
  const { registry, ledger } = loadDataset(files);
  const table = readGeoJson('parcels.geojson', readFileSync(join(geometryDir, 'parcels.geojson')));
  const report = matchParcelGeometries(
    table,
    [...registry.parcels.keys()].map((id) => ({ id })),
  );
  if (!report.ok)
    throw new Error(`parcels.geojson: ${report.issues.length} issues, first ${JSON.stringify(report.issues[0])}`);
  const signed = new Map<string, Area>();
  for (const { event } of ledger.events()) {
    if (event.type !== 'vacatingStage' || event.stage !== 'signed') continue;
    signed.set(event.parcelId, (signed.get(event.parcelId) ?? Area.zero()).plus(event.area));
  }
  const compared = report.rows.map((r) => {
    const parcel = registry.parcels.get(r.parcelId);
    const s = signed.get(r.parcelId);
    return compareParcelAreas({
      parcelId: r.parcelId,
      measured: r.measuredArea,
      ...(parcel ? { registered: parcel.area } : {}),
      ...(s ? { signed: s } : {}),
    });
  });
  return { parcels: registry.parcels.size, compared, findings: compared.filter((c) => c.findings.length > 0) };
}

/** The report as a table: one line per finding, differences in m² and 亩 (2 decimals, half-up). */
export function formatAreaMismatch(report: AreaMismatchReport): string {
  const r2 = { places: 2, rounding: 'halfUp' } as const;
  const lines = [
    `parcels ${report.parcels}, drawn ${report.compared.length}, with findings ${report.findings.length} (tolerance 1 m² or 0.5 %)`,
    'parcel\tfinding\tmeasured m²\tother m²\tdifference m²\tdifference 亩',
  ];
  for (const c of report.findings) {
    for (const d of c.differences.filter((x) => !x.withinTolerance)) {
      lines.push(
        [
          c.parcelId,
          d.kind === 'signed' ? 'signedAboveDrawn' : `${d.kind}Mismatch`,
          c.measured.toFixed('squareMetre', r2),
          d.area.toFixed('squareMetre', r2),
          d.difference.toFixed('squareMetre', r2),
          d.difference.toFixed('mu', r2),
        ].join('\t'),
      );
    }
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatAreaMismatch(areaMismatch()));
}
