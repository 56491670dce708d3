import { EVALUATION_PRESET_DOCUMENTS, MemoryRepository, type Repository } from '@mujun/core';
import { createGateway, mintDevToken, WRITE_POLICY } from '@mujun/graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, SECRET, SHIMEN, seed, uscc, ZHOUQUAN } from './fixtures';

/*
 * The write policy, enumerated: every mutation × every reference field ×
 * every role. Each case starts from a write that lies wholly in 石门 and
 * points one reference field at a record of 洲泉 (or, for the base case,
 * changes nothing). Denied writes must answer NotAuthorised naming the
 * field and leave the repository exactly as it was.
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

async function freshRepository(): Promise<Repository> {
  const repository = await seed(new MemoryRepository({ now: () => '2019-01-24T00:00:00.000Z' }));
  await repository.saveRecords('330483', { parks: [ZQ_PARK] }, { actor: 'test:policy' });
  return repository;
}

/** Everything a write could change, as one string. */
async function fingerprint(r: Repository): Promise<string> {
  const [enterprises, parcels, parks, data, ledger, targets, scheme, audit] = await Promise.all([
    r.listEnterprises({ regionCode: '330483' }),
    r.listParcels('330483'),
    r.listParks('330483'),
    r.listAnnualData({ year: 2018, regionCode: '330483' }),
    r.loadLedger('330483'),
    r.listTargets('330483', 2019),
    r.getScheme('policy-test'),
    r.listAudit(),
  ]);
  return JSON.stringify({
    enterprises,
    parcels,
    parks,
    data,
    version: ledger?.version ?? 0,
    targets,
    scheme,
    audit: audit.length,
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
};

const SUCCESS: Record<keyof typeof WRITE_POLICY, string> = {
  saveEnterprises: 'SaveEnterprisesSuccess',
  saveAnnualData: 'SaveAnnualDataSuccess',
  saveParcels: 'SaveParcelsSuccess',
  saveParks: 'SaveParksSuccess',
  recordCampaignEvents: 'RecordCampaignEventsSuccess',
  saveTargets: 'SaveTargetsSuccess',
  saveScheme: 'SaveSchemeSuccess',
};

/** Foreign variants whose every reference lies in 洲泉 (a new record there, nothing of 石门 touched). */
const WHOLLY_ZHOUQUAN = new Set([
  'saveAnnualData.uscc',
  'saveParcels.town',
  'saveParks.town',
  'recordCampaignEvents.townCode',
]);

/** Who the policy lets through: the city admin anything in its city; a town operator only what lies wholly in its town. */
function allowed(role: RoleName, scope: 'town' | 'city', name: string, field: string | undefined): boolean {
  if (role === 'cityAdmin') return true;
  if (scope === 'city') return false;
  if (role === 'shimenOperator') return field === undefined;
  if (role === 'zhouquanOperator') return field !== undefined && WHOLLY_ZHOUQUAN.has(`${name}.${field}`);
  return false;
}

const cases = Object.entries(WRITE_POLICY).flatMap(([name, policy]) => {
  const op = OPERATIONS[name as keyof typeof WRITE_POLICY];
  const fields: [string, (() => Record<string, unknown>) | undefined][] = [
    ['(none)', undefined],
    ...Object.keys('references' in policy ? policy.references : {}).map(
      (f): [string, () => Record<string, unknown>] => {
        const make = op.foreign[f];
        if (!make) throw new Error(`the policy test has no case for ${name}.${f}`);
        return [f, make];
      },
    ),
  ];
  return fields.flatMap(([field, make]) =>
    ROLES.map((role) => ({ name: name as keyof typeof WRITE_POLICY, scope: policy.scope, field, make, role })),
  );
});

describe('write policy: every mutation × reference field × role', () => {
  it('has a case for every reference field of every operation', () => {
    for (const [name, op] of Object.entries(OPERATIONS)) {
      const policy = WRITE_POLICY[name as keyof typeof WRITE_POLICY];
      expect(Object.keys(op.foreign).sort(), name).toEqual(
        Object.keys('references' in policy ? policy.references : {}).sort(),
      );
    }
  });

  it.each(cases)('$name $field as $role', async ({ name, scope, field, make, role }) => {
    const repository = await freshRepository();
    const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false });
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
        expect(result.message).toContain(`input.${listOf(name)}.0.${field}`);
      }
      expect(await fingerprint(repository)).toBe(before);
    }
  });
});

function listOf(name: keyof typeof WRITE_POLICY): string {
  const policy = WRITE_POLICY[name];
  return 'list' in policy ? policy.list : '';
}
