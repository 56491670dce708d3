import { type ClassCounts, invalid, type Kind, type Rate, ValidationError } from '@mujun/core';
import {
  type AreaGeometry,
  type DrawnAreaStatistics,
  defaultMapRun,
  drawnAreaSources,
  drawnAreaStatistics,
  lonLatPoint,
  MAP_CRS,
  type MapClasses,
  type MapLayers,
  mapClasses,
  mapLayers,
  polygonsOf,
  safeParseAreaGeometry,
  safeParsePoint,
  shapesAt,
} from '@mujun/core/geo';
import type { MujunBuilder } from '../builder';
import { type MujunContext, perRequest } from '../context';
import { parseJsonArgument, requireRegion } from '../lookups';
import { gatewayMessages } from '../messages';
import type { MujunRefs } from '../refs';
import { firmView } from '../run-policy';
import { readableRun } from './evaluation-runs';
import { sharedEvaluationTypes } from './evaluation-shared';

/*
 * 一张图 in GraphQL: map layers as GeoJSON feature collections, which town or
 * parcel a point lies in, and the statistics of a drawn polygon. Every figure
 * is computed by @mujun/core/geo; what a reader may see of a town's firms is
 * the read policy's `firmView` (its operators and the city admin), and core's
 * `mapLayers` leaves off what the reader may not see.
 */

/** Whether the principal may read the confidential figures of firms of `townCode` (the read policy, `firmView`). */
function mayReadTown(ctx: MujunContext, city: string): (townCode: string) => boolean {
  return (townCode) => firmView(ctx.principal, city, townCode, false).figures;
}

/** The stored shapes and firm locations of a region, read once per request. */
function shapesOf(ctx: MujunContext, city: string) {
  return perRequest(ctx, `geo:${city}`, async () => ({
    shapes: await ctx.repository.listGeometries(city),
    locations: await ctx.repository.listFirmLocations(city),
  }));
}

/**
 * The classes a map shows (core's `mapClasses` of the run's results): of the
 * run named (`run`, which the reader must be able to read — a draft is the
 * city admin's), else of the newest run of `year` in 公示 or final
 * (`defaultMapRun`, public classes); none without either.
 */
async function classesOf(
  ctx: MujunContext,
  city: string,
  year: number | undefined,
  runId: string | undefined,
): Promise<MapClasses | undefined> {
  let run: { readonly id: string } | undefined;
  if (runId !== undefined) {
    const named = await readableRun(ctx, runId, 'run');
    if (named.regionCode !== city) throw invalid('run', 'reference.run', gatewayMessages.unknownRun(runId));
    run = named;
  } else if (year !== undefined) {
    run = defaultMapRun(await ctx.repository.listRuns({ regionCode: city, year }), year);
  }
  if (run === undefined) return undefined;
  const id = run.id;
  return perRequest(ctx, `geo:classes:${id}`, async () => mapClasses(id, await ctx.repository.loadRunResults(id)));
}

/** The `run` argument of the map queries. */
const RUN_ARG_DESCRIPTION =
  'The evaluation run (评价批次) whose classes are shown; omitted: the newest run of the year in 公示 or final. A draft is the city admin’s only.';

/**
 * Positions a drawn polygon may have (绘制区域顶点上限): a statistic costs
 * firms × positions, so a hand-drawn area is kept small; larger areas are
 * imported shapes, not drawings.
 */
export const DRAWN_POLYGON_MAX_POSITIONS = 2_000;

/** The positions of a drawn geometry. */
function positionCount(g: AreaGeometry): number {
  return polygonsOf(g).reduce((n, rings) => n + rings.reduce((m, r) => m + r.length, 0), 0);
}

interface DrawnShape {
  readonly city: string;
  readonly stats: DrawnAreaStatistics;
  /** The run whose classes `byClass` counts; null: none (every firm under `none`). */
  readonly run: string | null;
  /** Whether the reader may read every covered firm's figures (else the sums are left off). */
  readonly figures: boolean;
}

/** The 腾退 area of one stage in a drawn area. */
interface StageArea {
  readonly stage: string;
  readonly area: DrawnAreaStatistics['landArea'];
}

/** A drawn area's class counts, every class present (zero when no covered firm has it). */
function classCounts(byClass: Readonly<Record<string, number>>): ClassCounts {
  const n = (k: keyof ClassCounts) => byClass[k] ?? 0;
  return { A: n('A'), B: n('B'), C: n('C'), D: n('D'), T: n('T'), none: n('none') };
}

export function addGeoTypes(builder: MujunBuilder, refs: MujunRefs): void {
  builder.scalarType('GeoJSON', {
    description:
      'A GeoJSON document (RFC 7946), here a FeatureCollection in CGCS2000 longitude/latitude (EPSG:4490, 2000国家大地坐标系) with coordinates as decimal strings. Output only.',
    serialize: (v) => v,
    parseValue: () => {
      throw new TypeError(gatewayMessages.outputOnly('GeoJSON'));
    },
  });

  const Layers = builder.objectRef<MapLayers & { readonly year: number | null; readonly run: string | null }>(
    'MapLayers',
  );
  Layers.implement({
    description:
      'The map layers of a city (一张图图层), as GeoJSON feature collections. Confidential properties (a firm’s 亩均税收; figures of a town with fewer than three firms) are present only for readers of that town: its operators and the city admin.',
    fields: (t) => ({
      year: t.int({
        nullable: true,
        description: 'The year of the figures shown (数据年度); null: layers without figures.',
        resolve: (l) => l.year,
      }),
      run: t.id({
        nullable: true,
        description: 'The evaluation run whose classes are shown (评价批次); null: no classes.',
        resolve: (l) => l.run,
      }),
      towns: t.field({
        type: 'GeoJSON',
        description:
          'Towns (镇街): code, name, per-town figures: firms with data, 亩均税收 (万元/亩, ratio of sums, 2 decimals half-up); `classes`: class counts in force of the run shown (A/B/C/D/T/none; left off for fewer than three classed firms outside the reader’s town).',
        resolve: (l) => l.towns,
      }),
      parcels: t.field({
        type: 'GeoJSON',
        description:
          'Parcels (地块): id, town, category, furthest 腾退 stage (腾退阶段), 标准地 grant id and status (`grantStatus`: the grant’s phase), measured area in m² (图斑面积).',
        resolve: (l) => l.parcels,
      }),
      firms: t.field({
        type: 'GeoJSON',
        description:
          'Firm points (企业点位): USCC, name, town, class in force in the run shown (`class`); 亩均税收 only for readers of the firm’s town.',
        resolve: (l) => l.firms,
      }),
    }),
  });

  const ShapesAt = builder.objectRef<{ towns: string[]; parcels: string[]; parks: string[] }>('ShapesAt');
  ShapesAt.implement({
    description: 'The shapes covering a point (点位所在): a point on a boundary counts as covered.',
    fields: (t) => ({
      towns: t.stringList({
        description: '12-digit codes of the towns (镇街) covering the point.',
        resolve: (s) => s.towns,
      }),
      parcels: t.stringList({
        description: 'Ids of the parcels (地块) covering the point.',
        resolve: (s) => s.parcels,
      }),
      parks: t.stringList({ description: 'Ids of the parks (园区) covering the point.', resolve: (s) => s.parks }),
    }),
  });

  const Stage = builder.objectRef<StageArea>('DrawnAreaStage');
  Stage.implement({
    description: 'The 腾退 area of one stage (腾退阶段面积) over the parcels of a drawn area.',
    fields: (t) => ({
      stage: t.string({
        description:
          'The stage: signed (签约), demolished (拆除), reclamationApproved (复垦立项), accepted (验收), reclaimedFarmland (复耕), reused (再利用).',
        resolve: (s) => s.stage,
      }),
      area: t.field({ type: refs.Area, description: 'Σ area of the stage (面积).', resolve: (s) => s.area }),
    }),
  });

  const { Counts } = sharedEvaluationTypes(builder, refs);
  const Drawn = builder.objectRef<DrawnShape>('DrawnAreaStatistics');
  Drawn.implement({
    description:
      'Statistics of a drawn polygon (自定义区域统计). The sums of firms’ figures are shown only to a reader who may read every covered firm’s figures (the city admin; a town operator whose polygon covers firms of its own town only): otherwise they are null, since two drawn areas differing by one firm would reveal it.',
    fields: (t) => ({
      firms: t.stringList({
        description: 'USCCs of the firms whose location the polygon covers (企业), sorted.',
        resolve: (d) => [...d.stats.firms],
      }),
      firmCount: t.int({
        description: 'How many firms the polygon covers (企业数).',
        resolve: (d) => d.stats.firms.length,
      }),
      run: t.id({
        nullable: true,
        description:
          'The evaluation run whose classes `byClass` counts (评价批次); null: no run, every firm under none.',
        resolve: (d) => d.run,
      }),
      byClass: t.field({
        type: Counts,
        description:
          'The covered firms per class in force in the run (分类企业数; public, as the 公示名单 is); `none`: without a class in it.',
        resolve: (d) => classCounts(d.stats.byClass),
      }),
      parcels: t.stringList({
        description: 'Ids of the parcels whose centroid the polygon covers (地块), sorted.',
        resolve: (d) => [...d.stats.parcels],
      }),
      vacating: t.field({
        type: [Stage],
        description: 'Σ 腾退 area per stage over those parcels (腾退面积).',
        resolve: (d) => Object.entries(d.stats.vacating).map(([stage, area]) => ({ stage, area })),
      }),
      figuresShown: t.boolean({
        description: 'Whether the firms’ sums below are shown to this reader (数据可见).',
        resolve: (d) => d.figures,
      }),
      tax: t.field({
        type: refs.Money,
        nullable: true,
        description: 'Σ 税收 of the covered firms with both tax and land (税收合计); null when hidden.',
        resolve: (d) => (d.figures ? d.stats.tax : null),
      }),
      landArea: t.field({
        type: refs.Area,
        nullable: true,
        description: 'Σ 用地面积 of those firms (用地面积合计); null when hidden.',
        resolve: (d) => (d.figures ? d.stats.landArea : null),
      }),
      taxPerMu: t.field({
        type: refs.Rate,
        nullable: true,
        description: '亩均税收 as Σ税收 / Σ用地 (a ratio of sums); null when hidden or without land.',
        resolve: (d) => (d.figures && d.stats.taxPerMu ? (d.stats.taxPerMu as unknown as Rate<Kind, Kind>) : null),
      }),
    }),
  });

  builder.queryFields((t) => ({
    mapLayers: t.field({
      type: Layers,
      description:
        'The map layers of a city (一张图): towns, parcels and firm points as GeoJSON, properties filtered by the read policy.',
      args: {
        city: t.arg.id({ required: true, description: '6-digit code of the city (县市代码).' }),
        year: t.arg.int({
          required: false,
          description: 'Year of the figures (数据年度); omitted: no figures, and no classes unless `run` is given.',
        }),
        run: t.arg.id({ required: false, description: RUN_ARG_DESCRIPTION }),
      },
      resolve: async (_r, a, ctx) => {
        const region = await requireRegion(ctx, a.city);
        const year = a.year ?? undefined;
        const snapshot = await ctx.loaders.snapshot.load(region.code);
        if (!snapshot) throw invalid('city', 'reference.region', gatewayMessages.unknownRegion(a.city));
        const { shapes, locations } = await shapesOf(ctx, region.code);
        const classes = await classesOf(ctx, region.code, year, a.run ?? undefined);
        const layers = mapLayers({
          registry: snapshot.registry,
          ledger: await ctx.loaders.ledger.load(region.code),
          shapes,
          locations,
          ...(year === undefined ? {} : { year }),
          classes,
          grants: await ctx.repository.listGrants({ regionCode: region.code }),
          mayReadTown: mayReadTown(ctx, region.code),
        });
        return { ...layers, year: year ?? null, run: classes?.runId ?? null };
      },
    }),
    shapesAt: t.field({
      type: ShapesAt,
      description: 'Which towns, parcels and parks of a city a point lies in (点位所在镇街、地块).',
      args: {
        city: t.arg.id({ required: true, description: '6-digit code of the city (县市代码).' }),
        longitude: t.arg({ type: 'Decimal', required: true, description: 'CGCS2000 longitude in degrees (经度).' }),
        latitude: t.arg({ type: 'Decimal', required: true, description: 'CGCS2000 latitude in degrees (纬度).' }),
      },
      resolve: async (_r, a, ctx) => {
        const parsed = safeParsePoint({ type: 'Point', coordinates: [a.longitude, a.latitude] }, MAP_CRS, 'point');
        if (!parsed.ok) throw new ValidationError(parsed.issues);
        const region = await requireRegion(ctx, a.city);
        const point = lonLatPoint({ crs: MAP_CRS, geometry: parsed.value });
        const { shapes } = await shapesOf(ctx, region.code);
        const of = (subject: string) =>
          shapesAt(
            shapes.filter((s) => s.subject === subject),
            point,
          );
        return { towns: of('town'), parcels: of('parcel'), parks: of('park') };
      },
    }),
    drawnAreaStatistics: t.field({
      type: Drawn,
      description: 'Statistics of a drawn polygon (自定义区域统计): firms, 亩均税收 as a ratio of sums, 腾退 areas.',
      args: {
        city: t.arg.id({ required: true, description: '6-digit code of the city (县市代码).' }),
        year: t.arg.int({ required: true, description: 'Year of the firms’ figures (数据年度).' }),
        run: t.arg.id({ required: false, description: RUN_ARG_DESCRIPTION }),
        polygon: t.arg.string({
          required: true,
          description:
            'The drawn area (绘制区域): a GeoJSON Polygon or MultiPolygon as JSON text, in CGCS2000 longitude/latitude; rings closed, not self-intersecting; at most 2 000 positions (DRAWN_POLYGON_MAX_POSITIONS).',
        }),
      },
      resolve: async (_r, a, ctx) => {
        const parsed = safeParseAreaGeometry(parseJsonArgument(a.polygon, 'polygon'), MAP_CRS, 'polygon');
        if (!parsed.ok) throw new ValidationError(parsed.issues);
        const positions = positionCount(parsed.value);
        if (positions > DRAWN_POLYGON_MAX_POSITIONS) {
          throw invalid(
            'polygon',
            'geometry.limit',
            gatewayMessages.drawnTooLarge(positions, DRAWN_POLYGON_MAX_POSITIONS),
          );
        }
        const year = a.year;
        const region = await requireRegion(ctx, a.city);
        const snapshot = await ctx.loaders.snapshot.load(region.code);
        if (!snapshot) throw invalid('city', 'reference.region', gatewayMessages.unknownRegion(a.city));
        const { shapes, locations } = await shapesOf(ctx, region.code);
        const registry = snapshot.registry;
        const classes = await classesOf(ctx, region.code, year, a.run ?? undefined);
        const sources = drawnAreaSources({
          registry,
          ledger: await ctx.loaders.ledger.load(region.code),
          shapes,
          locations,
          year,
          classes,
        });
        const drawn = { crs: MAP_CRS, geometry: parsed.value };
        // The store's spatial engine (PostGIS) answers which firms and parcels the area takes in
        // where it has one; the sums are core's either way.
        const members = await ctx.repository.drawnAreaMembers?.(region.code, drawn);
        const stats = drawnAreaStatistics(drawn, sources, members);
        const may = mayReadTown(ctx, region.code);
        const figures = stats.firms.every((u) => {
          const town = registry.enterprises.get(u)?.townCode;
          return town !== undefined && may(town);
        });
        return { city: region.code, stats, figures, run: classes?.runId ?? null };
      },
    }),
  }));
}
