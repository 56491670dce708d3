import { fileURLToPath } from 'node:url';
import { makeUscc, type Repository } from '@mujun/core';
import { createGateway, type MujunGateway, mintDevToken, seedFromExample } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleGateway, SHIMEN, seedArticle, ZHOUQUAN } from './contract-fixtures';
import { at, bearer, gql, SECRET } from './fixtures';

/*
 * The issue-7 contract, through `yoga.fetch`, on the synthetic ledger that
 * reproduces the article's 2018 figures (test/contract-fixtures.ts).
 */

const STATISTICS = `query ($year: Int!) {
  campaignStatistics(city: "330483", year: $year) {
    year from to
    lowScatteredRemediated backwardCapacityItems zombiesDisposed enterprisesEnteredParks
    vacatingSigned { mu } reclamationApproved { mu } parkFloorAreaBuilt { squareMetres wanSquareMetres }
    byTown { town { name } lowScatteredRemediated backwardCapacityItems zombiesDisposed enterprisesEnteredParks
      vacatingSigned { mu } reclamationApproved { mu } parkFloorAreaBuilt { squareMetres } }
    byCategory { measure unitLabel rows { category label value } }
  }
}`;

/** The article's seven figures, as the contract answers them. */
export const PUBLISHED_2018 = {
  lowScatteredRemediated: 4692,
  backwardCapacityItems: 20,
  zombiesDisposed: 11,
  enterprisesEnteredParks: 585,
  vacatingSigned: { mu: '4574' },
  reclamationApproved: { mu: '2562' },
  parkFloorAreaBuilt: { squareMetres: '470000', wanSquareMetres: '47' },
};

type Row = Record<string, unknown>;
const sumOf = (rows: Row[], path: string) => rows.reduce((s, r) => s + Number(at(r, path)), 0);

/** Statistics answered on `yoga` equal the published figures; towns add up to them. */
export async function expectPublishedStatistics(yoga: MujunGateway): Promise<void> {
  const res = await gql(yoga, STATISTICS, { year: 2018 });
  expect(res.errors).toBeUndefined();
  const stats = at(res.data, 'campaignStatistics') as Row;
  expect(stats).toMatchObject({ year: 2018, from: '2018-01-01', to: '2018-12-31', ...PUBLISHED_2018 });
  const byTown = stats.byTown as Row[];
  expect(byTown).toHaveLength(11);
  expect(sumOf(byTown, 'lowScatteredRemediated')).toBe(4692);
  expect(sumOf(byTown, 'enterprisesEnteredParks')).toBe(585);
  expect(sumOf(byTown, 'vacatingSigned.mu')).toBe(4574);
  expect(sumOf(byTown, 'parkFloorAreaBuilt.squareMetres')).toBe(470000);
  const outcomes = (stats.byCategory as Row[]).find((b) => b.measure === 'lowScatteredRemediated');
  expect(sumOf(outcomes?.rows as Row[], 'value')).toBe(4692);
}

const token = (role: 'viewer' | 'townOperator' | 'cityAdmin', division = '') =>
  mintDevToken({
    role,
    ...(role === 'townOperator' ? { town: division } : {}),
    ...(role === 'cityAdmin' ? { city: division } : {}),
    secret: SECRET,
    subject: 'li',
  });

const RECORD = `mutation ($input: RecordCampaignEventsInput!) {
  recordCampaignEvents(input: $input) {
    __typename
    ... on RecordCampaignEventsSuccess { version skipped events { __typename id seq town { name }
      ... on LowScatteredRemediated { workshopName outcome }
      ... on VacatingStageReached { stage area { mu } } } }
    ... on ValidationError { message fieldErrors { eventId field rule message } }
    ... on VersionConflict { message expectedVersion actualVersion }
    ... on NotAuthorised { message requiredRole division }
  }
}`;

const workshop = (id: string, townCode: string, extra: Row = {}) => ({
  type: 'LOW_SCATTERED_REMEDIATED',
  id,
  date: '2018-12-30',
  townCode,
  workshopName: `作坊${id}`,
  outcome: 'CLOSED_ELIMINATED',
  ...extra,
});

describe('contract queries on the article ledger (memory)', () => {
  let yoga: MujunGateway;
  let repository: Repository;
  beforeAll(async () => {
    ({ yoga, repository } = await articleGateway());
  });

  it('campaignStatistics gives the article’s seven 2018 figures, per town adding up', async () => {
    await expectPublishedStatistics(yoga);
    const empty = await gql(yoga, STATISTICS, { year: 2017 });
    expect(at(empty.data, 'campaignStatistics.lowScatteredRemediated')).toBe(0);
    expect(at(empty.data, 'campaignStatistics.vacatingSigned')).toEqual({ mu: '0' });
  });

  it('campaignEvents pages the ledger with filters; ledgerVersion counts it', async () => {
    const res = await gql(
      yoga,
      `{ ledgerVersion(city: "330483")
         campaignEvents(city: "330483", town: "石门", type: VACATING_STAGE, from: "2018-06-01", to: "2018-07-01", first: 5) {
           edges { node { __typename id date seq ... on VacatingStageReached { stage stageLabel area { mu } parcel { parcelId } usccs } } }
           pageInfo { hasNextPage endCursor } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'ledgerVersion')).toBe(await repository.ledgerVersion('330483'));
    const nodes = (at(res.data, 'campaignEvents.edges') as Row[]).map((e) => e.node as Row);
    expect(nodes.map((n) => n.id)).toEqual(['CA-S1', 'CA-S2', 'CA-S3', 'CA-S4', 'CA-D']);
    expect(nodes[0]).toMatchObject({
      __typename: 'VacatingStageReached',
      stage: 'SIGNED',
      stageLabel: '签约',
      area: { mu: '12' },
    });
    expect(at(res.data, 'campaignEvents.pageInfo.hasNextPage')).toBe(true);
    const next = await gql(
      yoga,
      `query ($after: String) { campaignEvents(city: "330483", town: "石门", type: VACATING_STAGE, from: "2018-06-01", to: "2018-07-01", first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { after: at(res.data, 'campaignEvents.pageInfo.endCursor') },
    );
    expect((at(next.data, 'campaignEvents.edges') as Row[]).map((e) => at(e, 'node.id'))).toEqual([
      'CA-R',
      'CA-A',
      'CA-F',
    ]);
  });

  it('targets with progress(asOf): 序时进度, completion, status, metOn and 提前完成', async () => {
    const res = await gql(
      yoga,
      `{ targets(city: "330483", year: 2018) { id measure value unitLabel area { mu }
           progress(asOf: "2018-06-30") { actual completionRate { percent(places: 2) } scheduleRate { value(places: 4) }
             gapToSchedule { percent(places: 2) } status statusLabel metOn early daysEarly }
           children { town { name } value progress(asOf: "2018-12-31") { actual status metOn early daysEarly } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [signed, entries] = at(res.data, 'targets') as Row[];
    expect(signed).toMatchObject({ id: '2018-signed', measure: 'VACATING_SIGNED', value: '4000', unitLabel: '亩' });
    // On 06-30: 181/365 of the year; 2245亩 signed of 4000 = 56.13%.
    expect(signed?.progress).toEqual({
      actual: '2245',
      completionRate: { percent: '56.13' },
      scheduleRate: { value: '0.4959' },
      gapToSchedule: { percent: '6.54' },
      status: 'ON_SCHEDULE',
      statusLabel: '达到序时',
      metOn: null,
      early: false,
      daysEarly: null,
    });
    const children = signed?.children as Row[];
    expect(children.find((c) => at(c, 'town.name') === '石门')?.progress).toEqual({
      actual: '464',
      status: 'EXCEEDED',
      metOn: '2018-08-15',
      early: true,
      daysEarly: 138,
    });
    expect(children.find((c) => at(c, 'town.name') === '洲泉')?.progress).toMatchObject({
      actual: '411',
      status: 'BEHIND_SCHEDULE',
    });
    expect(entries).toMatchObject({ id: '2018-entries', area: null });
    const none = await gql(yoga, '{ targets(city: "330483", year: 2030) { id } }');
    expect(at(none.data, 'targets')).toEqual([]);
  });

  it('townRanking ranks towns on the stored ranking, with movement against the week before', async () => {
    const res = await gql(
      yoga,
      `{ townRanking(city: "330483", year: 2018, week: 26) { title from asOf
           rows { town { name } rank previousRank movement score(places: 2) components { key completionRate { percent(places: 1) } missing } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const r = at(res.data, 'townRanking') as Row;
    expect(r).toMatchObject({ title: '2018年退散进集每周量化排序', from: '2018-06-25', asOf: '2018-07-01' });
    const rows = r.rows as Row[];
    expect(rows).toHaveLength(11);
    // 石门: 60 × 245/400 + 40 × min(54/50, 1.5) = 36.75 + 43.2.
    expect(rows[0]).toMatchObject({ town: { name: '石门' }, rank: 1, score: '79.95' });
    expect(rows.map((x) => x.rank)).toEqual([...rows.map((x) => x.rank)].sort((a, b) => Number(a) - Number(b)));
    for (const row of rows) expect(row.movement).toBe(Number(row.previousRank) - Number(row.rank));
    const bad = await gql(yoga, '{ townRanking(city: "330483", year: 2018, week: 53) { week } }');
    expect(bad.errors?.[0]?.message).toMatch(/2018 has ISO weeks 1–52, not 53/);
    const none = await gql(yoga, '{ townRanking(city: "330483", year: 2019, week: 3) { week } }');
    expect(none.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT' } });
  });

  it('evaluation resolves a preset, evaluates the city, filters and pages the results', async () => {
    const res = await gql(
      yoga,
      `{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") {
           scheme { id year jurisdictionCode } year
           summary { total { A B C D T none total } byCohort { key name counts { total } } byTown { town { name } counts { total } }
             belowThreshold(below: "10") { uscc value(places: 2) unit } }
           results(first: 2, status: RATED, orderBy: RANK) { edges { node { uscc cohort status class classLabel rank rankedCount
             percentile(places: 2) total(places: 2) totalReported
             indicators { indicator value(places: 4) benchmark partialScore(places: 2) reportedPartialScore } reasons { code } } } } } }`,
      {},
      // Firm figures are shown to the city's admins (run-policy.ts).
      bearer(await token('cityAdmin', '330483')),
    );
    expect(res.errors).toBeUndefined();
    const e = at(res.data, 'evaluation') as Row;
    expect(e.scheme).toEqual({ id: 'huangyan-2022', year: 2018, jurisdictionCode: '331003' });
    // The article registry has 19 firms; two 规上 firms of 石门 reported 2018 figures.
    expect(at(e, 'summary.total')).toMatchObject({ total: 19, none: 17 });
    expect(at(e, 'summary.belowThreshold')).toEqual([
      expect.objectContaining({ value: '7.50', unit: '万元/亩' }),
      expect.objectContaining({ value: '8.33', unit: '万元/亩' }),
    ]);
    const results = (at(e, 'results.edges') as Row[]).map((x) => x.node as Row);
    expect(results.map((r) => r.rank)).toEqual([1, 2]);
    const first = results[0] as Row;
    expect(first).toMatchObject({ cohort: 'aboveDesignatedSize', status: 'RATED', rankedCount: 2 });
    // 亩均税收 30 × (150/20 = 7.5... or 250/30) / 24.097: explained per indicator.
    const tax = (first.indicators as Row[]).find((i) => i.indicator === 'TAX_PER_MU');
    expect(tax).toMatchObject({ benchmark: '24.097' });
    // One firm's explained result by its USCC (a dashboard's explanation panel).
    const one = await gql(
      yoga,
      `{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") {
           results(uscc: "${String(first.uscc)}") { edges { node { uscc totalReported } } } } }`,
      {},
      bearer(await token('cityAdmin', '330483')),
    );
    expect(at(one.data, 'evaluation.results.edges')).toEqual([
      { node: { uscc: first.uscc, totalReported: first.totalReported } },
    ]);
    const nobody = await gql(
      yoga,
      '{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") { results(uscc: "nobody") { edges { cursor } } } }',
      {},
      bearer(await token('cityAdmin', '330483')),
    );
    // A live evaluation is the city admin's (run-policy.ts): anyone else reads published runs.
    const viewer = await gql(
      yoga,
      '{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") { year } }',
      {},
      bearer(await token('viewer')),
    );
    expect(viewer.errors?.[0]?.extensions?.code).toBe('NOT_AUTHORISED');
    expect(at(nobody.data, 'evaluation.results.edges')).toEqual([]);
    const unknown = await gql(yoga, '{ evaluation(schemeId: "nope", year: 2018) { year } }');
    expect(unknown.errors?.[0]?.message).toMatch(/no scheme nope: use a preset \(huangyan-2021, huangyan-2022/);
  });
});

describe('recordCampaignEvents', () => {
  let yoga: MujunGateway;
  let repository: Repository;
  beforeAll(async () => {
    ({ yoga, repository } = await articleGateway());
  });
  const version = () => repository.ledgerVersion('330483');

  it('a city admin records a batch for any town; replaying it is a no-op; the actor is audited', async () => {
    const before = await version();
    const input = {
      city: '330483',
      expectedVersion: before,
      events: [
        workshop('GQL-1', SHIMEN),
        workshop('GQL-2', '洲泉', { flags: ['FOUR_WITHOUT'], fourWithout: ['NO_LICENCE'] }),
      ],
    };
    const res = await gql(yoga, RECORD, { input }, bearer(await token('cityAdmin', '330483')));
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'recordCampaignEvents')).toEqual({
      __typename: 'RecordCampaignEventsSuccess',
      version: before + 2,
      skipped: [],
      events: [
        {
          __typename: 'LowScatteredRemediated',
          id: 'GQL-1',
          seq: before,
          town: { name: '石门' },
          workshopName: '作坊GQL-1',
          outcome: 'CLOSED_ELIMINATED',
        },
        {
          __typename: 'LowScatteredRemediated',
          id: 'GQL-2',
          seq: before + 1,
          town: { name: '洲泉' },
          workshopName: '作坊GQL-2',
          outcome: 'CLOSED_ELIMINATED',
        },
      ],
    });
    const audit = (await repository.listAudit()).at(-1);
    expect(audit).toMatchObject({ actor: 'cityAdmin:330483:li', action: 'appendEvents' });
    const again = await gql(
      yoga,
      RECORD,
      { input: { ...input, expectedVersion: null } },
      bearer(await token('cityAdmin', '330483')),
    );
    expect(at(again.data, 'recordCampaignEvents')).toMatchObject({
      version: before + 2,
      skipped: ['GQL-1', 'GQL-2'],
      events: [],
    });
    const stats = await gql(
      yoga,
      '{ campaignStatistics(city: "330483", year: 2018) { lowScatteredRemediated ledgerVersion } }',
    );
    expect(at(stats.data, 'campaignStatistics')).toEqual({ lowScatteredRemediated: 4694, ledgerVersion: before + 2 });
  });

  it('a town operator records its own town; a batch with any other-town event is NotAuthorised and changes nothing', async () => {
    const op = bearer(await token('townOperator', SHIMEN));
    const before = await version();
    const ok = await gql(yoga, RECORD, { input: { city: '330483', events: [workshop('SM-OWN-1', SHIMEN)] } }, op);
    expect(at(ok.data, 'recordCampaignEvents.__typename')).toBe('RecordCampaignEventsSuccess');
    expect(await version()).toBe(before + 1);
    const mixed = await gql(
      yoga,
      RECORD,
      {
        input: {
          city: '330483',
          events: [workshop('SM-OWN-2', SHIMEN), workshop('ZQ-NOT-MINE', ZHOUQUAN), workshop('SM-OWN-3', '石门')],
        },
      },
      op,
    );
    expect(at(mixed.data, 'recordCampaignEvents')).toEqual({
      __typename: 'NotAuthorised',
      message: `[mujun] input.events.1.townCode: this token may not write records of town ${ZHOUQUAN}`,
      requiredRole: 'cityAdmin',
      division: ZHOUQUAN,
    });
    expect(await version()).toBe(before + 1);
    const other = await gql(yoga, RECORD, { input: { city: '330482', events: [] } }, op);
    expect(at(other.data, 'recordCampaignEvents.__typename')).toBe('NotAuthorised');
    for (const headers of [{}, bearer(await token('viewer'))]) {
      const viewer = await gql(yoga, RECORD, { input: { city: '330483', events: [workshop('V-1', SHIMEN)] } }, headers);
      expect(at(viewer.data, 'recordCampaignEvents')).toMatchObject({
        __typename: 'NotAuthorised',
        requiredRole: 'townOperator',
      });
    }
    expect(await version()).toBe(before + 1);
  });

  it('a stale expectedVersion is a VersionConflict and writes nothing', async () => {
    const before = await version();
    const res = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', expectedVersion: before - 1, events: [workshop('STALE-1', SHIMEN)] } },
      bearer(await token('cityAdmin', '330483')),
    );
    expect(at(res.data, 'recordCampaignEvents')).toEqual({
      __typename: 'VersionConflict',
      message: `[mujun] version conflict: the write expected version ${before - 1} but the ledger is at ${before}`,
      expectedVersion: before - 1,
      actualVersion: before,
    });
    expect(await version()).toBe(before);
  });

  it('malformed events are a ValidationError per event (id, field, rule) and change nothing', async () => {
    const admin = bearer(await token('cityAdmin', '330483'));
    const before = await version();
    const badUscc = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'MA3T0001' }).replace(
      /.$/,
      '0',
    );
    const res = await gql(
      yoga,
      RECORD,
      {
        input: {
          city: '330483',
          events: [
            {
              type: 'ZOMBIE_DISPOSED',
              id: 'BAD-USCC',
              date: '2018-12-30',
              townCode: SHIMEN,
              uscc: badUscc,
              zombieMethod: 'BANKRUPTCY',
            },
            workshop('UNKNOWN-TOWN', '330483999000'),
            workshop('FINE', SHIMEN),
            { ...workshop('NOT-APPLICABLE', SHIMEN), items: 3 },
          ],
        },
      },
      admin,
    );
    // Fields that do not apply to the type are refused before the ledger sees the batch.
    expect(at(res.data, 'recordCampaignEvents')).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ eventId: 'NOT-APPLICABLE', field: 'input.events.3.items', rule: 'event.notApplicable' }],
    });
    const res2 = await gql(
      yoga,
      RECORD,
      {
        input: {
          city: '330483',
          events: [
            {
              type: 'ZOMBIE_DISPOSED',
              id: 'BAD-USCC',
              date: '2018-12-30',
              townCode: SHIMEN,
              uscc: badUscc,
              zombieMethod: 'BANKRUPTCY',
            },
            workshop('UNKNOWN-TOWN', '330483999000'),
            workshop('FINE', SHIMEN),
          ],
        },
      },
      admin,
    );
    const errors = at(res2.data, 'recordCampaignEvents.fieldErrors') as Row[];
    expect(at(res2.data, 'recordCampaignEvents.__typename')).toBe('ValidationError');
    // Ids are parsed before anything else (authorisation reads canonical ids only): the bad USCC first.
    expect(errors.map((e) => [e.eventId, e.field, e.rule])).toEqual([
      ['BAD-USCC', 'input.events.0.uscc', 'uscc.checkDigit'],
    ]);
    const res3 = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', events: [workshop('UNKNOWN-TOWN', '330483999000'), workshop('FINE', SHIMEN)] } },
      admin,
    );
    expect(
      (at(res3.data, 'recordCampaignEvents.fieldErrors') as Row[]).map((e) => [e.eventId, e.field, e.rule]),
    ).toEqual([['UNKNOWN-TOWN', 'input.events.0.townCode', 'reference.town']]);
    expect(await version()).toBe(before);
    // A town operator naming an unknown town is told so (validation), not refused as if the town existed.
    const op = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', events: [workshop('X', '330483999000')] } },
      bearer(await token('townOperator', SHIMEN)),
    );
    expect(at(op.data, 'recordCampaignEvents.__typename')).toBe('ValidationError');
    expect((at(op.data, 'recordCampaignEvents.fieldErrors') as Row[]).map((e) => e.rule)).toEqual(['reference.town']);
    expect(await version()).toBe(before);
  });

  it('a float literal for a Decimal is refused before anything runs', async () => {
    const before = await version();
    const res = await gql(
      yoga,
      `mutation { recordCampaignEvents(input: { city: "330483", events: [{ type: VACATING_STAGE, id: "F-1", date: "2018-12-30", townCode: "${SHIMEN}", parcelId: "SM-CHONGAN", stage: SIGNED, area: 1.5 }] }) { __typename } }`,
      {},
      bearer(await token('cityAdmin', '330483')),
    );
    expect(res.errors?.[0]?.message).toMatch(
      /Decimal cannot represent the float literal 1.5: floats are not exact, write it as a string "1.5"/,
    );
    expect(res.data ?? null).toBeNull();
    const viaVariables = await gql(
      yoga,
      RECORD,
      {
        input: {
          city: '330483',
          events: [
            {
              type: 'VACATING_STAGE',
              id: 'F-2',
              date: '2018-12-30',
              townCode: SHIMEN,
              parcelId: 'SM-CHONGAN',
              stage: 'SIGNED',
              area: 1.5,
            },
          ],
        },
      },
      bearer(await token('cityAdmin', '330483')),
    );
    expect(viaVariables.errors?.[0]?.message).toMatch(/Decimal cannot represent the JS number 1.5/);
    expect(await version()).toBe(before);
  });
});

describe('limits on the contract queries', () => {
  it('refuses an over-deep query and a page above the maximum, naming the limit', async () => {
    const { yoga, repository } = await articleGateway({ maxDepth: 6 });
    const before = await repository.ledgerVersion('330483');
    const deep = await gql(
      yoga,
      '{ campaignEvents(city: "330483", first: 1) { edges { node { town { region { towns { region { name } } } } } } } }',
    );
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'MAX_DEPTH_EXCEEDED', max: 6 } });
    const page = await gql(yoga, '{ campaignEvents(city: "330483", first: 500) { edges { cursor } } }');
    expect(page.errors?.[0]).toMatchObject({
      message: '[mujun] first: first is 500; a page holds at most 100 rows (page.maxSize)',
      extensions: { code: 'INVALID_INPUT' },
    });
    const results = await gql(
      yoga,
      '{ evaluation(schemeId: "huangyan-2022", year: 2018, city: "330483") { results(first: 101) { edges { cursor } } } }',
      {},
      bearer(await token('cityAdmin', '330483')),
    );
    expect(results.errors?.[0]?.message).toMatch(/first is 101; a page holds at most 100 rows/);
    const city = await gql(yoga, '{ campaignStatistics(city: "999999", year: 2018) { year } }');
    expect(city.errors?.[0]?.message).toMatch(/\[mujun\] city: no region with the code 999999/);
    expect(await repository.ledgerVersion('330483')).toBe(before);
  });
});

describe('the contract on the PGlite store', () => {
  let store: Store;
  let yoga: MujunGateway;
  beforeAll(async () => {
    store = await openStore();
    await seedArticle(store.repository);
    yoga = createGateway({ repository: store.repository, auth: { secret: SECRET }, logging: false });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('answers the published figures from the stored ledger, and the stored targets and ranking', async () => {
    await expectPublishedStatistics(yoga);
    const res = await gql(
      yoga,
      `{ targets(city: "330483", year: 2018) { id progress(asOf: "2018-06-30") { actual status } }
         townRanking(city: "330483", year: 2018, week: 26) { rows { town { name } rank score(places: 2) } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'targets')).toEqual([
      { id: '2018-signed', progress: { actual: '2245', status: 'ON_SCHEDULE' } },
      { id: '2018-entries', progress: { actual: '416', status: 'ON_SCHEDULE' } },
    ]);
    expect(at(res.data, 'townRanking.rows.0')).toEqual({ town: { name: '石门' }, rank: 1, score: '79.95' });
  });

  it('records events through the store: all or nothing, version and statistics follow', async () => {
    const admin = bearer(await token('cityAdmin', '330483'));
    const before = await store.repository.ledgerVersion('330483');
    const bad = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', events: [workshop('PG-1', SHIMEN), workshop('PG-2', '330483999000')] } },
      admin,
    );
    expect(at(bad.data, 'recordCampaignEvents.__typename')).toBe('ValidationError');
    expect(await store.repository.ledgerVersion('330483')).toBe(before);
    const ok = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', expectedVersion: before, events: [workshop('PG-1', SHIMEN)] } },
      admin,
    );
    expect(at(ok.data, 'recordCampaignEvents.version')).toBe(before + 1);
    const stats = await gql(yoga, '{ campaignStatistics(city: "330483", year: 2018) { lowScatteredRemediated } }');
    expect(at(stats.data, 'campaignStatistics.lowScatteredRemediated')).toBe(4693);
  });
});

describe('the contract on examples/tongxiang-2018 (PGlite, seeded as the gateway seeds it)', () => {
  let store: Store;
  let yoga: MujunGateway;
  let lines: string[];
  beforeAll(async () => {
    store = await openStore();
    lines = await seedFromExample(
      store.repository,
      fileURLToPath(new URL('../../../examples/tongxiang-2018/data', import.meta.url)),
    );
    yoga = createGateway({ repository: store.repository, auth: { secret: SECRET }, logging: false });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('loads the dataset, its targets, ranking and scheme', () => {
    expect(lines[0]).toMatch(
      /^loaded .*: 3027 enterprises, \d+ parcels, \d+ parks, \d+ annual records, \d+ campaign events$/,
    );
    expect(lines.slice(1)).toEqual([
      'targets 2018: 7 with a weekly ranking',
      'targets 2019: 10',
      'evaluation scheme tongxiang-2018-example',
      expect.stringMatching(/^shapes from .*geometry \(synthetic\): 11 towns, 725 parcels, 3027 firm points$/),
    ]);
  });

  it('campaignStatistics gives the published 2018 figures', async () => {
    await expectPublishedStatistics(yoga);
  });

  it('targets, the weekly ranking and the evaluation answer on the dataset', async () => {
    const res = await gql(
      yoga,
      `{ targets(city: "330483", year: 2019) { id label progress(asOf: "2019-06-30") { status scheduleRate { percent(places: 2) } } }
         townRanking(city: "330483", year: 2018, week: 52) { rows { town { name } rank movement score(places: 2) } }
         evaluation(schemeId: "tongxiang-2018-example", year: 2018) {
           scheme { id jurisdictionCode } summary { total { A B C D T none total } byCohort { key counts { total } } }
           results(first: 3, class: A, orderBy: RANK) { edges { node { uscc class rank totalReported town { name } } } } } }`,
      {},
      bearer(await token('cityAdmin', '330483')),
    );
    expect(res.errors).toBeUndefined();
    const targets = at(res.data, 'targets') as Row[];
    expect(targets.map((t) => t.id)).toContain('2019-city');
    expect(at(targets[0], 'progress.scheduleRate.percent')).toBe('49.59');
    const rows = at(res.data, 'townRanking.rows') as Row[];
    expect(rows).toHaveLength(11);
    // The article: 石门 综合排名始终稳居全市前三.
    expect(Number(rows.find((r) => at(r, 'town.name') === '石门')?.rank)).toBeLessThanOrEqual(3);
    const total = at(res.data, 'evaluation.summary.total') as Record<string, number>;
    expect(total.total).toBe(3027);
    expect(total.A).toBeGreaterThan(0);
    const a = (at(res.data, 'evaluation.results.edges') as Row[]).map((e) => e.node as Row);
    expect(a).toHaveLength(3);
    expect(a.every((r) => r.class === 'A')).toBe(true);
  });
});

describe('singleWriter', () => {
  it('keeps the ledger between requests and sees every write made through the gateway', async () => {
    const { yoga, repository } = await articleGateway({ singleWriter: true });
    let reads = 0;
    const loadLedger = repository.loadLedger.bind(repository);
    repository.loadLedger = (code) => {
      reads += 1;
      return loadLedger(code);
    };
    const count = async () =>
      at(
        (await gql(yoga, '{ campaignStatistics(city: "330483", year: 2018) { lowScatteredRemediated } }')).data,
        'campaignStatistics.lowScatteredRemediated',
      );
    expect(await count()).toBe(4692);
    expect(await count()).toBe(4692);
    expect(reads).toBe(1);
    const res = await gql(
      yoga,
      RECORD,
      { input: { city: '330483', events: [workshop('SW-1', SHIMEN)] } },
      bearer(await token('cityAdmin', '330483')),
    );
    expect(at(res.data, 'recordCampaignEvents.__typename')).toBe('RecordCampaignEventsSuccess');
    expect(await count()).toBe(4693);
  });
});
