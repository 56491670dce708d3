import { mintDevToken } from '@mujun/graphql';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bearer, memoryGateway, SECRET, SHIMEN, uscc } from './fixtures';

const MUTATION = `mutation ($input: ImportAnnualDataInput!) {
  importAnnualData(input: $input) {
    __typename
    ... on ImportAnnualDataSuccess {
      report {
        year city written records errorCount warningCount
        files { file source headerRow rows rejected encoding columns { header field unit unitFrom } }
        issues { severity file row column value rule message label suggestions }
        completeness { firms { uscc missing } towns { townCode firms complete missing { source count } } }
        rejectsWorkbook
      }
    }
    ... on NotAuthorised { message }
    ... on ValidationError { fieldErrors { field rule } }
  }
}`;

/** A GraphQL multipart request (graphql-multipart-request-spec) carrying one file. */
async function upload(
  yoga: Awaited<ReturnType<typeof memoryGateway>>['yoga'],
  token: string | undefined,
  name: string,
  body: string,
  input: Record<string, unknown>,
) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: MUTATION, variables: { input: { ...input, file: null } } }));
  form.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.set('0', new File([body], name, { type: 'text/csv' }));
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'x-graphql-yoga-csrf': '1', ...(token ? bearer(token) : {}) },
    body: form,
  });
  const json = (await res.json()) as { data?: { importAnnualData: Record<string, unknown> }; errors?: unknown[] };
  return { status: res.status, result: json.data?.importAnnualData, errors: json.errors };
}

const CSV = `统一社会信用代码,实缴税金(元)\n${uscc(1)},123400\n${uscc(3)},5000\n`;

describe('importAnnualData (multipart upload)', () => {
  it('a town operator imports rows of its own town only: others are row errors, nothing written without acceptValid', async () => {
    const { yoga, repository } = await memoryGateway();
    const token = await mintDevToken({ role: 'townOperator', town: SHIMEN, secret: SECRET });
    const r = await upload(yoga, token, '税务.csv', CSV, { year: 2018 });
    expect(r.errors).toBeUndefined();
    expect(r.result).toMatchObject({
      __typename: 'ImportAnnualDataSuccess',
      report: {
        year: 2018,
        city: '330483',
        written: false,
        records: 0,
        errorCount: 1,
        files: [
          {
            file: '税务.csv',
            source: 'TAX',
            headerRow: 1,
            rows: 2,
            rejected: 1,
            encoding: 'utf-8',
            columns: [
              { header: '统一社会信用代码', field: 'uscc', unit: null, unitFrom: null },
              { header: '实缴税金(元)', field: 'tax', unit: 'yuan', unitFrom: 'header' },
            ],
          },
        ],
        issues: [
          {
            severity: 'ERROR',
            file: '税务.csv',
            row: 3,
            column: '统一社会信用代码',
            value: uscc(3),
            rule: 'reconcile.townNotAllowed',
            label: '该企业所在镇（街道）不在导入人权限范围内',
            suggestions: [],
          },
        ],
        // All or nothing: no rejects workbook without acceptValid.
        rejectsWorkbook: null,
      },
    });
    const report = (r.result as { report: { completeness: { towns: { townCode: string }[] } } }).report;
    expect(report.completeness.towns.map((t) => t.townCode)).toEqual([SHIMEN]);
    const before = await repository.listAnnualData({ year: 2018, usccs: [uscc(1)] });
    expect(before[0]?.tax?.toFixed('wanYuan', { places: 2 })).toBe('11.25');

    const accepted = await upload(yoga, token, '税务.csv', CSV, { year: 2018, acceptValid: true, source: 'TAX' });
    expect(accepted.result).toMatchObject({ report: { written: true, records: 1, errorCount: 1 } });
    // The refused row comes back in the 退回表: its cells and the error naming its rule.
    const rejects = new ExcelJS.Workbook();
    const base64 = (accepted.result as { report: { rejectsWorkbook: string } }).report.rejectsWorkbook;
    await rejects.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
    const sheet = rejects.worksheets[0];
    if (!sheet) throw new Error('the rejects workbook has no sheet');
    expect(sheet.rowCount).toBe(2);
    const refused = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(refused.slice(1)).toEqual([3, uscc(3), '5000']);
    expect(String(refused[0])).toContain('(reconcile.townNotAllowed)');
    const after = await repository.listAnnualData({ year: 2018, usccs: [uscc(1), uscc(3)] });
    expect(after.map((d) => [d.uscc, d.tax?.toFixed('wanYuan', { places: 2 })])).toEqual([
      [uscc(1), '12.34'],
      [uscc(3), '31.25'],
    ]);
  });

  it('a viewer may not import; a city admin imports every town', async () => {
    const { yoga } = await memoryGateway();
    const viewer = await upload(yoga, undefined, '税务.csv', CSV, { year: 2018 });
    expect(viewer.result).toMatchObject({ __typename: 'NotAuthorised' });
    const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    const r = await upload(yoga, admin, '税务.csv', CSV, { year: 2018 });
    expect(r.result).toMatchObject({ report: { written: true, records: 2, errorCount: 0 } });
  });
});
