import type { Rational } from '../exact/rational';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import type { LandParcel } from '../model/land-parcel';
import type { BenchmarkDerivation } from './benchmark';
import type { EvaluationClass } from './classes';
import type { AnnualDataColumns } from './columns';
import type { IndicatorId, MissingReason } from './indicators';
import type { EvaluationFact, MissingPolicy } from './scheme';

/*
 * The result types of `evaluate` (evaluate.ts, the algorithm) and its input:
 * what a caller reads, apart from how it is computed.
 */

/** 承租关系: `tenant` rents from `landlord` (both USCCs). */
export interface Tenancy {
  readonly tenant: string;
  readonly landlord: string;
}

/**
 * What `evaluate` reads. Annual data of other years is ignored; parcels give
 * 供地日期 and shared-parcel areas; tenancies name tenants (承租企业);
 * facts carry what exemption and veto rules need beyond the records
 * (政策性搬迁, 重大安全生产事故, ...), keyed by USCC.
 */
export interface EvaluationInput {
  readonly enterprises: readonly Enterprise[];
  /** Annual data as validated records (`parseAnnualData`). */
  readonly annualData?: readonly EnterpriseAnnualData[];
  /** The same data as columns (`loadAnnualDataColumns`), read instead of `annualData` when given: the bulk path. */
  readonly annualDataColumns?: AnnualDataColumns;
  readonly parcels?: readonly LandParcel[];
  readonly tenancies?: readonly Tenancy[];
  readonly facts?: Readonly<Record<string, readonly EvaluationFact[]>>;
}

/** A reason on a result: a machine code and a sentence for people. */
export interface EvaluationReason {
  readonly code: string;
  readonly message: string;
}

/** Outcome kinds: see `EVALUATION_STATUS_LABELS`. */
export type EvaluationStatus = 'rated' | 'exempt' | 'vetoed' | 'excluded' | 'landlordClass' | 'notEvaluated';

/** One indicator of one firm: value, 基准值, 权重, 单项得分, exact and as reported. */
export interface IndicatorResult {
  readonly indicator: IndicatorId;
  readonly label: string;
  readonly unit: string;
  readonly weight: Rational;
  /** The value used (rounded if the scheme rounds values); null when missing. */
  readonly value: Rational | null;
  readonly missing: MissingReason | null;
  readonly missingPolicy: MissingPolicy;
  readonly benchmark: Rational;
  readonly partialScore: Rational;
  readonly capped: boolean;
  /** Raised to the indicator's floor (保底). */
  readonly floored?: boolean;
  readonly reported: { readonly value: string | null; readonly benchmark: string; readonly partialScore: string };
}

/** The explained result of one enterprise. */
export interface EnterpriseEvaluation {
  readonly uscc: string;
  readonly name: string;
  readonly townCode: string;
  /** GB/T 4754 code, e.g. `1751`. */
  readonly industry: string;
  /** 评价单元: the lowest USCC of the firms evaluated together (the firm itself when alone). */
  readonly unitId: string;
  readonly unitMembers: readonly string[];
  readonly cohortId: string | null;
  readonly status: EvaluationStatus;
  /** A/B/C/D, T for 免评, null when not evaluated or excluded. */
  readonly class: EvaluationClass | null;
  readonly indicators: readonly IndicatorResult[];
  /** 综合得分, exact (rounded only if the scheme rounds totals). */
  readonly total: Rational | null;
  readonly totalReported: string | null;
  /** 名次 in the cohort's ranking (ties share a rank), null when not ranked. */
  readonly rank: number | null;
  /** Units ranked in the cohort. */
  readonly rankedCount: number;
  /** rank / rankedCount × 100. */
  readonly percentile: Rational | null;
  readonly percentileReported: string | null;
  /** 加减分 applied to the total before ranking (the unit's, for firms evaluated together). */
  readonly adjustments?: readonly AppliedAdjustment[];
  readonly reasons: readonly EvaluationReason[];
}

/** One 加减分 of a firm: the scheme's adjustment id and label, and the points it gave. */
export interface AppliedAdjustment {
  readonly id: string;
  readonly label: string;
  /** Exact points (negative: 减分). */
  readonly points: Rational;
  readonly reported: string;
}

/** Per-cohort facts of an evaluation. */
export interface CohortEvaluation {
  readonly id: string;
  readonly name: string;
  /** Enterprises placed in the cohort (any status). */
  readonly enterprises: number;
  /** Units ranked (rated, not vetoed). */
  readonly ranked: number;
  readonly benchmarks: readonly {
    readonly indicator: IndicatorId;
    readonly derivation: BenchmarkDerivation;
    readonly value: Rational;
    readonly reported: string;
  }[];
  /** 平均值 as ratio of sums over the cohort's scored units (null when no denominator). */
  readonly averages: readonly { readonly indicator: IndicatorId; readonly value: Rational | null }[];
  /** Percentile band boundaries (cumulative positions), when classed by percentile. */
  readonly boundaries: readonly number[] | null;
}

export interface EvaluationResult {
  readonly schemeId: string;
  readonly year: number;
  /** One result per input enterprise, in input order. */
  readonly enterprises: readonly EnterpriseEvaluation[];
  readonly cohorts: readonly CohortEvaluation[];
}
