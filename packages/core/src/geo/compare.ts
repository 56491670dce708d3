import { Rational } from '../exact';
import { Area } from '../quantity';

/**
 * How far a measured area (图斑面积) may lie from a registered (登记) or
 * approved (批准) one and still agree: the larger of `squareMetres` and
 * `share` of the measured area. Default: 1 m² or 0.5 %, whichever is larger
 * (see docs/map.md for why).
 */
export interface AreaTolerance {
  /** Absolute part, m² (decimal string). */
  readonly squareMetres: string;
  /** Relative part, a share of the measured area (0.005 = 0.5 %). */
  readonly share: string;
}

export const DEFAULT_AREA_TOLERANCE: AreaTolerance = { squareMetres: '1', share: '0.005' };

/** The areas one parcel carries, each optional but the measured one. */
export interface ParcelAreas {
  readonly parcelId: string;
  /** 图斑面积: the ellipsoidal area of the drawn shape (`measuredArea`). */
  readonly measured: Area;
  /** 登记面积: the area on the register (the parcel record's area). */
  readonly registered?: Area;
  /** 批准面积: the area approved (供地, 出让). */
  readonly approved?: Area;
  /** 腾退签约面积: the ledger's signed area of the parcel. */
  readonly signed?: Area;
}

/** What a comparison found. */
export type AreaFindingKind =
  /** 登记面积 differs from 图斑面积 beyond the tolerance. */
  | 'registeredMismatch'
  /** 批准面积 differs from 图斑面积 beyond the tolerance. */
  | 'approvedMismatch'
  /** 腾退签约面积 above 图斑面积 beyond the tolerance: more land signed than drawn. */
  | 'signedAboveDrawn';

/** One difference: `other − measured`, in m² and 亩 (exact; 亩 = m² × 3/2000). */
export interface AreaDifference {
  readonly kind: 'registered' | 'approved' | 'signed';
  readonly area: Area;
  /** other − measured. */
  readonly difference: Area;
  /** |difference| / measured, exact. */
  readonly share: Rational;
  readonly withinTolerance: boolean;
}

export interface AreaComparison {
  readonly parcelId: string;
  readonly measured: Area;
  readonly differences: readonly AreaDifference[];
  readonly findings: readonly AreaFindingKind[];
}

/** The tolerance for a measured area, as an area. */
export function toleranceFor(measured: Area, tolerance: AreaTolerance = DEFAULT_AREA_TOLERANCE): Area {
  const absolute = Area.squareMetres(tolerance.squareMetres, 'tolerance.squareMetres');
  const relative = measured.times(Rational.from(tolerance.share, 'tolerance.share'));
  return absolute.compare(relative) >= 0 ? absolute : relative;
}

/**
 * Compares a parcel's measured area with its registered, approved and signed
 * areas. Registered and approved areas disagree when they differ either way
 * beyond the tolerance; the signed area (腾退签约) is a finding only when it
 * lies above the drawn area beyond the tolerance.
 */
export function compareParcelAreas(
  areas: ParcelAreas,
  tolerance: AreaTolerance = DEFAULT_AREA_TOLERANCE,
): AreaComparison {
  const limit = toleranceFor(areas.measured, tolerance);
  const differences: AreaDifference[] = [];
  const findings: AreaFindingKind[] = [];
  const consider = (kind: AreaDifference['kind'], area: Area | undefined): void => {
    if (area === undefined) return;
    const difference = area.minus(areas.measured);
    const magnitude = difference.isNegative() ? difference.negated() : difference;
    const withinTolerance = (kind === 'signed' ? difference : magnitude).compare(limit) <= 0;
    const share = areas.measured.isZero() ? Rational.ZERO : magnitude.ratioTo(areas.measured);
    differences.push({ kind, area, difference, share, withinTolerance });
    if (!withinTolerance) {
      findings.push(
        kind === 'signed' ? 'signedAboveDrawn' : kind === 'registered' ? 'registeredMismatch' : 'approvedMismatch',
      );
    }
  };
  consider('registered', areas.registered);
  consider('approved', areas.approved);
  consider('signed', areas.signed);
  return { parcelId: areas.parcelId, measured: areas.measured, differences, findings };
}
