import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { makeUscc } from '@mujun/core';
import { CITY, SHIMEN } from './gateway';
import {
  CampaignStatisticsDocument,
  RegionTownsDocument,
  SaveEnterprisesDocument,
  TownEnterprisesDocument,
  type TownEnterprisesQuery,
} from './gql/graphql';

/** What each client is asked to do: run a typed document, return its data or throw. */
export type Execute = <Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
) => Promise<Data>;

/** What a run of the scenario read back, for the test to check. */
export interface ScenarioResult {
  regionName: string;
  towns: number;
  shimenKindLabel: string | undefined;
  totalCount: number;
  pages: string[][];
  vacatingSignedMu: string;
  vacatingSignedSquareMetres: string;
  vacatingSignedHectares: string;
  saved: { typename: string; usccs: string[]; towns: string[] };
}

/**
 * A town page's session: the region and its towns, the town's firms two at a
 * time following the cursor, the year's campaign statistics (exact decimals),
 * and one write — saving a new firm of the town. `serial` keeps each client's
 * firm distinct.
 */
export async function runScenario(execute: Execute, serial: number): Promise<ScenarioResult> {
  const region = await execute(RegionTownsDocument, { city: CITY });
  if (!region.region) throw new Error('region not found');

  const pages: string[][] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let i = 0; i < 2; i++) {
    const page: TownEnterprisesQuery = await execute(TownEnterprisesDocument, {
      city: CITY,
      town: SHIMEN,
      first: 2,
      after,
    });
    const enterprises = page.region?.town?.enterprises;
    if (!enterprises) throw new Error('town not found');
    totalCount = enterprises.totalCount;
    pages.push(enterprises.edges.map((edge) => edge.node.uscc));
    if (!enterprises.pageInfo.hasNextPage) break;
    after = enterprises.pageInfo.endCursor ?? null;
  }

  const stats = await execute(CampaignStatisticsDocument, { city: CITY, year: 2018 });

  const uscc = makeUscc({
    authority: '9',
    orgType: '1',
    divisionCode: '330483',
    orgCodeBody: `MA9C${String(serial).padStart(4, '0')}`,
  });
  const saved = await execute(SaveEnterprisesDocument, {
    input: {
      city: CITY,
      enterprises: [
        { uscc, name: `桐乡市客户端${serial}有限公司`, town: SHIMEN, industry: '1751', registeredOn: '2018-06-01' },
      ],
    },
  });
  const result = saved.saveEnterprises;

  return {
    regionName: region.region.name,
    towns: region.region.towns.length,
    shimenKindLabel: region.region.towns.find((t) => t.code === SHIMEN)?.kindLabel,
    totalCount,
    pages,
    vacatingSignedMu: stats.campaignStatistics.vacatingSigned.mu,
    vacatingSignedSquareMetres: stats.campaignStatistics.vacatingSigned.squareMetres,
    vacatingSignedHectares: stats.campaignStatistics.vacatingSigned.hectares,
    saved: {
      typename: result.__typename,
      usccs: result.__typename === 'SaveEnterprisesSuccess' ? result.enterprises.map((e) => e.uscc) : [uscc],
      towns: result.__typename === 'SaveEnterprisesSuccess' ? result.enterprises.map((e) => e.town.code) : [],
    },
  };
}
