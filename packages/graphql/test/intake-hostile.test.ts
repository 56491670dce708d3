import { mintDevToken } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import {
  farColumnXlsx,
  inflatingXlsx,
  manyRowsCsv,
  sameFirmCsv,
  sharedStringsXlsx,
  wideHeaderCsv,
  withDeclaredSize,
} from '../../intake/test/hostile';
import { bearer, gql, memoryGateway, SECRET, uscc } from './fixtures';

const MUTATION = `mutation ($input: ImportAnnualDataInput!) {
  importAnnualData(input: $input) {
    __typename
    ... on ImportAnnualDataSuccess {
      report { written errorCount noteCount files { file rows } issues { severity row rule message } }
    }
  }
}`;

type Gateway = Awaited<ReturnType<typeof memoryGateway>>['yoga'];

interface Report {
  written: boolean;
  errorCount: number;
  files: { file: string; rows: number }[];
  issues: { severity: string; row: number; rule: string; message: string }[];
}

/** Uploads one file (graphql-multipart-request-spec) as the city admin; the report. */
async function upload(yoga: Gateway, token: string, name: string, bytes: Uint8Array): Promise<Report> {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({ query: MUTATION, variables: { input: { year: 2018, source: 'TAX', file: null } } }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new File([new Uint8Array(bytes)], name));
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'x-graphql-yoga-csrf': '1', ...bearer(token) },
    body: form,
  });
  const json = (await res.json()) as { data?: { importAnnualData: { report: Report } }; errors?: unknown };
  expect(json.errors).toBeUndefined();
  const result = json.data?.importAnnualData as { report: Report } | undefined;
  if (!result) throw new Error('no importAnnualData in the answer');
  return result.report;
}

/** A trivial query of another client. */
async function bystander(yoga: Gateway): Promise<unknown> {
  const r = await gql(yoga, '{ __typename }');
  return r.data;
}

/**
 * Each hostile file of issue #23, uploaded while a bystander asks a trivial
 * query at the same time: the bystander is answered, the upload's report
 * says what happened, and the gateway answers again after it.
 */
describe('hostile uploads: the gateway survives, serves a bystander, and the report says what happened', async () => {
  const { yoga } = await memoryGateway({ maxBodyBytes: 8 * 1024 * 1024 });
  const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
  const cases: [string, () => Uint8Array, string][] = [
    ['far-column.xlsx', () => farColumnXlsx(uscc(1)), 'limit.columns'],
    ['same-firm.csv', () => sameFirmCsv(uscc(1)), 'reconcile.duplicate'],
    ['wide-header.csv', () => wideHeaderCsv(), 'limit.columns'],
    ['many-rows.csv', () => manyRowsCsv(200_001, (i) => `X${i}`), 'limit.rows'],
    ['xfd.xlsx', () => farColumnXlsx(uscc(1), 1, 16384), 'limit.columns'],
    ['shared-strings.xlsx', () => sharedStringsXlsx(), 'limit.sharedStrings'],
    ['zip-bomb.xlsx', () => withDeclaredSize(inflatingXlsx(1000), 2 ** 31), 'limit.decompressedBytes'],
  ];
  for (const [name, make, rule] of cases) {
    it(`${name}: ${rule}`, async () => {
      const [report, other] = await Promise.all([upload(yoga, token, name, make()), bystander(yoga)]);
      expect(other).toEqual({ __typename: 'Query' });
      expect(report.written).toBe(false);
      expect(report.errorCount).toBeGreaterThan(0);
      expect(report.issues.map((i) => i.rule)).toContain(rule);
      expect(await bystander(yoga)).toEqual({ __typename: 'Query' });
    });
  }

  it('3,000 rows of one firm: every row refused, the group once (the first row names the others)', async () => {
    const report = await upload(yoga, token, 'same-firm.csv', sameFirmCsv(uscc(1)));
    expect(report.files).toEqual([{ file: 'same-firm.csv', rows: 3000 }]);
    const dup = report.issues.filter((i) => i.rule === 'reconcile.duplicate');
    expect(dup).toHaveLength(3000);
    expect(dup[0]?.message).toContain('and 2989 more rows');
    expect(dup[1]?.message).toContain(`${uscc(1)} also at same-firm.csv row 2`);
  });
});

describe('the upload worker', () => {
  it('a file that needs more than the worker’s heap is a file error; the gateway lives on', async () => {
    const { yoga } = await memoryGateway({ maxBodyBytes: 8 * 1024 * 1024, intake: { heapMb: 4 } });
    const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const report = await upload(
      yoga,
      token,
      'big.csv',
      manyRowsCsv(150_000, (i) => `X${i}`),
    );
    expect(report.issues.map((i) => i.rule)).toEqual(['file.worker']);
    expect(report.issues[0]?.message).toMatch(
      /^the file could not be read: its reader stopped .*: it needs more than 4 MiB$/,
    );
    expect(await bystander(yoga)).toEqual({ __typename: 'Query' });
  });
});
