/**
 * What the utility holds, and where it came from in the yearly cycle:
 * - its meter readings (用电量), which it also supplies to the 亩均办 each
 *   year; here read back from the dataset's 用电量 figures;
 * - the differentiated-price list (差别化电价名单) the 亩均办 hands it after an
 *   evaluation: exported through mujun's own GraphQL API, so the classes are
 *   exactly the ones mujun serves.
 */
import type { EvaluationClass, Repository } from '@mujun/core';
import { createGateway, mintDevToken } from '@mujun/graphql';
import type { ElectricityAccount, PolicyList, TariffClass } from './utility';

const RANKED: ReadonlySet<EvaluationClass> = new Set(['A', 'B', 'C', 'D']);

/** One account per enterprise that reported 用电量, numbered in USCC order. */
export async function meterReadings(
  repository: Repository,
  city: string,
  years: readonly number[],
): Promise<ElectricityAccount[]> {
  const readings = new Map<string, Map<number, string>>();
  for (const year of years) {
    for (const d of await repository.listAnnualData({ year, regionCode: city })) {
      if (!d.electricity) continue;
      const byYear = readings.get(d.uscc) ?? new Map<number, string>();
      // 用电量 is kept exactly; kWh of a 万千瓦时 figure is a finite decimal.
      byYear.set(year, d.electricity.toDecimal('kWh').toFixed());
      readings.set(d.uscc, byYear);
    }
  }
  return [...readings.keys()].sort().map((uscc, i) => ({
    accountNo: `${city}${String(i + 1).padStart(7, '0')}`,
    uscc,
    consumptionKWh: readings.get(uscc) ?? new Map(),
  }));
}

interface ExportResponse {
  data?: {
    evaluation: { results: { edges: { node: { class: EvaluationClass | null; enterprise: { uscc: string } } }[] } };
  };
  errors?: { message: string }[];
}

/**
 * The 亩均办's export of an evaluation's A–D classes for the utility, read
 * through mujun's API in one page (an in-process gateway whose page limit
 * fits a whole city), as the city's admin (a token signed with `secret`). Tenants classed with their landlord are on it with that
 * class; 免评 (T) and unrated enterprises are not.
 */
export async function exportPolicyList(
  repository: Repository,
  options: {
    readonly schemeId: string;
    readonly dataYear: number;
    readonly billingYear: number;
    readonly city: string;
    readonly secret: string;
  },
): Promise<PolicyList> {
  const exporter = createGateway({
    repository,
    auth: { secret: options.secret },
    logging: false,
    maxPageSize: 100_000,
    maxComplexity: 10_000_000,
    introspection: false,
  });
  const res = await exporter.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await mintDevToken({ role: 'cityAdmin', city: options.city, secret: options.secret, expiresIn: '5m' })}`,
    },
    body: JSON.stringify({
      query: `query ($schemeId: ID!, $year: Int!, $city: ID!) {
        evaluation(schemeId: $schemeId, year: $year, city: $city) {
          results(first: 100000) { edges { node { class enterprise { uscc } } } }
        }
      }`,
      variables: { schemeId: options.schemeId, year: options.dataYear, city: options.city },
    }),
  });
  const body = (await res.json()) as ExportResponse;
  if (!body.data) throw new Error(`the policy list export failed: ${body.errors?.map((e) => e.message).join('; ')}`);
  const classes = new Map<string, TariffClass>();
  for (const { node } of body.data.evaluation.results.edges) {
    if (node.class !== null && RANKED.has(node.class)) classes.set(node.enterprise.uscc, node.class as TariffClass);
  }
  return { billingYear: options.billingYear, dataYear: options.dataYear, source: options.schemeId, classes };
}
