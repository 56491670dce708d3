import { Rational } from '../exact/rational';
import type { EnterpriseAnnualData } from '../model/annual-data';
import { type Area, Money } from '../quantity/kinds';
import type { Commitment, GrantStage } from './commitments';
import { GRANT_INDICATORS, type GrantIndicator, type GrantIndicatorUnit } from './indicators';
import type { ConstructionFacts, LandGrant } from './model';

/**
 * Definitions counties differ on (口径), as options of a check. Defaults follow the
 * reading most 标准地 contracts print; each county states its own.
 */
export interface GrantCheckOptions {
  /**
   * 投资强度 = 固定资产投资 / 出让面积; with `true`, the land price (成交价, else 起始价) is
   * counted in the investment (含土地价款). Default `false` (不含土地价款).
   */
  readonly investmentIncludesLandPrice?: boolean;
  /**
   * The area per-mu figures (亩均税收, 亩均销售) divide by: `granted` the grant's 出让面积
   * (default), or `used` the firm's 用地面积 in its annual data that year.
   */
  readonly perMuArea?: 'granted' | 'used';
  /** The annual figure behind 亩均销售: `sales` 销售收入 (default) or `revenue` 营业收入. */
  readonly salesFigure?: 'sales' | 'revenue';
}

export const DEFAULT_CHECK_OPTIONS: Required<GrantCheckOptions> = {
  investmentIncludesLandPrice: false,
  perMuArea: 'granted',
  salesFigure: 'sales',
};

/** A commitment's state at a check. */
export type CommitmentStatus = 'met' | 'short' | 'notDue' | 'noData';

/** One commitment at a check: committed, actual (exact), met or short by how much. */
export interface CommitmentCheck {
  readonly indicator: GrantIndicator;
  readonly stage: GrantStage;
  readonly comparator: Commitment['comparator'];
  readonly unit: GrantIndicatorUnit;
  /** The committed value (`atLeast`/`atMost`), else null. */
  readonly value: Rational | null;
  readonly min: Rational | null;
  readonly max: Rational | null;
  /** The statistical year of the 达产复核 (year of 投产 + offset), or null (竣工验收, or no 投产 yet). */
  readonly checkYear: number | null;
  readonly status: CommitmentStatus;
  /** The actual value in `unit`, exact; null when not due or without data. */
  readonly actual: Rational | null;
  /** How far the actual falls short of the commitment (positive), in `unit`; null unless `short`. */
  readonly shortfall: Rational | null;
  /** For a per-mu money indicator: shortfall × 出让面积 (万元), the amount a 差额补缴 rule starts from. */
  readonly shortfallTotal: Money | null;
  /** Why the status is `noData` or `notDue`, in words. */
  readonly reason: string | null;
}

/** Overall verdict of a grant at a check. */
export type GrantVerdict = 'compliant' | 'shortfall' | 'incomplete' | 'notDue';

/** What checking one grant in one year found. */
export interface GrantCompliance {
  readonly grantId: string;
  readonly townCode: string;
  readonly granteeUscc: string | null;
  readonly year: number;
  readonly area: Area;
  readonly rows: readonly CommitmentCheck[];
  readonly verdict: GrantVerdict;
}

/** What a check reads besides the grant: the grantee's annual data for `year`, if any. */
export interface GrantCheckInput {
  /** The statistical year checked (`mujun grants check --year`). */
  readonly year: number;
  /** The grantee's annual data for `year`. */
  readonly annual?: EnterpriseAnnualData | undefined;
  readonly options?: GrantCheckOptions;
}

/** The statistical year of a 达产复核: the year of 投产 plus the offset; null before 投产. */
export function productionCheckYear(grant: LandGrant, c: Pick<Commitment, 'offsetYears'>): number | null {
  return grant.productionOn === undefined ? null : Number(grant.productionOn.slice(0, 4)) + c.offsetYears;
}

type Actual = { value: Rational } | { missing: string };

const missing = (why: string): Actual => ({ missing: why });

function ratio(num: Rational | undefined, den: Rational | undefined, what: string, scale = Rational.ONE): Actual {
  if (num === undefined) return missing(`no ${what.split('/')[0]}`);
  if (den === undefined) return missing(`no ${what.split('/')[1]}`);
  if (den.isZero()) return missing(`${what.split('/')[1]} is zero`);
  return { value: num.dividedBy(den).times(scale) };
}

const HUNDRED = Rational.of(100n);

function constructionActual(
  grant: LandGrant,
  facts: ConstructionFacts,
  indicator: GrantIndicator,
  o: Required<GrantCheckOptions>,
): Actual {
  const landM2 = grant.area.in('squareMetre');
  const m2 = (a: Area | undefined) => a?.in('squareMetre');
  switch (indicator) {
    case 'investmentIntensity': {
      const fai = facts.fixedAssetInvestment;
      if (!fai) return missing('no fixedAssetInvestment');
      const total = o.investmentIncludesLandPrice ? fai.plus(grant.transactionPrice ?? grant.startPrice) : fai;
      return { value: total.in('wanYuan').dividedBy(grant.area.in('mu')) };
    }
    case 'equipmentShare':
      return ratio(
        facts.equipmentInvestment?.in('wanYuan'),
        facts.fixedAssetInvestment?.in('wanYuan'),
        'equipmentInvestment/fixedAssetInvestment',
        HUNDRED,
      );
    case 'floorAreaRatio':
      return ratio(m2(facts.floorArea), landM2, 'floorArea/area');
    case 'buildingDensity':
      return ratio(m2(facts.buildingFootprint), landM2, 'buildingFootprint/area', HUNDRED);
    case 'greenRatio':
      return ratio(m2(facts.greenArea), landM2, 'greenArea/area', HUNDRED);
    default:
      return missing(`${indicator} is not a construction fact`);
  }
}

function annualActual(
  grant: LandGrant,
  d: EnterpriseAnnualData,
  indicator: GrantIndicator,
  o: Required<GrantCheckOptions>,
): Actual {
  const wan = (m: Money | undefined) => m?.in('wanYuan');
  const area = o.perMuArea === 'granted' ? grant.area.in('mu') : d.landArea?.in('mu');
  const areaName = o.perMuArea === 'granted' ? 'area' : 'landArea';
  switch (indicator) {
    case 'taxPerMu':
      return ratio(wan(d.tax), area, `tax/${areaName}`);
    case 'salesPerMu':
      return ratio(wan(o.salesFigure === 'sales' ? d.sales : d.revenue), area, `${o.salesFigure}/${areaName}`);
    case 'valueAddedPerEnergy':
      return ratio(wan(d.valueAdded), d.energy?.in('tce'), 'valueAdded/energy');
    case 'valueAddedPerEmission':
      return ratio(wan(d.valueAdded), d.emissionEquivalent?.in('equivalentTonne'), 'valueAdded/emissionEquivalent');
    case 'rdShare':
      return ratio(wan(d.rdExpense), wan(d.revenue), 'rdExpense/revenue', HUNDRED);
    default:
      return missing(`${indicator} is not an annual figure`);
  }
}

/** How far `actual` falls short of the commitment (zero when met). */
export function shortfallOf(c: Commitment, actual: Rational): Rational {
  const zero = Rational.ZERO;
  switch (c.comparator) {
    case 'atLeast':
      return Rational.max(zero, (c.value as Rational).minus(actual));
    case 'atMost':
      return Rational.max(zero, actual.minus(c.value as Rational));
    case 'between': {
      const min = c.min as Rational;
      const max = c.max as Rational;
      if (actual.lessThan(min)) return min.minus(actual);
      if (actual.greaterThan(max)) return actual.minus(max);
      return zero;
    }
  }
}

function row(grant: LandGrant, c: Commitment, input: GrantCheckInput, o: Required<GrantCheckOptions>): CommitmentCheck {
  const def = GRANT_INDICATORS[c.indicator];
  const checkYear = c.stage === 'production' ? productionCheckYear(grant, c) : null;
  const base = {
    indicator: c.indicator,
    stage: c.stage,
    comparator: c.comparator,
    unit: def.unit,
    value: c.value ?? null,
    min: c.min ?? null,
    max: c.max ?? null,
    checkYear,
  };
  const none = (status: 'notDue' | 'noData', reason: string): CommitmentCheck => ({
    ...base,
    status,
    actual: null,
    shortfall: null,
    shortfallTotal: null,
    reason,
  });
  const yearEnd = `${input.year}-12-31`;
  let actual: Actual;
  if (c.stage === 'completion') {
    const facts = grant.construction;
    if (!facts || facts.surveyedOn > yearEnd) {
      const due = grant.agreedCompletionOn;
      if (due === undefined || due > yearEnd) return none('notDue', 'not surveyed; completion not yet due');
      return none('noData', `completion was due ${due}; no acceptance survey (竣工验收) recorded`);
    }
    actual = constructionActual(grant, facts, c.indicator, o);
  } else {
    if (checkYear === null) return none('notDue', 'not in production (投产) yet');
    if (input.year < checkYear) return none('notDue', `达产复核 is due for the year ${checkYear}`);
    if (def.source === 'construction') {
      if (!grant.construction) return none('noData', 'no acceptance survey (竣工验收) recorded');
      actual = constructionActual(grant, grant.construction, c.indicator, o);
    } else {
      if (!input.annual) return none('noData', `no annual data of the grantee for ${input.year}`);
      actual = annualActual(grant, input.annual, c.indicator, o);
    }
  }
  if ('missing' in actual) return none('noData', actual.missing);
  const shortfall = shortfallOf(c, actual.value);
  const short = !shortfall.isZero();
  return {
    ...base,
    status: short ? 'short' : 'met',
    actual: actual.value,
    shortfall: short ? shortfall : null,
    shortfallTotal: short && def.perMuMoney ? Money.wanYuan(shortfall.times(grant.area.in('mu'))) : null,
    reason: null,
  };
}

/** The overall verdict of rows: any short → shortfall; else any missing → incomplete; else all not due → notDue. */
export function verdictOf(rows: readonly CommitmentCheck[]): GrantVerdict {
  if (rows.some((r) => r.status === 'short')) return 'shortfall';
  if (rows.some((r) => r.status === 'noData')) return 'incomplete';
  if (rows.every((r) => r.status === 'notDue')) return 'notDue';
  return 'compliant';
}

/**
 * Checks a grant's commitments for a statistical year: 竣工验收 commitments from its
 * construction facts (once surveyed), 达产复核 commitments from the grantee's annual data
 * of `year` once `year` reaches the year of 投产 plus the offset. Exact throughout.
 */
export function checkGrant(grant: LandGrant, input: GrantCheckInput): GrantCompliance {
  const o = { ...DEFAULT_CHECK_OPTIONS, ...input.options };
  const rows = grant.commitments.map((c) => row(grant, c, input, o));
  return {
    grantId: grant.id,
    townCode: grant.townCode,
    granteeUscc: grant.granteeUscc ?? null,
    year: input.year,
    area: grant.area,
    rows,
    verdict: verdictOf(rows),
  };
}
