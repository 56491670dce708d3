import { graphql } from '../gql';
import type { EvaluationClass } from '../gql/graphql';
import {
  EVALUATION_CLASS_LABELS,
  GRANT_PHASE_LABELS,
  PARCEL_CATEGORY_LABELS,
  UI,
  VACATING_STAGE_LABELS,
} from '../labels';
import { useGateway } from '../session';
import { Failed, Loading } from './common';
import type { FirmProps, ParcelProps, TownProps } from './map-geometry';

/** A firm as any reader may look it up; its year's figures are null where the gateway does not show them. */
const MapFirmDocument = graphql(`
  query MapFirm($uscc: ID!, $year: Int!) {
    enterprise(uscc: $uscc) {
      uscc
      name
      town {
        name
      }
      industry {
        code
        name
      }
      annualData(year: $year) {
        tax {
          wanYuan(places: 2, rounding: HALF_UP)
        }
        landArea {
          mu(places: 2, rounding: HALF_UP)
        }
        taxPerMu {
          value(places: 2, rounding: HALF_UP)
        }
      }
    }
  }
`);

/** What was clicked on the map. */
export type Selected =
  | { readonly kind: 'firm'; readonly firm: FirmProps; readonly class: EvaluationClass | 'none' }
  | { readonly kind: 'parcel'; readonly parcel: ParcelProps };

/** The side panel of the map: the clicked firm (企业) or parcel (地块). */
export function MapPanel({
  year,
  selected,
  towns,
}: {
  readonly year: number;
  readonly selected: Selected | undefined;
  readonly towns: readonly TownProps[];
}) {
  const townName = (code: string) => towns.find((t) => t.code === code)?.name ?? code;
  return (
    <aside className="panel" data-testid="map-panel" aria-labelledby="map-panel-heading">
      <h3 id="map-panel-heading">
        {selected?.kind === 'parcel' ? UI.map.parcelHeading : selected ? UI.map.firmHeading : UI.panelHeading}
      </h3>
      {selected === undefined ? <p className="muted">{UI.map.panelHint}</p> : null}
      {selected?.kind === 'firm' ? <FirmBody key={selected.firm.uscc} selected={selected} year={year} /> : null}
      {selected?.kind === 'parcel' ? (
        <ParcelBody parcel={selected.parcel} town={townName(selected.parcel.townCode)} />
      ) : null}
    </aside>
  );
}

function FirmBody({
  selected,
  year,
}: {
  readonly selected: Extract<Selected, { kind: 'firm' }>;
  readonly year: number;
}) {
  const q = useGateway('map-firm', MapFirmDocument, { uscc: selected.firm.uscc, year });
  if (q.isPending) return <Loading />;
  if (q.error) return <Failed error={q.error} />;
  const e = q.data.enterprise;
  if (!e) return <p className="muted">{UI.noResult}</p>;
  const d = e.annualData;
  return (
    <div data-uscc={e.uscc}>
      <p>
        <strong data-testid="map-firm-name">{e.name}</strong>
      </p>
      <dl className="facts">
        <dt>{UI.map.uscc}</dt>
        <dd>{e.uscc}</dd>
        <dt>{UI.map.town}</dt>
        <dd>{e.town.name}</dd>
        <dt>{UI.map.industry}</dt>
        <dd>{e.industry.name}</dd>
        <dt>{UI.map.class}</dt>
        <dd data-testid="map-firm-class">
          {selected.class === 'none' ? UI.map.unclassified : EVALUATION_CLASS_LABELS[selected.class]}
        </dd>
        <dt>{UI.map.tax}</dt>
        <dd>{d?.tax?.wanYuan ?? UI.notShown}</dd>
        <dt>{UI.map.landArea}</dt>
        <dd>{d?.landArea?.mu ?? UI.notShown}</dd>
        <dt>{UI.map.taxPerMu}</dt>
        <dd data-testid="map-firm-tax-per-mu">{d?.taxPerMu?.value ?? UI.notShown}</dd>
      </dl>
    </div>
  );
}

function ParcelBody({ parcel, town }: { readonly parcel: ParcelProps; readonly town: string }) {
  const category = PARCEL_CATEGORY_LABELS[parcel.category as keyof typeof PARCEL_CATEGORY_LABELS] ?? parcel.category;
  const stage = parcel.stage
    ? (VACATING_STAGE_LABELS[parcel.stage as keyof typeof VACATING_STAGE_LABELS] ?? parcel.stage)
    : UI.map.noStage;
  // The grant's phase is public (its published dates and grantee); its compliance verdict is not on the layer.
  const grant = parcel.grantStatus
    ? `${parcel.grantId ?? ''} · ${GRANT_PHASE_LABELS[parcel.grantStatus as keyof typeof GRANT_PHASE_LABELS] ?? parcel.grantStatus}`
    : UI.map.noGrant;
  return (
    <div data-parcel={parcel.id}>
      <dl className="facts">
        <dt>{UI.map.parcelId}</dt>
        <dd data-testid="map-parcel-id">{parcel.id}</dd>
        <dt>{UI.map.town}</dt>
        <dd>{town}</dd>
        <dt>{UI.map.category}</dt>
        <dd>{category}</dd>
        <dt>{UI.map.stage}</dt>
        <dd data-testid="map-parcel-stage">{stage}</dd>
        <dt>{UI.map.grant}</dt>
        <dd data-testid="map-parcel-grant" data-grant-status={parcel.grantStatus ?? ''}>
          {grant}
        </dd>
        <dt>{UI.map.measured}</dt>
        <dd>{parcel.measuredSquareMetres ?? '—'}</dd>
      </dl>
    </div>
  );
}
