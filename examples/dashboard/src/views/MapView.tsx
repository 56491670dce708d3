import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type MouseEvent, useMemo, useRef, useState } from 'react';
import { request } from '../api';
import { graphql } from '../gql';
import type { DrawnAreaQuery, EvaluationClass } from '../gql/graphql';
import { EVALUATION_CLASS_LABELS, EVALUATION_RUN_STATUS, UI, VACATING_STAGE_LABELS } from '../labels';
import { useGateway, useSession } from '../session';
import { Failed, Loading } from './common';
import { EvaluationRunListDocument } from './Evaluation';
import { MapPanel, type Selected } from './MapPanel';
import {
  type AreaGeometry,
  areaPath,
  type ClassBreak,
  colourOf,
  type FirmProps,
  featureCollection,
  fitProjection,
  type ParcelProps,
  type PointGeometry,
  type Projection,
  percentHalfUp,
  pointAt,
  quantileBreaks,
  type TownProps,
} from './map-geometry';

const MapLayersDocument = graphql(`
  query MapLayers($city: ID!, $year: Int, $run: ID) {
    mapLayers(city: $city, year: $year, run: $run) {
      year
      run
      towns
      parcels
      firms
    }
  }
`);

const DrawnAreaDocument = graphql(`
  query DrawnArea($city: ID!, $year: Int!, $polygon: String!, $run: ID) {
    drawnAreaStatistics(city: $city, year: $year, polygon: $polygon, run: $run) {
      firms
      firmCount
      parcels
      run
      byClass {
        A
        B
        C
        D
        T
        none
      }
      figuresShown
      tax {
        wanYuan(places: 2, rounding: HALF_UP)
      }
      landArea {
        mu(places: 2, rounding: HALF_UP)
      }
      taxPerMu {
        value(places: 2, rounding: HALF_UP)
      }
      vacating {
        stage
        area {
          mu(places: 2, rounding: HALF_UP)
        }
      }
    }
  }
`);

const WIDTH = 760;
const PADDING = 12;
const NO_FIGURE = '#e4e7eb';

type Indicator = keyof typeof UI.map.indicators;
type ClassKey = EvaluationClass | 'none';

/** 腾退 stages in campaign order, each with its colour (light: early, dark: done). */
const STAGE_COLOURS: Readonly<Record<keyof typeof VACATING_STAGE_LABELS, string>> = {
  signed: '#fdd49e',
  demolished: '#fc8d59',
  reclamationApproved: '#d7301f',
  accepted: '#7f0000',
  reclaimedFarmland: '#41ab5d',
  reused: '#6a51a3',
};
const NO_STAGE = '#bcccdc';
/** The class colours of 亩均评价 (the same as its class chart). */
const CLASS_COLOURS: Readonly<Record<ClassKey, string>> = {
  A: '#2e7d32',
  B: '#1e88e5',
  C: '#f9a825',
  D: '#c62828',
  T: '#8e24aa',
  none: '#52606d',
};
const CLASS_KEYS = Object.keys(CLASS_COLOURS) as ClassKey[];

/** A drawn area as the GeoJSON Polygon text `drawnAreaStatistics` takes: the ring closed on its first vertex. */
function polygonText(vertices: readonly (readonly [string, string])[]): string {
  const first = vertices[0];
  return JSON.stringify({ type: 'Polygon', coordinates: [first ? [...vertices, first] : []] });
}

interface MapProps {
  readonly city: string;
  readonly year: number;
}

/**
 * 地图 (一张图): the towns' own shapes as the base — no tiles, no web fonts —
 * shaded by a chosen indicator, parcels by 腾退 stage, firm points by class;
 * a click opens the firm's or parcel's panel; a drawn polygon shows its
 * statistics. Everything shown is what the layers and queries give this
 * reader: the gateway leaves off what the reader may not see. Classes are
 * those of one evaluation run (the layer's `run`): the newest published run
 * of the year unless the reader picks another it may read.
 */
export function MapView({ city, year }: MapProps) {
  const { token } = useSession();
  // The same list as the 亩均评价 tab (same key: one request): the runs this reader may read, newest first.
  const runs = useGateway('evaluation-runs', EvaluationRunListDocument, { city, year });
  const [runChoice, setRunChoice] = useState('');
  // A run picked by another role (a draft, after signing out) is not asked for: the default run is.
  const run = runs.data?.evaluationRuns.some((r) => r.id === runChoice) ? runChoice : undefined;
  const layers = useGateway('map-layers', MapLayersDocument, { city, year, ...(run ? { run } : {}) });
  const [indicator, setIndicator] = useState<Indicator>('taxPerMu');
  const [showParcels, setShowParcels] = useState(true);
  const [showFirms, setShowFirms] = useState(true);
  const [selected, setSelected] = useState<Selected | undefined>();
  const [drawing, setDrawing] = useState(false);
  const [vertices, setVertices] = useState<readonly (readonly [string, string])[]>([]);
  const [polygon, setPolygon] = useState<string | undefined>();
  const svgRef = useRef<SVGSVGElement>(null);

  const drawn = useQuery({
    queryKey: ['drawn-area', city, year, polygon, run, token],
    queryFn: () => request(DrawnAreaDocument, { city, year, polygon: polygon ?? '', ...(run ? { run } : {}) }, token),
    enabled: polygon !== undefined,
    retry: false,
  });

  const parsed = useMemo(() => {
    if (!layers.data) return undefined;
    const m = layers.data.mapLayers;
    const towns = featureCollection<AreaGeometry, TownProps>(m.towns, 'towns');
    const parcels = featureCollection<AreaGeometry, ParcelProps>(m.parcels, 'parcels');
    const firms = featureCollection<PointGeometry, FirmProps>(m.firms, 'firms');
    const projection = fitProjection(
      towns.features.map((f) => f.geometry),
      WIDTH,
      PADDING,
    );
    const firmsById = new Map(firms.features.map((f) => [f.properties.uscc, f.properties]));
    const parcelsById = new Map(parcels.features.map((f) => [f.properties.id, f.properties]));
    return { towns, parcels, firms, projection, firmsById, parcelsById };
  }, [layers.data]);

  /** Each town's value of the chosen indicator, as the API's string (undefined: none or hidden). */
  const values = useMemo(() => {
    const out = new Map<string, string>();
    if (!parsed) return out;
    for (const f of parsed.towns.features) {
      const p = f.properties;
      if (indicator === 'abShare') {
        // The towns layer's class counts of the run shown (left off where the reader may not see them).
        const c = p.classes;
        const share = c ? percentHalfUp(c.A + c.B, c.A + c.B + c.C + c.D) : undefined;
        if (share !== undefined) out.set(p.code, share);
        continue;
      }
      const v = p[indicator];
      if (v !== undefined) out.set(p.code, String(v));
    }
    return out;
  }, [parsed, indicator]);
  const breaks = useMemo(() => quantileBreaks([...values.values()]), [values]);

  if (layers.isPending) return <Loading />;
  if (layers.error) return <Failed error={layers.error} />;
  if (!parsed) return <Loading />;
  const { towns, parcels, firms, projection, firmsById, parcelsById } = parsed;
  const shownRun = layers.data.mapLayers.run ?? undefined;
  const shownStatus = runs.data?.evaluationRuns.find((r) => r.id === shownRun)?.status;
  const classOf = (f: FirmProps): ClassKey => (f.class as EvaluationClass | undefined) ?? 'none';
  const indicators = Object.keys(UI.map.indicators) as Indicator[];

  const toLonLat = (e: MouseEvent<SVGSVGElement>): readonly [string, string] | undefined => {
    const svg = svgRef.current;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return undefined;
    const pt = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const [lon, lat] = projection.invert(pt.x, pt.y);
    // A drawn vertex is a pointer position, not a quantity: 6 decimals (≈ 0.1 m) is finer than a pixel.
    return [lon.toFixed(6), lat.toFixed(6)];
  };
  const finish = () => {
    setDrawing(false);
    if (vertices.length >= 3) setPolygon(polygonText(vertices));
  };
  const cancel = () => {
    setDrawing(false);
    setVertices([]);
  };

  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{UI.map.heading(layers.data.mapLayers.year ?? year)}</h2>
      <div className="toolbar">
        <label>
          {UI.map.indicator}{' '}
          <select
            value={indicator}
            onChange={(e) => setIndicator(e.target.value as Indicator)}
            data-testid="map-indicator"
          >
            {indicators.map((i) => (
              <option key={i} value={i}>
                {UI.map.indicators[i]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showParcels} onChange={(e) => setShowParcels(e.target.checked)} />{' '}
          {UI.map.parcels}
        </label>
        <label>
          <input type="checkbox" checked={showFirms} onChange={(e) => setShowFirms(e.target.checked)} /> {UI.map.firms}
        </label>
        <label>
          {UI.map.run}{' '}
          <select value={run ?? ''} onChange={(e) => setRunChoice(e.target.value)} data-testid="map-run-picker">
            <option value="">{UI.map.defaultRun}</option>
            {(runs.data?.evaluationRuns ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {`${r.id} · ${EVALUATION_RUN_STATUS[r.status]}`}
              </option>
            ))}
          </select>
        </label>
        {drawing ? (
          <>
            <button type="button" onClick={finish} disabled={vertices.length < 3} data-testid="map-finish">
              {UI.map.finishDraw}
            </button>
            <button type="button" onClick={cancel}>
              {UI.map.cancelDraw}
            </button>
            <span className="muted">{UI.map.drawHint}</span>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              setDrawing(true);
              setVertices([]);
              setPolygon(undefined);
            }}
            data-testid="map-draw"
          >
            {UI.map.draw}
          </button>
        )}
        {polygon && !drawing ? (
          <button
            type="button"
            onClick={() => {
              setPolygon(undefined);
              setVertices([]);
            }}
          >
            {UI.map.clearDraw}
          </button>
        ) : null}
      </div>
      <div className="map-split">
        <div className="map-frame">
          <svg
            ref={svgRef}
            viewBox={`0 0 ${projection.width} ${projection.height}`}
            role="application"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a drawing surface (role application): focus takes Enter and Escape
            tabIndex={0}
            aria-label={UI.map.mapLabel}
            data-testid="map"
            data-drawing={drawing ? 'true' : undefined}
            className={drawing ? 'map drawing' : 'map'}
            onClick={(e) => {
              if (drawing) {
                // The second click of a double click closes the area; it adds no vertex.
                if (e.detail > 1) return;
                const v = toLonLat(e);
                if (v) setVertices((was) => [...was, v]);
                return;
              }
              // One handler for thousands of shapes: the clicked one names itself.
              const hit = (e.target as Element).closest('[data-firm], [data-parcel]');
              const firm = firmsById.get(hit?.getAttribute('data-firm') ?? '');
              const parcel = parcelsById.get(hit?.getAttribute('data-parcel') ?? '');
              if (firm) setSelected({ kind: 'firm', firm, class: classOf(firm) });
              else if (parcel) setSelected({ kind: 'parcel', parcel });
            }}
            onDoubleClick={() => {
              if (drawing) finish();
            }}
            onKeyDown={(e) => {
              // Keyboard: Enter closes the area being drawn, Escape drops it.
              if (!drawing) return;
              if (e.key === 'Enter') finish();
              else if (e.key === 'Escape') cancel();
            }}
          >
            <g data-layer="towns">
              {towns.features.map((f) => {
                const value = values.get(f.properties.code);
                return (
                  <path
                    key={f.id}
                    d={areaPath(f.geometry, projection)}
                    fill={colourOf(value, breaks, NO_FIGURE)}
                    fillRule="evenodd"
                    stroke="#486581"
                    strokeWidth={1}
                    data-town={f.properties.name}
                    data-value={value ?? ''}
                  >
                    <title>{`${f.properties.name} · ${UI.map.indicators[indicator]} ${value ?? UI.map.noFigure}`}</title>
                  </path>
                );
              })}
            </g>
            {showParcels ? (
              <g data-layer="parcels">
                {parcels.features.map((f) => {
                  const stage = f.properties.stage as keyof typeof STAGE_COLOURS | undefined;
                  return (
                    <path
                      key={f.id}
                      d={areaPath(f.geometry, projection)}
                      fill={stage ? STAGE_COLOURS[stage] : NO_STAGE}
                      stroke="#334e68"
                      strokeWidth={0.3}
                      data-parcel={f.properties.id}
                      data-stage={stage ?? ''}
                      data-grant-status={f.properties.grantStatus ?? ''}
                    >
                      <title>{f.properties.id}</title>
                    </path>
                  );
                })}
              </g>
            ) : null}
            {showFirms ? (
              <g data-layer="firms">
                {firms.features.map((f) => {
                  const [x, y] = pointAt(f.geometry, projection);
                  const cls = classOf(f.properties);
                  return (
                    <circle
                      key={f.id}
                      cx={x.toFixed(1)}
                      cy={y.toFixed(1)}
                      r={2.2}
                      fill={CLASS_COLOURS[cls]}
                      stroke="#fff"
                      strokeWidth={0.4}
                      data-firm={f.properties.uscc}
                      data-class={cls}
                    >
                      <title>{f.properties.name}</title>
                    </circle>
                  );
                })}
              </g>
            ) : null}
            <g data-layer="labels" pointerEvents="none">
              {towns.features.map((f) => {
                const [x, y] = labelPoint(f.geometry, projection);
                return (
                  <text key={f.id} x={x} y={y} className="map-label" textAnchor="middle">
                    {f.properties.name}
                  </text>
                );
              })}
            </g>
            {vertices.length > 0 ? (
              <polygon
                points={vertices.map(([lon, lat]) => projection.project(Number(lon), Number(lat)).join(',')).join(' ')}
                className="map-drawn"
                data-testid="map-drawn"
                pointerEvents="none"
              />
            ) : null}
          </svg>
          <Legend
            indicator={indicator}
            breaks={breaks}
            run={shownRun}
            runStatus={shownStatus ? EVALUATION_RUN_STATUS[shownStatus] : undefined}
          />
        </div>
        <div>
          {polygon ? <DrawnStatistics polygon={polygon} q={drawn} /> : null}
          <MapPanel year={year} selected={selected} towns={towns.features.map((f) => f.properties)} />
        </div>
      </div>
    </section>
  );
}

/** Where a town's name goes: the middle of its largest outer ring's bounding box. */
function labelPoint(g: AreaGeometry, p: Projection): readonly [number, number] {
  const ring = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
    .map((rings) => rings[0] ?? [])
    .reduce((a, b) => (b.length > a.length ? b : a), []);
  const pts = ring.map(([x, y]) => p.project(Number(x), Number(y)));
  const xs = pts.map((q) => q[0]);
  const ys = pts.map((q) => q[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2 + 4];
}

function Legend({
  indicator,
  breaks,
  run,
  runStatus,
}: {
  readonly indicator: Indicator;
  readonly breaks: readonly ClassBreak[];
  /** The run whose classes the points show (the layer's `run`); undefined: none. */
  readonly run: string | undefined;
  readonly runStatus: string | undefined;
}) {
  return (
    <div className="map-legend" data-testid="map-legend">
      <div>
        <strong>{UI.map.indicators[indicator]}</strong>
        <ul>
          {breaks.map((b) => (
            <li key={b.upper} data-break={b.upper}>
              <span className="swatch" style={{ background: b.colour }} />
              {UI.map.legendBreak(b.lower, b.upper)}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NO_FIGURE }} />
            {UI.map.noFigure}
          </li>
        </ul>
      </div>
      <div>
        <strong>{UI.map.parcels}</strong>
        <ul>
          {(Object.keys(STAGE_COLOURS) as (keyof typeof STAGE_COLOURS)[]).map((s) => (
            <li key={s}>
              <span className="swatch" style={{ background: STAGE_COLOURS[s] }} />
              {VACATING_STAGE_LABELS[s]}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NO_STAGE }} />
            {UI.map.noStage}
          </li>
        </ul>
      </div>
      <div>
        <strong>{UI.map.firms}</strong>
        <ul>
          {CLASS_KEYS.map((c) => (
            <li key={c}>
              <span className="swatch dot" style={{ background: CLASS_COLOURS[c] }} />
              {c === 'none' ? UI.map.unclassified : EVALUATION_CLASS_LABELS[c]}
            </li>
          ))}
        </ul>
        <p className="muted" data-testid="map-run" data-run={run ?? ''}>
          {run ? UI.map.runShown(run, runStatus) : UI.map.noRun}
        </p>
      </div>
    </div>
  );
}

function DrawnStatistics({
  polygon,
  q,
}: {
  readonly polygon: string;
  readonly q: UseQueryResult<DrawnAreaQuery, Error>;
}) {
  const body = () => {
    if (q.isPending) return <Loading />;
    if (q.error) return <Failed error={q.error} />;
    const s = q.data.drawnAreaStatistics;
    return (
      <>
        <dl className="facts">
          <dt>{UI.map.drawnFirms}</dt>
          <dd data-testid="drawn-firms">{s.firmCount}</dd>
          <dt>{UI.map.drawnClasses}</dt>
          <dd data-testid="drawn-classes" data-run={s.run ?? ''}>
            {CLASS_KEYS.filter((c) => s.byClass[c] > 0).map((c, i) => (
              <span key={c} data-class={c} data-count={s.byClass[c]}>
                {`${i > 0 ? '，' : ''}${c === 'none' ? UI.map.unclassified : c} ${s.byClass[c]}`}
              </span>
            ))}
            {s.firmCount === 0 ? '—' : null}
          </dd>
          <dt>{UI.map.drawnTax}</dt>
          <dd data-testid="drawn-tax">{s.tax?.wanYuan ?? UI.notShown}</dd>
          <dt>{UI.map.drawnLand}</dt>
          <dd data-testid="drawn-land">{s.landArea?.mu ?? UI.notShown}</dd>
          <dt>{UI.map.drawnTaxPerMu}</dt>
          <dd data-testid="drawn-tax-per-mu">{s.taxPerMu?.value ?? UI.notShown}</dd>
          <dt>{UI.map.drawnParcels}</dt>
          <dd data-testid="drawn-parcels">{s.parcels.length}</dd>
        </dl>
        {s.figuresShown ? null : (
          <p className="muted" data-testid="drawn-hidden">
            {UI.map.drawnHidden}
          </p>
        )}
        <h4>{UI.map.drawnVacating}</h4>
        <dl className="facts" data-testid="drawn-vacating">
          {s.vacating.map((v) => (
            <div key={v.stage} className="contents" data-stage={v.stage}>
              <dt>{VACATING_STAGE_LABELS[v.stage as keyof typeof VACATING_STAGE_LABELS] ?? v.stage}</dt>
              <dd>{v.area.mu}</dd>
            </div>
          ))}
        </dl>
      </>
    );
  };
  return (
    <aside className="panel" data-testid="drawn-statistics" data-polygon={polygon}>
      <h3>{UI.map.drawnHeading}</h3>
      {body()}
    </aside>
  );
}
