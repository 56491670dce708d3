import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIo, main } from '@mujun/cli';
import { Decimal, type EvaluationScheme, parseEvaluationScheme, summarizeRun } from '@mujun/core';
import { startEvaluationRun } from '@mujun/core/cycle';
import { EVALUATION_CLASS_LABELS, EVALUATION_STATUS_LABELS, WORKBOOK_LABELS as L } from '@mujun/core/labels';
import { createGateway, mintDevToken } from '@mujun/graphql';
import { openStore, type Store } from '@mujun/store';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataDir } from '../../../examples/tongxiang-2018/src/data';
import { evaluate2018 } from '../../../examples/tongxiang-2018/src/evaluate-2018';

/*
 * ACCEPTANCE (issue 22): on one store, the four faces — the `mujun evaluate`
 * workbook, GraphQL `evaluation`, a started run and the example script — give
 * the same status, class, total and rank for every firm and the same counts,
 * the firms without 2018 data included. They all read the one population rule
 * of @mujun/core/cycle.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/tongxiang-2018');
const dir = mkdtempSync(join(tmpdir(), 'mujun-faces-'));
const SECRET = 'cross-face-secret-cross-face-secret!';

/** What every face says of one firm. */
interface Firm {
  readonly status: string;
  readonly class: string | null;
  readonly total: string | null;
  readonly rank: number | null;
}

type Faces = Map<string, Firm>;

const statusOfLabel = new Map(Object.entries(EVALUATION_STATUS_LABELS).map(([k, v]) => [v as string, k]));
const classOfLabel = new Map(Object.entries(EVALUATION_CLASS_LABELS).map(([k, v]) => [v as string, k]));

let store: Store;
let scheme: EvaluationScheme;
beforeAll(async () => {
  store = await openStore();
});
afterAll(async () => {
  await store?.close();
});

async function mujun(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { MUJUN_DATA_DIR: join(dir, 'data') },
    cwd: ROOT,
    tty: false,
    store,
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The firms of the results workbook, read back by its column headers. */
async function workbookFirms(path: string): Promise<Faces> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const firms: Faces = new Map();
  for (const ws of wb.worksheets) {
    const header = ((ws.getRow(1).values ?? []) as unknown[]).map((v) => (v == null ? '' : String(v)));
    const col = (name: string) => header.indexOf(name);
    if (col(L.uscc) < 0) continue;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      // A figure is a numeric cell shown with its reported places (number format
      // `0.00`): read it as the decimal the cell shows, exactly from the double's
      // shortest text (at most 15 significant digits, as the workbook writes them).
      const cell = (name: string) => {
        const i = col(name);
        if (i < 0) return '';
        const c = row.getCell(i);
        const v = c.value;
        if (typeof v === 'number') {
          const places = /\.(0+)$/.exec(c.numFmt ?? '')?.[1]?.length ?? 0;
          return new Decimal(String(v)).toFixed(places);
        }
        return v == null ? '' : String(v);
      };
      firms.set(cell(L.uscc), {
        status: statusOfLabel.get(cell(L.status)) ?? `?${cell(L.status)}`,
        class: cell(L.class) === '' ? null : (classOfLabel.get(cell(L.class)) ?? `?${cell(L.class)}`),
        total: cell(L.total) === '' ? null : cell(L.total),
        rank: cell(L.rank) === '' ? null : Number(cell(L.rank)),
      });
    });
  }
  return firms;
}

describe('one truth behind every face (cross-face acceptance)', () => {
  it('the CLI workbook, GraphQL evaluation, a started run and the example script agree firm by firm', async () => {
    expect((await mujun('load', join(EXAMPLE, 'data'))).code).toBe(0);
    const files = readDataDir();
    const document = JSON.parse(files['scheme-2018.json'] ?? 'null') as Record<string, unknown>;
    scheme = parseEvaluationScheme(document);
    const admin = { actor: 'cityAdmin:330483:test' };
    await store.repository.saveScheme(document, admin);

    // 1. The CLI, by the stored scheme's id, with the workbook.
    const out = join(dir, 'results.xlsx');
    const cli = await mujun('evaluate', '--scheme', scheme.id, '--year', '2018', '--out', out, '--json');
    expect(cli.code).toBe(0);
    const cliTotal = JSON.parse(cli.out).total;
    const workbook = await workbookFirms(out);

    // 2. GraphQL `evaluation`, as the city admin.
    const yoga = createGateway({
      repository: store.repository,
      auth: { secret: SECRET },
      logging: false,
      maxPageSize: 5000,
    });
    const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
    type Node = {
      uscc: string;
      status: string;
      class: string | null;
      totalReported: string | null;
      rank: number | null;
    };
    type Page = {
      data: {
        evaluation: {
          summary: { total: Record<string, number> };
          results: {
            totalCount: number;
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
            edges: { node: Node }[];
          };
        };
      };
      errors?: unknown;
    };
    const page = async (after: string | null): Promise<Page> => {
      const res = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query ($id: ID!, $after: String) { evaluation(schemeId: $id, year: 2018) {
            summary { total { A B C D T none } }
            results(first: 1000, after: $after) { totalCount pageInfo { endCursor hasNextPage }
              edges { node { uscc status class totalReported rank } } } } }`,
          variables: { id: scheme.id, after },
        }),
      });
      const body = (await res.json()) as Page;
      expect(body.errors).toBeUndefined();
      return body;
    };
    const nodes: Node[] = [];
    let body = await page(null);
    for (;;) {
      nodes.push(...body.data.evaluation.results.edges.map((e) => e.node));
      if (!body.data.evaluation.results.pageInfo.hasNextPage) break;
      body = await page(body.data.evaluation.results.pageInfo.endCursor);
    }
    const gql: Faces = new Map(
      nodes.map((n) => [
        n.uscc,
        {
          status: n.status.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
          class: n.class,
          total: n.totalReported,
          rank: n.rank,
        },
      ]),
    );

    // 3. A run started on the same store.
    const started = await startEvaluationRun(
      store.repository,
      { regionCode: '330483', schemeId: scheme.id, year: 2018, id: 'faces-2018' },
      { ...admin, at: '2019-03-01T01:00:00.000Z' },
    );
    const { mode, report } = scheme.rounding;
    const run: Faces = new Map(
      (await store.repository.loadRunResults(started.run.id)).map((r) => [
        r.uscc,
        {
          status: r.status,
          class: r.class,
          total: r.total === null ? null : r.total.toFixed({ places: report.totals, rounding: mode }),
          rank: r.rank,
        },
      ]),
    );
    const runTotal = summarizeRun(await store.repository.countRunClasses(started.run.id)).total;

    // 4. The example script over the shipped data set.
    const example = evaluate2018(files);
    const script: Faces = new Map(
      example.result.enterprises.map((e) => [
        e.uscc,
        { status: e.status, class: e.class, total: e.totalReported, rank: e.rank },
      ]),
    );

    // Every firm of the city, the 982 without 2018 data among them, on every face.
    expect(script.size).toBe(3027);
    expect(example.withoutData).toBe(982);
    const expected = { A: 345, B: 1041, C: 258, D: 87, T: 102, none: 1194 };
    expect(example.summary.total).toEqual(expected);
    for (const counts of [cliTotal, body.data.evaluation.summary.total, runTotal]) expect(counts).toEqual(expected);
    expect(body.data.evaluation.results.totalCount).toBe(3027);

    const noData = [...script.entries()].filter(([, f]) => f.status === 'notEvaluated').map(([u]) => u);
    expect(noData).toHaveLength(1194);
    for (const [name, face] of [
      ['workbook', workbook],
      ['graphql', gql],
      ['run', run],
    ] as const) {
      expect({ face: name, firms: face.size }).toEqual({ face: name, firms: script.size });
      const differ = [...script].filter(([u, f]) => JSON.stringify(face.get(u)) !== JSON.stringify(f)).slice(0, 3);
      expect({ face: name, differ }).toEqual({ face: name, differ: [] });
    }
  });
});
