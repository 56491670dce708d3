import { invalid } from '../errors';
import { Rational } from '../exact/rational';
import { type IsoDate, isIsoDate, yearOf } from '../model/date';
import { parcelCategorySchema } from '../model/land-parcel';
import { parkKindSchema } from '../model/park';
import { Quantity } from '../quantity/quantity';
import { type CampaignEvent, remediationOutcomeSchema, type VacatingStage, zombieDisposalMethodSchema } from './events';
import type { CampaignLedger } from './ledger';
import type { LedgerReferences } from './references';

/** Unit a measure is counted in: 家, 项, 亩, 平方米, 万元/亩. */
export type MeasureUnit = 'enterprise' | 'item' | 'mu' | 'squareMetre' | 'wanYuanPerMu';

/** What `category` means for a measure. */
export type CategoryDimension = 'landCategory' | 'remediationOutcome' | 'zombieMethod' | 'parkKind';

/** A period (both ends inclusive) and a scope: the whole city, one town, one category. */
export interface MeasureQuery {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** 12-digit town code; absent for the whole city. */
  readonly townCode?: string | undefined;
  /**
   * A category of the measure's dimension (see `categories`). For land, the
   * group `idle` stands for both 转而未供 and 供而未用.
   */
  readonly category?: string | undefined;
}

/** One dated amount a measure counts, attributed to a town and a category. */
export interface Contribution {
  readonly date: IsoDate;
  readonly townCode: string;
  readonly category: string | undefined;
  /** In the measure's unit. */
  readonly amount: Rational;
}

/** The names of the built-in measures. */
export type MeasureName =
  | 'lowScatteredRemediated'
  | 'backwardCapacityItems'
  | 'zombiesDisposed'
  | 'vacatingSigned'
  | 'vacatingDemolished'
  | 'reclamationApproved'
  | 'vacatingAccepted'
  | 'landReclaimedOrReused'
  | 'idleLandRevitalised'
  | 'inParkLandRemediated'
  | 'landRevitalised'
  | 'parkFloorAreaCompleted'
  | 'parkEntries'
  | 'aboveDesignatedSizeEnterprises'
  | 'aboveDesignatedTaxPerMuIncrease';

interface MeasureBase {
  readonly name: MeasureName;
  readonly unit: MeasureUnit;
  /** One-line definition (the TSDoc of each measure says the same). */
  readonly description: string;
  /** Per-town values add up to the city value (false for ratios). */
  readonly additive: boolean;
  readonly categoryDimension: CategoryDimension | undefined;
  /** The categories that partition the measure (their values add up to the total). */
  readonly categories: readonly string[];
}

/**
 * A measure summed from dated ledger events: its value for a query is the
 * sum of the contributions dated within the period and in scope, and its
 * running total gives the date a target was met.
 */
export interface DatedMeasure extends MeasureBase {
  readonly dated: true;
  contribution(event: CampaignEvent, refs: LedgerReferences): readonly Omit<Contribution, 'date' | 'townCode'>[];
}

/**
 * A measure over one year's enterprise data (年度数据), not over events: the
 * year is the year of the query's `to` date. No "date met" can be derived.
 */
export interface AnnualMeasure extends MeasureBase {
  readonly dated: false;
  annual(refs: LedgerReferences, year: number, townCode: string | undefined): Rational | undefined;
}

export type MeasureDefinition = DatedMeasure | AnnualMeasure;

const ONE = Rational.ONE;
const LAND = parcelCategorySchema.options;
const OUTCOMES = remediationOutcomeSchema.options;
const ZOMBIE = zombieDisposalMethodSchema.options;
const PARK_KINDS = parkKindSchema.options;

const inMu = (q: Quantity<'area'>) => q.in('mu');
const parcelCategory = (refs: LedgerReferences, id: string) => refs.parcel(id)?.category;
const parkKind = (refs: LedgerReferences, id: string) => refs.park(id)?.kind;

function dated(
  name: MeasureName,
  unit: MeasureUnit,
  description: string,
  categoryDimension: CategoryDimension | undefined,
  categories: readonly string[],
  contribution: DatedMeasure['contribution'],
): DatedMeasure {
  return { name, unit, description, additive: true, categoryDimension, categories, dated: true, contribution };
}

function stageMeasure(name: MeasureName, stages: readonly VacatingStage[], description: string): DatedMeasure {
  return dated(name, 'mu', description, 'landCategory', LAND, (e, refs) =>
    e.type === 'vacatingStage' && stages.includes(e.stage)
      ? [{ category: parcelCategory(refs, e.parcelId), amount: inMu(e.area) }]
      : [],
  );
}

/** 规上 firms of `year` in scope with their tax and land, for ratio-of-sums per-mu values. */
function aboveDesignated(refs: LedgerReferences, year: number, townCode: string | undefined) {
  const out: { tax: Quantity<'money'> | undefined; land: Quantity<'area'> | undefined }[] = [];
  for (const d of refs.annualData(year)) {
    if (d.scale !== 'aboveDesignatedSize') continue;
    if (townCode !== undefined && refs.enterprise(d.uscc)?.townCode !== townCode) continue;
    out.push({ tax: d.tax, land: d.landArea });
  }
  return out;
}

/** True when any enterprise reported data for `year`. */
function hasAnnualData(refs: LedgerReferences, year: number): boolean {
  for (const _ of refs.annualData(year)) return true;
  return false;
}

/** 亩均税收 of 规上 firms as a ratio of sums (Σ税收 / Σ用地, 万元/亩), over firms reporting both. */
export function aboveDesignatedTaxPerMu(refs: LedgerReferences, year: number, townCode?: string): Rational | undefined {
  let tax = Quantity.zero('money');
  let land = Quantity.zero('area');
  for (const f of aboveDesignated(refs, year, townCode)) {
    if (f.tax === undefined || f.land === undefined) continue;
    tax = tax.plus(f.tax);
    land = land.plus(f.land);
  }
  if (land.isZero()) return undefined;
  return tax.in('wanYuan').dividedBy(land.in('mu'));
}

/** The built-in measures, by name. */
export const MEASURES: Readonly<Record<MeasureName, MeasureDefinition>> = {
  /** 整治低散乱企业(作坊) — enterprises and workshops remediated (家), by outcome. */
  lowScatteredRemediated: dated(
    'lowScatteredRemediated',
    'enterprise',
    '整治低散乱企业(作坊): enterprises and unregistered workshops remediated, by outcome',
    'remediationOutcome',
    OUTCOMES,
    (e) => (e.type === 'lowScatteredRemediated' ? [{ category: e.outcome, amount: ONE }] : []),
  ),
  /** 淘汰落后产能 — items eliminated (项). */
  backwardCapacityItems: dated(
    'backwardCapacityItems',
    'item',
    '淘汰落后产能: items (项) of backward capacity eliminated',
    undefined,
    [],
    (e) =>
      e.type === 'backwardCapacityEliminated' ? [{ category: undefined, amount: Rational.of(BigInt(e.items)) }] : [],
  ),
  /** 僵尸企业处置 — zombie enterprises disposed of (家), by method. */
  zombiesDisposed: dated(
    'zombiesDisposed',
    'enterprise',
    '僵尸企业处置: zombie enterprises disposed of, by method',
    'zombieMethod',
    ZOMBIE,
    (e) => (e.type === 'zombieDisposed' ? [{ category: e.method, amount: ONE }] : []),
  ),
  /** 腾退签约 — area signed for vacating (亩), by parcel category. */
  vacatingSigned: stageMeasure('vacatingSigned', ['signed'], '腾退签约: area signed for vacating (亩)'),
  /** 拆除 — area demolished (亩). */
  vacatingDemolished: stageMeasure('vacatingDemolished', ['demolished'], '拆除: area demolished (亩)'),
  /** 复垦立项 — area with an approved reclamation project (亩). */
  reclamationApproved: stageMeasure(
    'reclamationApproved',
    ['reclamationApproved'],
    '复垦立项: area whose land reclamation project was approved (亩)',
  ),
  /** 验收 — area accepted (亩). */
  vacatingAccepted: stageMeasure('vacatingAccepted', ['accepted'], '验收: area accepted after reclamation (亩)'),
  /** 复耕 or 再利用 — area back in farming or reused (亩). */
  landReclaimedOrReused: stageMeasure(
    'landReclaimedOrReused',
    ['reclaimedFarmland', 'reused'],
    '复耕/再利用: area returned to farmland or put to new use (亩)',
  ),
  /** 闲置土地处置 — idle land revitalised by 供地 or 收回 (亩). */
  idleLandRevitalised: dated(
    'idleLandRevitalised',
    'mu',
    '闲置土地处置: idle land (转而未供/供而未用) supplied or recovered (亩)',
    'landCategory',
    LAND,
    (e, refs) =>
      e.type === 'idleLandRevitalised' ? [{ category: parcelCategory(refs, e.parcelId), amount: inMu(e.area) }] : [],
  ),
  /** 园区内低效土地处置 — in-park inefficient land remediated (亩). */
  inParkLandRemediated: dated(
    'inParkLandRemediated',
    'mu',
    '园区内低效土地处置: in-park inefficient land remediated (亩)',
    'landCategory',
    LAND,
    (e, refs) =>
      e.type === 'inParkLandRemediated' ? [{ category: parcelCategory(refs, e.parcelId), amount: inMu(e.area) }] : [],
  ),
  /**
   * 盘活存量用地 — the city's 3000亩 definition: idle land revitalised +
   * in-park inefficient land remediated + 腾退签约 on 园区外低散乱 parcels (亩).
   */
  landRevitalised: dated(
    'landRevitalised',
    'mu',
    '盘活存量用地: idle land revitalised + in-park inefficient land remediated + out-of-park 低散乱 land signed for vacating (亩)',
    'landCategory',
    LAND,
    (e, refs) => {
      if (e.type === 'idleLandRevitalised' || e.type === 'inParkLandRemediated') {
        return [{ category: parcelCategory(refs, e.parcelId), amount: inMu(e.area) }];
      }
      if (e.type === 'vacatingStage' && e.stage === 'signed') {
        const category = parcelCategory(refs, e.parcelId);
        if (category === 'outOfParkLowScattered') return [{ category, amount: inMu(e.area) }];
      }
      return [];
    },
  ),
  /** 新建小微企业园 — park floor area completed (平方米), by park kind. */
  parkFloorAreaCompleted: dated(
    'parkFloorAreaCompleted',
    'squareMetre',
    '新建小微企业园: floor area of parks completed (平方米)',
    'parkKind',
    PARK_KINDS,
    (e, refs) =>
      e.type === 'parkFloorAreaCompleted'
        ? [{ category: parkKind(refs, e.parkId), amount: e.floorArea.in('squareMetre') }]
        : [],
  ),
  /** 小微企业入园 — enterprises that entered a park (家), by park kind. */
  parkEntries: dated(
    'parkEntries',
    'enterprise',
    '小微企业入园: enterprises that entered a park',
    'parkKind',
    PARK_KINDS,
    (e, refs) => (e.type === 'parkEntered' ? [{ category: parkKind(refs, e.parkId), amount: ONE }] : []),
  ),
  /** 规上企业数 — enterprises reported 规上 for the year of the query's end (家); undefined while nobody has reported that year. */
  aboveDesignatedSizeEnterprises: {
    name: 'aboveDesignatedSizeEnterprises',
    unit: 'enterprise',
    description: '规上企业数: enterprises whose annual data for the year of the period end say 规上',
    additive: true,
    categoryDimension: undefined,
    categories: [],
    dated: false,
    // No annual data for the year at all means not reported yet (无数据), not zero firms.
    annual: (refs, year, townCode) =>
      hasAnnualData(refs, year) ? Rational.of(BigInt(aboveDesignated(refs, year, townCode).length)) : undefined,
  },
  /**
   * 规上工业企业亩均税收增加 — 亩均税收 of 规上 firms (ratio of sums) in the
   * year of the query's end minus the year before (万元/亩).
   */
  aboveDesignatedTaxPerMuIncrease: {
    name: 'aboveDesignatedTaxPerMuIncrease',
    unit: 'wanYuanPerMu',
    description: '规上亩均税收增加: Σtax/Σland of 规上 firms this year minus last year (万元/亩)',
    additive: false,
    categoryDimension: undefined,
    categories: [],
    dated: false,
    annual: (refs, year, townCode) => {
      const now = aboveDesignatedTaxPerMu(refs, year, townCode);
      const before = aboveDesignatedTaxPerMu(refs, year - 1, townCode);
      return now === undefined || before === undefined ? undefined : now.minus(before);
    },
  },
};

export const MEASURE_NAMES = Object.keys(MEASURES) as MeasureName[];

/** The measure with this name. @throws ValidationError (rule `measure.unknown`) */
export function getMeasure(name: string): MeasureDefinition {
  if (!Object.hasOwn(MEASURES, name)) throw invalid('measure', 'measure.unknown', `no measure named "${name}"`);
  return MEASURES[name as MeasureName];
}

/** True when `contributionCategory` falls in the queried `category` (with the `idle` group). */
export function inCategory(contributionCategory: string | undefined, category: string | undefined): boolean {
  if (category === undefined) return true;
  if (category === 'idle') {
    return contributionCategory === 'idleTransferredNotSupplied' || contributionCategory === 'idleSuppliedNotUsed';
  }
  return contributionCategory === category;
}

/** Checks a query against a measure. @throws ValidationError naming the field and rule */
export function checkQuery(measure: MeasureDefinition, query: MeasureQuery, refs?: LedgerReferences): void {
  if (!isIsoDate(query.from)) throw invalid('from', 'date.format', `"${query.from}" is not a date`);
  if (!isIsoDate(query.to)) throw invalid('to', 'date.format', `"${query.to}" is not a date`);
  if (query.from > query.to)
    throw invalid('to', 'period.order', `period ends ${query.to} before it starts ${query.from}`);
  if (query.category !== undefined) {
    const ok =
      measure.categories.includes(query.category) ||
      (measure.categoryDimension === 'landCategory' && query.category === 'idle');
    if (!ok) {
      throw invalid('category', 'measure.category', `${measure.name} has no category "${query.category}"`);
    }
  }
  if (refs && query.townCode !== undefined && !refs.region.towns.some((t) => t.code === query.townCode)) {
    throw invalid('townCode', 'reference.town', `town ${query.townCode} is not in ${refs.region.name}`);
  }
}

/** Contributions sorted by date (stable), with running totals: `prefix[i]` is the sum of the first i. */
interface Series {
  readonly items: readonly Contribution[];
  readonly prefix: readonly Rational[];
}

interface Indexed {
  readonly inOrder: readonly Contribution[];
  readonly all: Series;
  readonly byTown: ReadonlyMap<string, Series>;
}

const CACHE = new WeakMap<CampaignLedger, Map<MeasureName, Indexed>>();

function series(items: Contribution[]): Series {
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const prefix: Rational[] = [Rational.ZERO];
  let acc = Rational.ZERO;
  for (const c of items) {
    acc = acc.plus(c.amount);
    prefix.push(acc);
  }
  return { items, prefix };
}

/**
 * A dated measure's contributions over the whole ledger, indexed by date and
 * town. Built once per ledger value and built-in measure (ledgers are
 * immutable), so rankings over many weeks stay cheap.
 */
function indexed(ledger: CampaignLedger, measure: DatedMeasure): Indexed {
  const builtIn = MEASURES[measure.name] === measure;
  let byMeasure = CACHE.get(ledger);
  if (!byMeasure) {
    byMeasure = new Map();
    CACHE.set(ledger, byMeasure);
  }
  const cached = builtIn ? byMeasure.get(measure.name) : undefined;
  if (cached) return cached;
  const inOrder: Contribution[] = [];
  for (const { event } of ledger.events()) {
    for (const c of measure.contribution(event, ledger.references)) {
      inOrder.push({ date: event.date, townCode: event.townCode, category: c.category, amount: c.amount });
    }
  }
  const towns = new Map<string, Contribution[]>();
  for (const c of inOrder) {
    const list = towns.get(c.townCode);
    if (list) list.push(c);
    else towns.set(c.townCode, [c]);
  }
  const result: Indexed = {
    inOrder,
    all: series([...inOrder]),
    byTown: new Map([...towns].map(([town, list]) => [town, series(list)])),
  };
  if (builtIn) byMeasure.set(measure.name, result);
  return result;
}

/** Every contribution of a dated measure over the whole ledger, in order of application. */
export function contributions(ledger: CampaignLedger, measure: DatedMeasure): readonly Contribution[] {
  return indexed(ledger, measure).inOrder;
}

/** First index in `items` (sorted by date) whose date is >= `date` (or > `date` when `after`). */
function bound(items: readonly Contribution[], date: IsoDate, after: boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = (items[mid] as Contribution).date;
    if (d < date || (after && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const EMPTY: Series = { items: [], prefix: [Rational.ZERO] };

function range(ledger: CampaignLedger, measure: DatedMeasure, query: MeasureQuery) {
  const ix = indexed(ledger, measure);
  const s = query.townCode === undefined ? ix.all : (ix.byTown.get(query.townCode) ?? EMPTY);
  return { s, lo: bound(s.items, query.from, false), hi: bound(s.items, query.to, true) };
}

/** Contributions of a dated measure within a query's period and scope, sorted by date. */
export function contributionsIn(
  ledger: CampaignLedger,
  measure: DatedMeasure,
  query: MeasureQuery,
): readonly Contribution[] {
  const { s, lo, hi } = range(ledger, measure, query);
  return s.items.slice(lo, hi).filter((c) => inCategory(c.category, query.category));
}

/** Sum of a dated measure over a query (running totals when no category is asked for). */
function sumOf(ledger: CampaignLedger, measure: DatedMeasure, query: MeasureQuery): Rational {
  if (query.category !== undefined) return Rational.sum(contributionsIn(ledger, measure, query).map((c) => c.amount));
  const { s, lo, hi } = range(ledger, measure, query);
  return (s.prefix[hi] as Rational).minus(s.prefix[lo] as Rational);
}

/**
 * The value of a measure for a period and scope, exact, in the measure's
 * unit; `undefined` only for an annual measure without the data it needs.
 * @throws ValidationError for an unknown measure, a bad period, category or town
 */
export function measure(
  ledger: CampaignLedger,
  name: MeasureName | MeasureDefinition,
  query: MeasureQuery,
): Rational | undefined {
  const m = typeof name === 'string' ? getMeasure(name) : name;
  checkQuery(m, query, ledger.references);
  if (!m.dated) return m.annual(ledger.references, yearOf(query.to), query.townCode);
  return sumOf(ledger, m, query);
}

/**
 * The first date within the query's period on which the running total of a
 * dated measure reached `threshold` (for 提前完成), or undefined.
 */
export function dateReached(
  ledger: CampaignLedger,
  m: DatedMeasure,
  query: MeasureQuery,
  threshold: Rational,
): IsoDate | undefined {
  let acc = Rational.ZERO;
  if (threshold.sign() <= 0) return query.from;
  for (const c of contributionsIn(ledger, m, query)) {
    acc = acc.plus(c.amount);
    if (acc.compare(threshold) >= 0) return c.date;
  }
  return undefined;
}
