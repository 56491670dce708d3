import { createGateway, mintDevToken, WRITE_POLICY } from '@mujun/graphql';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, memoryGateway, SECRET, SHIMEN, uscc } from './fixtures';

/*
 * A fast-check fuzz of every mutation's input, sent as variables by a city
 * admin and a town operator: whatever arrives, the gateway answers with a
 * typed result or a GraphQL error — never an INTERNAL_SERVER_ERROR or a 5xx.
 */

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }), // lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '',
    '石门',
    '洲泉',
    SHIMEN,
    '330483',
    'SM-001',
    'SM-P1',
    'ZQ-001',
    uscc(1),
    uscc(3),
    '1751',
    '\u0000',
  ),
);
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, 1e300, -0, '12.5', '2018-06-01', '2099-01-01', '-1', '1e5'),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(text, scalar, { maxKeys: 3 }));

/** Records with the mutation's field names (and strangers), each holding anything. */
const record = (fields: readonly string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...fields), text), value, { maxKeys: fields.length + 1 });

const LISTS: Record<
  keyof typeof WRITE_POLICY,
  { list?: string; fields: readonly string[]; extra?: readonly string[] }
> = {
  saveEnterprises: {
    list: 'enterprises',
    fields: ['uscc', 'name', 'town', 'industry', 'registeredOn', 'park', 'parcelIds', 'flags', 'fourWithout'],
  },
  saveAnnualData: {
    list: 'records',
    fields: ['uscc', 'year', 'scale', 'tax', 'valueAdded', 'revenue', 'employees', 'energy', 'landArea'],
  },
  saveParcels: { list: 'parcels', fields: ['id', 'town', 'area', 'category', 'park', 'holderUscc', 'suppliedOn'] },
  saveParks: { list: 'parks', fields: ['id', 'name', 'town', 'kind', 'phases', 'entryCriteria'] },
  recordCampaignEvents: {
    list: 'events',
    fields: [
      'type',
      'id',
      'date',
      'townCode',
      'note',
      'uscc',
      'outcome',
      'items',
      'parcelId',
      'stage',
      'area',
      'usccs',
      'parkId',
      'phase',
      'floorArea',
      'enterpriseName',
      'workshopName',
    ],
    extra: ['expectedVersion'],
  },
  saveTargets: { fields: [], extra: ['year', 'targets', 'ranking'] },
  saveScheme: { fields: [], extra: ['document'] },
  startEvaluationRun: { fields: [], extra: ['schemeId', 'year'] },
  publishEvaluationRun: { fields: [], extra: ['runId', 'noticeFrom', 'noticeTo'] },
  fileObjection: { fields: [], extra: ['runId', 'uscc', 'category', 'reason'] },
  resolveObjection: { fields: [], extra: ['objectionId', 'outcome', 'reason', 'correction', 'override'] },
  finalizeEvaluationRun: { fields: [], extra: ['runId'] },
  withdrawEvaluationRun: { fields: [], extra: ['runId', 'reason'] },
  saveLandGrants: { fields: [], extra: ['grants'] },
  importGeometries: { fields: [], extra: ['files', 'layer', 'dryRun'] },
};

const INPUT_TYPE: Record<keyof typeof WRITE_POLICY, string> = {
  saveEnterprises: 'SaveEnterprisesInput',
  saveAnnualData: 'SaveAnnualDataInput',
  saveParcels: 'SaveParcelsInput',
  saveParks: 'SaveParksInput',
  recordCampaignEvents: 'RecordCampaignEventsInput',
  saveTargets: 'SaveTargetsInput',
  saveScheme: 'SaveSchemeInput',
  startEvaluationRun: 'StartEvaluationRunInput',
  publishEvaluationRun: 'PublishEvaluationRunInput',
  fileObjection: 'FileObjectionInput',
  resolveObjection: 'ResolveObjectionInput',
  saveLandGrants: 'SaveLandGrantsInput',
  importGeometries: 'ImportGeometriesInput',
  finalizeEvaluationRun: 'FinalizeEvaluationRunInput',
  withdrawEvaluationRun: 'WithdrawEvaluationRunInput',
};

describe('mutation fuzz', () => {
  let tokens: string[] = [];
  beforeAll(async () => {
    tokens = [
      await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET }),
      await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET }),
    ];
  });

  it.each(Object.keys(WRITE_POLICY) as (keyof typeof WRITE_POLICY)[])(
    '%s: no input makes an INTERNAL error',
    async (name) => {
      const { repository } = await memoryGateway();
      const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false });
      const spec = LISTS[name];
      const query = `mutation ($input: ${INPUT_TYPE[name]}!) { ${name}(input: $input) { __typename } }`;
      const input = fc.record(
        {
          city: fc.oneof(fc.constant('330483'), text),
          ...(spec.list ? { [spec.list]: fc.oneof(fc.array(record(spec.fields), { maxLength: 3 }), value) } : {}),
          ...Object.fromEntries((spec.extra ?? []).map((k) => [k, value])),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(input, fc.nat(1), async (vars, who) => {
          const res = await gql(yoga, query, { input: vars }, bearer(tokens[who] ?? ''));
          expect(res.status).toBeLessThan(500);
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          expect(codes, JSON.stringify(res.errors)).not.toContain('INTERNAL_SERVER_ERROR');
        }),
        { numRuns: 60, seed: 12 },
      );
    },
  );
});
