import { MemoryRepository, type Repository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { EVALUATION_PRESET_DOCUMENTS } from '@mujun/core/evaluation';
import { TONGXIANG_2023_LISTINGS } from '@mujun/core/grants';
import { createGateway, mintDevToken, type OperationPolicy, WRITE_POLICY } from '@mujun/graphql';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, SECRET, SHIMEN, seed, uscc, ZHOUQUAN } from './fixtures';

/*
 * The write policy, enumerated: every mutation × every reference field ×
 * every role. Each case starts from a write that lies wholly in 石门 and
 * points one reference field at a record of 洲泉 (or, for the base case,
 * changes nothing). Denied writes must answer NotAuthorised naming the
 * field and leave the repository exactly as it was.
 *
 * The evaluation-run operations (评价批次) work on runs the city admin made
 * in `freshRepository`: a draft, one in 公示 (with an objection filed) and one
 * whose 公示期 has ended; their foreign variants name a run of 330482 (a copy
 * in another city) or a firm of 洲泉 in the run.
 */

type RoleName = 'anonymous' | 'viewer' | 'shimenOperator' | 'zhouquanOperator' | 'cityAdmin' | 'otherCityAdmin';
const ROLES: readonly RoleName[] = [
  'anonymous',
  'viewer',
  'shimenOperator',
  'zhouquanOperator',
  'cityAdmin',
  'otherCityAdmin',
];

const tokens: Partial<Record<RoleName, string>> = {};
beforeAll(async () => {
  tokens.viewer = await mintDevToken({ role: 'viewer', secret: SECRET });
  tokens.shimenOperator = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
  tokens.zhouquanOperator = await mintDevToken({ role: 'townOperator', town: ZHOUQUAN, secret: SECRET });
  tokens.cityAdmin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
  tokens.otherCityAdmin = await mintDevToken({ role: 'cityAdmin', city: '330482', secret: SECRET });
});

const ZQ_PARK = {
  id: 'ZQ-P1',
  name: '洲泉小微企业园',
  townCode: ZHOUQUAN,
  kind: 'standardFactory',
  phases: [{ phase: 1, floorArea: '30000' }],
};

/** The gateway's clock: inside the 公示期 of `runs.notice`, after that of `runs.ended`. */
const NOW = new Date('2019-03-10T02:00:00Z');
const OTHER_CITY = {
  ...TONGXIANG_2018_INPUT,
  code: '330482',
  name: '平湖市',
  towns: [{ code: '330482101000', name: '新埭', fullName: '新埭镇', kind: 'town' as const }],
};
const runScheme = {
  id: 'policy-runs',
  name: '授权测试方案',
  jurisdiction: { code: '330483', name: '桐乡市' },
  year: 2018,
  cohorts: [
    {
      id: 'all',
      name: '全部企业',
      membership: {},
      indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '3' }],
      classification: {
        by: 'percentile',
        bands: [
          { class: 'A', share: '25' },
          { class: 'B', share: '50' },
          { class: 'C', share: '25' },
        ],
      },
    },
  ],
};

/** The runs of the current case's repository, by role (set by `freshRepository`). */
const runs = { draft: '', notice: '', ended: '', foreign: '' };

function gateway(repository: Repository, now: Date = NOW) {
  return createGateway({ repository, auth: { secret: SECRET }, logging: false, now: () => now });
}

async function adminMutation(yoga: ReturnType<typeof gateway>, query: string, input: Record<string, unknown>) {
  const res = await gql(yoga, query, { input }, bearer(tokens.cityAdmin as string));
  const result = Object.values(res.data ?? {})[0] as { __typename: string; run?: { id: string } };
  if (!result?.__typename.endsWith('Success')) throw new Error(`setup: ${JSON.stringify(res)}`);
  return result;
}

async function freshRepository(): Promise<Repository> {
  const repository = await seed(new MemoryRepository({ now: () => '2019-01-24T00:00:00.000Z' }));
  const ctx = { actor: 'test:policy' };
  await repository.saveRecords('330483', { parks: [ZQ_PARK] }, ctx);
  await repository.saveScheme(runScheme, ctx);
  await repository.saveRegion(OTHER_CITY, ctx);
  const yoga = gateway(repository);
  // Windows are published before they start (a 公示 window cannot start in the past).
  const early = gateway(repository, new Date('2019-02-25T02:00:00Z'));
  const start = async () =>
    (await adminMutation(yoga, OPERATIONS.startEvaluationRun.query, OPERATIONS.startEvaluationRun.base())).run
      ?.id as string;
  const publish = (runId: string, noticeFrom: string, noticeTo: string) =>
    adminMutation(early, OPERATIONS.publishEvaluationRun.query, { runId, noticeFrom, noticeTo });
  runs.draft = await start();
  runs.notice = await start();
  await publish(runs.notice, '2019-03-05', '2019-03-20');
  await adminMutation(yoga, OPERATIONS.fileObjection.query, {
    runId: runs.notice,
    uscc: uscc(2),
    category: 'DATA_ERROR',
    reason: '用地面积有误',
  });
  runs.ended = await start();
  await publish(runs.ended, '2019-03-01', '2019-03-05');
  // A run of another city: the one in 公示, copied.
  const notice = await repository.getRun(runs.notice);
  if (!notice) throw new Error('setup: no run');
  runs.foreign = '330482-2018-foreign';
  await repository.createRun(
    { run: { ...notice, id: runs.foreign, regionCode: '330482' }, results: await repository.loadRunResults(notice.id) },
    ctx,
  );
  return repository;
}

/** Everything a write could change, as one string. */
async function fingerprint(r: Repository): Promise<string> {
  const [enterprises, parcels, parks, data, ledger, targets, scheme, audit, geometries] = await Promise.all([
    r.listEnterprises({ regionCode: '330483' }),
    r.listParcels('330483'),
    r.listParks('330483'),
    r.listAnnualData({ year: 2018, regionCode: '330483' }),
    r.loadLedger('330483'),
    r.listTargets('330483', 2019),
    r.getScheme('policy-test'),
    r.listAudit(),
    r.listGeometries('330483'),
  ]);
  const runList = [...(await r.listRuns({ regionCode: '330483' })), ...(await r.listRuns({ regionCode: '330482' }))];
  const results = await Promise.all(runList.map((run) => r.loadRunResults(run.id)));
  return JSON.stringify({
    enterprises,
    parcels,
    parks,
    data,
    version: ledger?.version ?? 0,
    targets,
    scheme,
    audit: audit.length,
    geometries,
    runs: runList,
    results,
  });
}

const mutation = (name: string, input: string, success: string) => `mutation ($input: ${input}!) {
  ${name}(input: $input) {
    __typename
    ${success}
    ... on NotAuthorised { message requiredRole division }
    ... on ValidationError { message fieldErrors { field rule message } }
  }
}`;

interface Operation {
  readonly query: string;
  /** A valid write wholly inside 石门. */
  readonly base: () => Record<string, unknown>;
  /** Per reference field of the policy: the base write with that field pointed at 洲泉. */
  readonly foreign: Readonly<Record<string, () => Record<string, unknown>>>;
}

const city = '330483';
const shimenFirm = (over: Record<string, unknown> = {}) => ({
  uscc: uscc(1),
  name: '桐乡市企业1改名有限公司',
  town: '石门',
  industry: '1751',
  registeredOn: '2011-01-11',
  parcelIds: ['SM-001'],
  ...over,
});
const event = (over: Record<string, unknown>) => ({ id: 'TX-POLICY-1', date: '2018-06-01', townCode: '石门', ...over });
const newParcel = (over: Record<string, unknown> = {}) => ({
  id: 'SM-009',
  town: '石门',
  area: '2.5',
  category: 'IDLE_SUPPLIED_NOT_USED',
  ...over,
});
const newPark = (over: Record<string, unknown> = {}) => ({
  id: 'SM-P9',
  name: '石门标准厂房',
  town: '石门',
  kind: 'STANDARD_FACTORY',
  phases: [{ phase: 1, floorArea: '8000' }],
  ...over,
});
const schemeDocument = {
  ...EVALUATION_PRESET_DOCUMENTS['template-percentile'],
  id: 'policy-test',
  jurisdiction: { code: '330483', name: '桐乡市' },
};
const targetsDocument = [
  {
    id: '2019-signed',
    label: '腾退签约',
    measure: 'vacatingSigned',
    period: { from: '2019-01-01', to: '2019-12-31' },
    value: '4000',
  },
];

/** A GeoJSON shape for parcel SM-001 (石门), as 自然资源 would send it. */
const SHIMEN_PARCEL_GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { 地块编号: 'SM-001' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [120.45, 30.6],
            [120.452, 30.6],
            [120.452, 30.602],
            [120.45, 30.602],
            [120.45, 30.6],
          ],
        ],
      },
    },
  ],
});

const runMutation = (name: string, input: string, success: string) =>
  mutation(name, input, `${success}\n    ... on InvalidTransition { rule }`);

const OPERATIONS: Record<keyof typeof WRITE_POLICY, Operation> = {
  saveEnterprises: {
    query: mutation(
      'saveEnterprises',
      'SaveEnterprisesInput',
      '... on SaveEnterprisesSuccess { enterprises { uscc } }',
    ),
    base: () => ({ city, enterprises: [shimenFirm()] }),
    foreign: {
      // Replacing a 洲泉 firm (moving it to 石门).
      uscc: () => ({ city, enterprises: [shimenFirm({ uscc: uscc(3) })] }),
      town: () => ({ city, enterprises: [shimenFirm({ town: '洲泉', parcelIds: [] })] }),
      park: () => ({ city, enterprises: [shimenFirm({ park: 'ZQ-P1' })] }),
      parcelIds: () => ({ city, enterprises: [shimenFirm({ parcelIds: ['SM-001', 'ZQ-002'] })] }),
    },
  },
  saveAnnualData: {
    query: mutation('saveAnnualData', 'SaveAnnualDataInput', '... on SaveAnnualDataSuccess { records { year } }'),
    base: () => ({ city, records: [{ uscc: uscc(1), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax: '11.5' }] }),
    foreign: {
      uscc: () => ({ city, records: [{ uscc: uscc(3), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', tax: '11.5' }] }),
    },
  },
  saveParcels: {
    query: mutation('saveParcels', 'SaveParcelsInput', '... on SaveParcelsSuccess { parcels { id } }'),
    base: () => ({ city, parcels: [newParcel()] }),
    foreign: {
      id: () => ({ city, parcels: [newParcel({ id: 'ZQ-002' })] }),
      town: () => ({ city, parcels: [newParcel({ town: '洲泉' })] }),
      park: () => ({ city, parcels: [newParcel({ category: 'IN_PARK_INEFFICIENT', park: 'ZQ-P1' })] }),
      holderUscc: () => ({ city, parcels: [newParcel({ holderUscc: uscc(3) })] }),
    },
  },
  saveParks: {
    query: mutation('saveParks', 'SaveParksInput', '... on SaveParksSuccess { parks { id } }'),
    base: () => ({ city, parks: [newPark()] }),
    foreign: {
      id: () => ({ city, parks: [newPark({ id: 'ZQ-P1' })] }),
      town: () => ({ city, parks: [newPark({ town: '洲泉' })] }),
    },
  },
  recordCampaignEvents: {
    query: mutation(
      'recordCampaignEvents',
      'RecordCampaignEventsInput',
      '... on RecordCampaignEventsSuccess { version }',
    ),
    base: () => ({
      city,
      events: [event({ type: 'VACATING_STAGE', parcelId: 'SM-001', stage: 'SIGNED', area: '5', usccs: [uscc(1)] })],
    }),
    foreign: {
      townCode: () => ({ city, events: [event({ type: 'BACKWARD_CAPACITY_ELIMINATED', items: 1, townCode: '洲泉' })] }),
      uscc: () => ({
        city,
        events: [event({ type: 'LOW_SCATTERED_REMEDIATED', uscc: uscc(3), outcome: 'UPGRADED' })],
      }),
      usccs: () => ({
        city,
        events: [event({ type: 'VACATING_STAGE', parcelId: 'SM-001', stage: 'SIGNED', area: '5', usccs: [uscc(3)] })],
      }),
      parcelId: () => ({
        city,
        events: [event({ type: 'IDLE_LAND_REVITALISED', parcelId: 'ZQ-001', idleLandMethod: 'SUPPLIED', area: '1' })],
      }),
      parkId: () => ({ city, events: [event({ type: 'PARK_ENTERED', parkId: 'ZQ-P1', enterpriseName: '新设企业' })] }),
    },
  },
  saveTargets: {
    query: mutation('saveTargets', 'SaveTargetsInput', '... on SaveTargetsSuccess { targets { id } }'),
    base: () => ({ city, year: 2019, targets: JSON.stringify(targetsDocument) }),
    foreign: {},
  },
  saveScheme: {
    query: mutation('saveScheme', 'SaveSchemeInput', '... on SaveSchemeSuccess { id }'),
    base: () => ({ city, document: JSON.stringify(schemeDocument) }),
    foreign: {},
  },
  startEvaluationRun: {
    query: runMutation('startEvaluationRun', 'StartEvaluationRunInput', '... on EvaluationRunSuccess { run { id } }'),
    base: () => ({ city, schemeId: 'policy-runs', year: 2018 }),
    foreign: {},
  },
  publishEvaluationRun: {
    query: runMutation(
      'publishEvaluationRun',
      'PublishEvaluationRunInput',
      '... on EvaluationRunSuccess { run { id } }',
    ),
    base: () => ({ runId: runs.draft, noticeFrom: '2019-03-11', noticeTo: '2019-03-25' }),
    foreign: { runId: () => ({ runId: runs.foreign, noticeFrom: '2019-03-11', noticeTo: '2019-03-25' }) },
  },
  fileObjection: {
    query: runMutation('fileObjection', 'FileObjectionInput', '... on ObjectionSuccess { objection { id } }'),
    base: () => ({ runId: runs.notice, uscc: uscc(1), category: 'DATA_ERROR', reason: '税收数据有误' }),
    foreign: {
      runId: () => ({ runId: runs.foreign, uscc: uscc(1), category: 'DATA_ERROR', reason: '税收数据有误' }),
      uscc: () => ({ runId: runs.notice, uscc: uscc(3), category: 'DATA_ERROR', reason: '税收数据有误' }),
    },
  },
  resolveObjection: {
    query: runMutation('resolveObjection', 'ResolveObjectionInput', '... on ObjectionSuccess { objection { id } }'),
    base: () => ({ objectionId: `${runs.notice}.1`, outcome: 'DISMISSED', reason: '经核实数据无误' }),
    foreign: {
      objectionId: () => ({ objectionId: `${runs.foreign}.1`, outcome: 'DISMISSED', reason: '经核实数据无误' }),
      // The copied run of 330482 names a 桐乡 (石门) firm: its correction writes a record of 桐乡.
      'correction.annualData.uscc': () => ({
        objectionId: `${runs.foreign}.1`,
        outcome: 'CORRECTION',
        reason: '用地面积有误',
        correction: { annualData: { uscc: uscc(2), year: 2018, scale: 'BELOW_DESIGNATED_SIZE', landArea: '12' } },
      }),
    },
  },
  finalizeEvaluationRun: {
    query: runMutation(
      'finalizeEvaluationRun',
      'FinalizeEvaluationRunInput',
      '... on EvaluationRunSuccess { run { id } }',
    ),
    base: () => ({ runId: runs.ended }),
    foreign: { runId: () => ({ runId: runs.foreign }) },
  },
  withdrawEvaluationRun: {
    query: runMutation(
      'withdrawEvaluationRun',
      'WithdrawEvaluationRunInput',
      '... on EvaluationRunSuccess { run { id } }',
    ),
    base: () => ({ runId: runs.draft, reason: '数据需重新采集' }),
    foreign: { runId: () => ({ runId: runs.foreign, reason: '数据需重新采集' }) },
  },
  saveLandGrants: {
    query: mutation('saveLandGrants', 'SaveLandGrantsInput', '... on SaveLandGrantsSuccess { grants { id } }'),
    base: () => ({ city, grants: JSON.stringify([{ ...TONGXIANG_2023_LISTINGS[0], townCode: SHIMEN }]) }),
    foreign: {},
  },
  importGeometries: {
    query: mutation(
      'importGeometries',
      'ImportGeometriesInput',
      '... on ImportGeometriesSuccess { report { ok written issues { rule } } }',
    ),
    base: () => ({ city, files: [new File([SHIMEN_PARCEL_GEOJSON], 'parcels.geojson')] }),
    foreign: {},
  },
};

const SUCCESS: Record<keyof typeof WRITE_POLICY, string> = {
  saveEnterprises: 'SaveEnterprisesSuccess',
  saveAnnualData: 'SaveAnnualDataSuccess',
  saveParcels: 'SaveParcelsSuccess',
  saveParks: 'SaveParksSuccess',
  recordCampaignEvents: 'RecordCampaignEventsSuccess',
  saveTargets: 'SaveTargetsSuccess',
  saveScheme: 'SaveSchemeSuccess',
  startEvaluationRun: 'EvaluationRunSuccess',
  publishEvaluationRun: 'EvaluationRunSuccess',
  fileObjection: 'ObjectionSuccess',
  resolveObjection: 'ObjectionSuccess',
  finalizeEvaluationRun: 'EvaluationRunSuccess',
  withdrawEvaluationRun: 'EvaluationRunSuccess',
  saveLandGrants: 'SaveLandGrantsSuccess',
  importGeometries: 'ImportGeometriesSuccess',
};

/** Foreign variants whose every reference lies in 洲泉 (a new record there, nothing of 石门 touched). */
const WHOLLY_ZHOUQUAN = new Set([
  'saveAnnualData.uscc',
  'saveParcels.town',
  'saveParks.town',
  'recordCampaignEvents.townCode',
  'fileObjection.uscc',
]);

/** Foreign variants naming a run of 330482, which only that city's admin may write. */
const RUN_OF_OTHER_CITY = new Set([
  'publishEvaluationRun.runId',
  'fileObjection.runId',
  'resolveObjection.objectionId',
  'finalizeEvaluationRun.runId',
  'withdrawEvaluationRun.runId',
  'resolveObjection.correction.annualData.uscc',
]);

/**
 * Who the policy lets write a run of 330482: its own admin, except an objection
 * of a firm in a 桐乡 town (the copied run's) or a correction of such a firm's data.
 */
const otherCityAdminMay = (key: string) =>
  RUN_OF_OTHER_CITY.has(key) && key !== 'fileObjection.runId' && key !== 'resolveObjection.correction.annualData.uscc';

/** Who the policy lets through: the city admin anything in its city; a town operator only what lies wholly in its town. */
function allowed(role: RoleName, scope: 'town' | 'city', name: string, field: string | undefined): boolean {
  if (role === 'otherCityAdmin') return field !== undefined && otherCityAdminMay(`${name}.${field}`);
  if (role === 'cityAdmin') return field === undefined || !RUN_OF_OTHER_CITY.has(`${name}.${field}`);
  if (scope === 'city') return false;
  if (role === 'shimenOperator') return field === undefined;
  if (role === 'zhouquanOperator') return field !== undefined && WHOLLY_ZHOUQUAN.has(`${name}.${field}`);
  return false;
}

/**
 * Every reference field of a policy row: its list rows' fields, its top-level fields, the run it names.
 * An event's own id (kind `event`) is canonicalised but names no record of a town.
 */
function referenceFields(policy: OperationPolicy): string[] {
  return [
    ...Object.entries(policy.references ?? {})
      .filter(([, kind]) => kind !== 'event')
      .map(([f]) => f),
    ...Object.keys(policy.fields ?? {}),
    ...(policy.run ? [policy.run.field] : []),
  ];
}

const cases = Object.entries(WRITE_POLICY).flatMap(([name, policy]) => {
  const op = OPERATIONS[name as keyof typeof WRITE_POLICY];
  const fields: [string, (() => Record<string, unknown>) | undefined][] = [
    ['(none)', undefined],
    ...referenceFields(policy).map((f): [string, () => Record<string, unknown>] => {
      const make = op.foreign[f];
      if (!make) throw new Error(`the policy test has no case for ${name}.${f}`);
      return [f, make];
    }),
  ];
  return fields.flatMap(([field, make]) =>
    ROLES.map((role) => ({ name: name as keyof typeof WRITE_POLICY, scope: policy.scope, field, make, role })),
  );
});

describe('write policy: every mutation × reference field × role', () => {
  it('has a case for every reference field of every operation', () => {
    for (const [name, op] of Object.entries(OPERATIONS)) {
      const policy = WRITE_POLICY[name as keyof typeof WRITE_POLICY];
      expect(Object.keys(op.foreign).sort(), name).toEqual(referenceFields(policy).sort());
    }
  });

  it.each(cases)('$name $field as $role', async ({ name, scope, field, make, role }) => {
    const repository = await freshRepository();
    const yoga = gateway(repository);
    const before = await fingerprint(repository);
    const op = OPERATIONS[name];
    const input = make ? make() : op.base();
    const token = tokens[role];
    const res = await gql(yoga, op.query, { input }, token ? bearer(token) : {});
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const result = res.data?.[name] as { __typename: string; message?: string; fieldErrors?: unknown };
    const foreign = make === undefined ? undefined : field;
    if (allowed(role, scope, name, foreign)) {
      expect(result.__typename, JSON.stringify(result)).not.toBe('NotAuthorised');
      // A write wholly in the principal's reach goes through.
      if (foreign === undefined) expect(result.__typename, JSON.stringify(result)).toBe(SUCCESS[name]);
    } else {
      expect(result.__typename, JSON.stringify(result)).toBe('NotAuthorised');
      // A 石门 operator is refused on the very field that reaches into 洲泉.
      if (role === 'shimenOperator' && foreign !== undefined) {
        const policy: OperationPolicy = WRITE_POLICY[name];
        if (policy.run?.field === field || RUN_OF_OTHER_CITY.has(`${name}.${field}`)) {
          expect(result).toMatchObject({ division: '330482' });
        } else if (policy.fields?.[field] !== undefined) expect(result.message).toContain(`input.${field}`);
        else expect(result.message).toContain(`input.${policy.list}.0.${field}`);
      }
      expect(await fingerprint(repository)).toBe(before);
    }
  });
});

describe('write policy: a run references its scheme', () => {
  it("refuses another city's saved scheme and changes nothing", async () => {
    const repository = await freshRepository();
    const yoga = gateway(repository);
    const before = await fingerprint(repository);
    const op = OPERATIONS.startEvaluationRun;
    const input = { ...op.base(), city: '330482' };
    const res = await gql(yoga, op.query, { input }, bearer(tokens.otherCityAdmin as string));
    expect(res.data?.startEvaluationRun).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'input.schemeId', rule: 'scheme.jurisdiction' }],
    });
    expect(await fingerprint(repository)).toBe(before);
  });
});

/*
 * Authorisation on canonical values (规范化后授权): a 石门 operator writes
 * another town's (or city's) id in another spelling — case flipped, spaces
 * around or inside, full-width forms, other NFKC equivalents (mathematical
 * bold, ideographic space) — in every reference field of every write. None
 * may succeed, and the store must read back unchanged.
 */
const FULL_WIDTH_OFFSET = 0xff01 - 0x21;
const spelling = fc.record({
  chars: fc.array(fc.constantFrom('same', 'case', 'fullWidth', 'bold'), { minLength: 1, maxLength: 24 }),
  before: fc.constantFrom('', ' ', '\t', '\u3000', ' \u00a0'),
  after: fc.constantFrom('', ' ', '\n', '\u3000', '\u2003'),
  inner: fc.option(fc.constantFrom(' ', '\u3000', '\u00a0'), { nil: undefined }),
  at: fc.nat(),
});
type Spelling = typeof spelling extends fc.Arbitrary<infer T> ? T : never;

/** `id` written another way; NFKC and trimming map it back to `id` unless `inner` adds a space inside. */
function respell(id: string, s: Spelling): string {
  const chars = [...id].map((c, i) => {
    const how = s.chars[i % s.chars.length];
    const code = c.codePointAt(0) ?? 0;
    if (how === 'case') return c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
    if (how === 'fullWidth' && code >= 0x21 && code <= 0x7e) return String.fromCodePoint(code + FULL_WIDTH_OFFSET);
    if (how === 'bold' && c >= 'A' && c <= 'Z') return String.fromCodePoint(0x1d400 + code - 0x41);
    if (how === 'bold' && c >= '0' && c <= '9') return String.fromCodePoint(0x1d7ce + code - 0x30);
    return c;
  });
  if (s.inner !== undefined && chars.length > 1) chars.splice(1 + (s.at % (chars.length - 1)), 0, s.inner);
  return `${s.before}${chars.join('')}${s.after}`;
}

/** The foreign input with the foreign id(s) at `field` respelt (every element of a list field). */
function respelt(policy: OperationPolicy, field: string, input: Record<string, unknown>, s: Spelling) {
  const at = (v: unknown): unknown => (Array.isArray(v) ? v.map(at) : typeof v === 'string' ? respell(v, s) : v);
  const copy = structuredClone(input);
  if (policy.list !== undefined && policy.references?.[field] !== undefined) {
    const row = (copy[policy.list] as Record<string, unknown>[])[0] as Record<string, unknown>;
    row[field] = at(row[field]);
    return copy;
  }
  const path = field.split('.');
  let parent: Record<string, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  parent[last] = at(parent[last]);
  return copy;
}

const spellingCases = Object.entries(WRITE_POLICY).flatMap(([name, policy]) =>
  referenceFields(policy).map((field) => ({ name: name as keyof typeof WRITE_POLICY, field })),
);

describe('write policy: other spellings of foreign ids', () => {
  it.each(spellingCases)('$name $field: no spelling succeeds or changes anything', async ({ name, field }) => {
    const repository = await freshRepository();
    const yoga = gateway(repository);
    const before = await fingerprint(repository);
    const op = OPERATIONS[name];
    const policy: OperationPolicy = WRITE_POLICY[name];
    const make = op.foreign[field] as () => Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(spelling, async (s) => {
        const input = respelt(policy, field, make(), s);
        const res = await gql(yoga, op.query, { input }, bearer(tokens.shimenOperator as string));
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        const result = res.data?.[name] as { __typename: string };
        expect(['NotAuthorised', 'ValidationError'], JSON.stringify({ input, result })).toContain(result.__typename);
        expect(await fingerprint(repository)).toBe(before);
      }),
      { numRuns: 12 },
    );
  });

  it('a lower-case, padded, full-width USCC of a 洲泉 firm is refused on the canonical value', async () => {
    const repository = await freshRepository();
    const yoga = gateway(repository);
    const before = await fingerprint(repository);
    const foreign = uscc(3);
    const spelt = ` ${[...foreign.toLowerCase()].map((c) => (c >= '0' && c <= '9' ? String.fromCodePoint(c.charCodeAt(0) + FULL_WIDTH_OFFSET) : c)).join('')} `;
    const op = OPERATIONS.saveEnterprises;
    const res = await gql(
      yoga,
      op.query,
      { input: { city, enterprises: [shimenFirm({ uscc: spelt })] } },
      bearer(tokens.shimenOperator as string),
    );
    expect(res.data?.saveEnterprises).toMatchObject({ __typename: 'NotAuthorised', division: ZHOUQUAN });
    expect(await fingerprint(repository)).toBe(before);
  });

  it('an id that does not parse is a ValidationError naming the field', async () => {
    const yoga = gateway(await freshRepository());
    const res = await gql(
      yoga,
      OPERATIONS.saveParcels.query,
      { input: { city, parcels: [newParcel({ id: 'SM 009' })] } },
      bearer(tokens.shimenOperator as string),
    );
    expect(res.data?.saveParcels).toMatchObject({
      __typename: 'ValidationError',
      fieldErrors: [{ field: 'input.parcels.0.id', rule: 'id.format' }],
    });
  });
});
