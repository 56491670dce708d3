import {
  type EnterpriseAnnualData,
  makeUscc,
  parseAnnualData,
  parseEnterprise,
  parseEvaluationScheme,
} from '../../src/index';

/** A valid USCC of county `division` with org body `MA2B000n`. */
export const usccOf = (n: number, division = '331003') =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: division, orgCodeBody: `MA2B${String(n).padStart(4, '0')}` });

export const TOWN_A = '331003100000';
export const TOWN_B = '331003101000';

export interface FirmSpec {
  n: number;
  name?: string;
  town?: string;
  industry?: string;
  registeredOn?: string;
  flags?: string[];
  parcelIds?: string[];
  year?: number;
  scale?: 'aboveDesignatedSize' | 'belowDesignatedSize';
  data: Record<string, string | number>;
}

export function firm(spec: FirmSpec) {
  const uscc = usccOf(spec.n);
  const enterprise = parseEnterprise({
    uscc,
    name: spec.name ?? `企业${spec.n}`,
    townCode: spec.town ?? TOWN_A,
    industry: spec.industry ?? '1751',
    registeredOn: spec.registeredOn ?? '2010-01-01',
    flags: spec.flags ?? [],
    parcelIds: spec.parcelIds ?? [],
  });
  const data: EnterpriseAnnualData = parseAnnualData({
    uscc,
    year: spec.year ?? 2022,
    scale: spec.scale ?? 'aboveDesignatedSize',
    ...spec.data,
  });
  return { uscc, enterprise, data };
}

export function build(specs: FirmSpec[]) {
  const firms = specs.map(firm);
  return {
    firms,
    enterprises: firms.map((f) => f.enterprise),
    annualData: firms.map((f) => f.data),
    uscc: (n: number) => usccOf(n),
  };
}

/**
 * A one-cohort scheme scored on 亩均税收 alone, weight 100 over a fixed benchmark 1, so a
 * firm's total is 100 × its 亩均税收; classes A ≥ 600, B ≥ 400, C below. `patch` replaces
 * top-level fields.
 */
export function probeScheme(patch: Record<string, unknown> = {}) {
  return parseEvaluationScheme({
    id: 'probe',
    name: 'probe',
    jurisdiction: { code: '331003', name: '黄岩区' },
    year: 2022,
    cohorts: [
      {
        id: 'all',
        name: 'all',
        membership: {},
        indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '1' }],
        classification: {
          by: 'threshold',
          thresholds: [{ class: 'A', atLeast: '600' }, { class: 'B', atLeast: '400' }, { class: 'C' }],
        },
      },
    ],
    exemptions: [{ rule: 'utility' }],
    ...patch,
  });
}
