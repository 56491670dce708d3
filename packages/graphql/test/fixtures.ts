import { MemoryRepository, makeUscc, type Repository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway, type GatewayOptions, type MujunGateway, mintDevToken } from '@mujun/graphql';

export const SHIMEN = '330483108000';
export const ZHOUQUAN = '330483105000';
export const SECRET = 'test-secret-test-secret-test-secret!';
export const uscc = (n: number) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `MA2B${String(n).padStart(4, '0')}` });

/**
 * A small registry of 桐乡 (as in packages/store/test/fixtures.ts, plus a
 * parcel of exactly 1亩, whose area in m² has no finite decimal form).
 */
export function smallRegistry() {
  const parks = [
    {
      id: 'SM-P1',
      name: '石门小微企业园',
      townCode: SHIMEN,
      kind: 'smallMicroPark',
      phases: [{ phase: 1, floorArea: '52000.5' }],
      entryCriteria: { minTaxPerMu: '10', industries: ['17'], notes: '亩均税收10万元以上' },
    },
  ];
  const parcels = [
    { id: 'SM-001', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered', holderUscc: uscc(1) },
    { id: 'SM-002', townCode: SHIMEN, area: '12.3456', category: 'inParkInefficient', parkId: 'SM-P1' },
    { id: 'ZQ-001', townCode: ZHOUQUAN, area: '3', category: 'idleSuppliedNotUsed', suppliedOn: '2016-03-01' },
    { id: 'ZQ-002', townCode: ZHOUQUAN, area: '1', category: 'inUse' },
  ];
  const enterprises = [1, 2, 3, 4].map((n) => ({
    uscc: uscc(n),
    name: `桐乡市企业${n}有限公司`,
    townCode: n <= 2 ? SHIMEN : ZHOUQUAN,
    industry: n % 2 ? '1751' : 'C3031',
    registeredOn: `201${n}-0${n}-1${n}`,
    ...(n === 2 ? { parkId: 'SM-P1', parcelIds: ['SM-002'] } : {}),
    ...(n === 1 ? { parcelIds: ['SM-001'], flags: ['lowScattered', 'fourWithout'], fourWithout: ['noLicence'] } : {}),
  }));
  const annualData = [2017, 2018].flatMap((year) =>
    [1, 2, 3, 4].map((n) => ({
      uscc: uscc(n),
      year,
      scale: n === 3 ? 'aboveDesignatedSize' : 'belowDesignatedSize',
      tax: `${n * 10 + (year - 2017)}.25`,
      revenue: n === 3 ? '2500' : '300.1',
      employees: String(n * 12),
      landArea: n === 4 ? undefined : `${n}.5`,
      energy: '100.001',
      electricity: '12.5',
    })),
  );
  return { region: TONGXIANG_2018_INPUT, parks, parcels, enterprises, annualData };
}

const seedCtx = { actor: 'test:graphql' };

/** Writes the small registry into `repository`. */
export async function seed(repository: Repository): Promise<Repository> {
  const r = smallRegistry();
  await repository.saveRegion(r.region, seedCtx);
  await repository.saveRecords(
    '330483',
    { parks: r.parks, parcels: r.parcels, enterprises: r.enterprises, annualData: r.annualData },
    seedCtx,
  );
  return repository;
}

export async function memoryGateway(options: Partial<GatewayOptions> = {}) {
  const repository = await seed(new MemoryRepository({ now: () => '2019-01-24T00:00:00.000Z' }));
  const yoga = createGateway({ repository, auth: { secret: SECRET }, logging: false, ...options });
  return { repository, yoga };
}

export interface GraphQLResponse {
  extensions?: Record<string, unknown>;
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** POSTs a query as JSON (what browsers and the CSRF rule accept), or as a multipart request when the variables hold files. */
export async function gql(
  yoga: MujunGateway,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  // Files anywhere in the variables go as a GraphQL multipart request (graphql-multipart-request-spec).
  const files: File[] = [];
  const map: Record<string, string[]> = {};
  const nulled = (value: unknown, path: string): unknown => {
    if (value instanceof File) {
      map[String(files.length)] = [path];
      files.push(value);
      return null;
    }
    if (Array.isArray(value)) return value.map((v, i) => nulled(v, `${path}.${i}`));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nulled(v, `${path}.${k}`)]));
  };
  const operations = JSON.stringify({ query, variables: nulled(variables, 'variables') });
  if (files.length === 0) {
    const res = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }
  const form = new FormData();
  form.set('operations', operations);
  form.set('map', JSON.stringify(map));
  for (const [i, file] of files.entries()) form.set(String(i), file);
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'x-graphql-yoga-csrf': '1', ...headers },
    body: form,
  });
  return { status: res.status, ...((await res.json()) as object) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The value at a dotted path (`region.towns.0.name`), for reading responses. */
export function at(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The headers of a city admin of 桐乡 (330483): who sees every firm's figures. */
export async function cityAdminHeaders(): Promise<Record<string, string>> {
  return bearer(await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET }));
}
