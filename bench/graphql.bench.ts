/**
 * `pnpm bench graphql`: HTTP throughput and latency of the gateway on the
 * seeded Tongxiang data (examples/tongxiang-2018 in PGlite), for two queries —
 * `campaignStatistics` and a 50-row enterprise page — against a bare
 * graphql-yoga server answering the same JSON from memory, in one run.
 * autocannon, 127.0.0.1, 50 connections, `BENCH_SECONDS` (default 10) per
 * run after a 3-second warm-up. Each server runs in its own process.
 *
 * Then, on the same gateway, writes one at a time: a single `saveEnterprises`
 * (renaming one firm) and a 100-event `recordCampaignEvents` batch; and, on
 * a freshly started gateway, the first `evaluation` request.
 *
 * Goals (issue 12): p99 < 50 ms at 50 connections for both queries, each at
 * least 100% of the bare server's throughput (the response cache answers
 * repeated queries); single `saveEnterprises` p50 < 50 ms; 100-event batch
 * p50 < 100 ms; first evaluation < 200 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { mintDevToken } from '../packages/graphql/src/index';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const CONNECTIONS = 50;
// The reads are a city admin's: firms' figures are shown only to those who may see them.
const READER = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });

const QUERIES = {
  campaignStatistics: `{ campaignStatistics(city: "330483", year: 2018) {
    lowScatteredRemediated backwardCapacityItems zombiesDisposed enterprisesEnteredParks
    vacatingSigned { mu } reclamationApproved { mu } parkFloorAreaBuilt { squareMetres }
    byTown { town { name } lowScatteredRemediated enterprisesEnteredParks vacatingSigned { mu } reclamationApproved { mu } } } }`,
  enterprises: `{ enterprises(city: "330483", first: 50) { edges { cursor node {
    uscc name town { name } industry { code name } flags
    annualData(year: 2018) { scale tax { wanYuan } landArea { mu } } } } pageInfo { hasNextPage endCursor } } }`,
} as const;
type QueryName = keyof typeof QUERIES;

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./graphql-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Both servers as deployed: graphql-js skips its development-only checks.
    env: { ...process.env, NODE_ENV: 'production', BENCH_SECRET: SECRET },
  });
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const m = /PORT (\d+)/.exec(chunk.toString());
      if (m) ok({ child, url: `http://127.0.0.1:${m[1]}/graphql` });
    });
  });
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function load(url: string, query: string, seconds: number): Promise<Figures> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${READER}` },
    body: JSON.stringify({ query }),
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

const line = (server: string, q: QueryName, f: Figures) =>
  `${server.padEnd(8)} ${q.padEnd(20)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}`;

const EVALUATION = `{ evaluation(schemeId: "tongxiang-2018-example", year: 2018) {
  summary { total { A B C D total } } results(first: 20) { edges { node { uscc class } } } } }`;
const SAVE = `mutation ($input: SaveEnterprisesInput!) { saveEnterprises(input: $input) {
  __typename ... on SaveEnterprisesSuccess { enterprises { uscc name } } } }`;
const RECORD = `mutation ($input: RecordCampaignEventsInput!) { recordCampaignEvents(input: $input) {
  __typename ... on RecordCampaignEventsSuccess { version } } }`;
const SHIMEN = '330483108000';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const t0 = Date.now();
const mujun = await start(['mujun']);
console.log(`gateway seeded with examples/tongxiang-2018 (PGlite) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const results: Record<string, Record<QueryName, Figures>> = {};
let bare: { child: ChildProcess; url: string } | undefined;
const writes = { firstEvaluation: Number.NaN, save: Number.NaN, batch: Number.NaN };
try {
  // The first evaluation of a freshly started gateway (nothing read before it), as the city admin (the only reader of a live evaluation).
  writes.firstEvaluation = await timed(() => post(mujun.url, EVALUATION, {}, READER));
  const answers: Record<string, unknown> = {};
  for (const q of Object.keys(QUERIES) as QueryName[])
    Object.assign(answers, await post(mujun.url, QUERIES[q], {}, READER));
  const file = join(mkdtempSync(join(tmpdir(), 'mujun-bench-')), 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  bare = await start(['bare', file]);
  for (const q of Object.keys(QUERIES) as QueryName[]) {
    // The bare server must answer exactly what the gateway answers.
    const same =
      JSON.stringify(await post(bare.url, QUERIES[q])) ===
      JSON.stringify(await post(mujun.url, QUERIES[q], {}, READER));
    if (!same) throw new Error(`the bare server answers ${q} differently`);
  }
  console.log(`node ${process.version}; ${CONNECTIONS} connections, ${SECONDS} s per run after a 3 s warm-up\n`);
  for (const [name, server] of [
    ['mujun', mujun],
    ['bare', bare],
  ] as const) {
    results[name] = {} as Record<QueryName, Figures>;
    for (const q of Object.keys(QUERIES) as QueryName[]) {
      await load(server.url, QUERIES[q], 3);
      const f = await load(server.url, QUERIES[q], SECONDS);
      (results[name] as Record<QueryName, Figures>)[q] = f;
      console.log(line(name, q, f));
    }
  }
  // Writes, one at a time, on the same gateway.
  const admin = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
  const page = (await post(
    mujun.url,
    '{ enterprises(city: "330483", town: "石门", first: 1) { edges { node { uscc industry { code } registeredOn } } } }',
  )) as {
    enterprises: { edges: { node: { uscc: string; industry: { code: string }; registeredOn: string } }[] };
  };
  const firm = page.enterprises.edges[0]?.node;
  if (!firm) throw new Error('no 石门 enterprise to rename');
  const saves: number[] = [];
  for (let i = 0; i < 21; i++) {
    const input = {
      city: '330483',
      enterprises: [
        {
          uscc: firm.uscc,
          name: `石门基准测试企业${i}`,
          town: SHIMEN,
          industry: firm.industry.code,
          registeredOn: firm.registeredOn,
        },
      ],
    };
    saves.push(
      await timed(async () => {
        const r = await post(mujun.url, SAVE, { input }, admin);
        if ((r.saveEnterprises as { __typename: string }).__typename !== 'SaveEnterprisesSuccess') {
          throw new Error(`saveEnterprises failed: ${JSON.stringify(r)}`);
        }
      }),
    );
  }
  const batches: number[] = [];
  for (let b = 0; b < 11; b++) {
    const events = Array.from({ length: 100 }, (_, i) => ({
      type: 'BACKWARD_CAPACITY_ELIMINATED',
      id: `BENCH-${b}-${i}`,
      date: '2018-12-01',
      townCode: SHIMEN,
      items: 1,
    }));
    batches.push(
      await timed(async () => {
        const r = await post(mujun.url, RECORD, { input: { city: '330483', events } }, admin);
        if ((r.recordCampaignEvents as { __typename: string }).__typename !== 'RecordCampaignEventsSuccess') {
          throw new Error(`recordCampaignEvents failed: ${JSON.stringify(r)}`);
        }
      }),
    );
  }
  // The first of each is a warm-up (JIT, first snapshot after the load runs).
  writes.save = median(saves.slice(1));
  writes.batch = median(batches.slice(1));
  console.log(
    `\nwrites: saveEnterprises (1 firm) p50 ${writes.save.toFixed(1)} ms; recordCampaignEvents (100 events) p50 ${writes.batch.toFixed(1)} ms; first evaluation ${writes.firstEvaluation.toFixed(0)} ms`,
  );
} finally {
  mujun.child.kill();
  bare?.child.kill();
}

const m = results.mujun;
const b = results.bare;
if (m && b) {
  const share = m.enterprises.rps / b.enterprises.rps;
  const statsShare = m.campaignStatistics.rps / b.campaignStatistics.rps;
  console.log(
    `\ngateway / bare throughput: page ${(share * 100).toFixed(0)}%, statistics ${(statsShare * 100).toFixed(0)}%`,
  );
  const goals = [
    [`p99 < 50 ms (campaignStatistics: ${m.campaignStatistics.p99} ms)`, m.campaignStatistics.p99 < 50],
    [`p99 < 50 ms (enterprise page: ${m.enterprises.p99} ms)`, m.enterprises.p99 < 50],
    [`statistics throughput ≥ 100% of bare (${(statsShare * 100).toFixed(0)}%)`, statsShare >= 1],
    [`page throughput ≥ 100% of bare (${(share * 100).toFixed(0)}%)`, share >= 1],
    [`saveEnterprises p50 < 50 ms (${writes.save.toFixed(1)} ms)`, writes.save < 50],
    [`100-event batch p50 < 100 ms (${writes.batch.toFixed(1)} ms)`, writes.batch < 100],
    [`first evaluation < 200 ms (${writes.firstEvaluation.toFixed(0)} ms)`, writes.firstEvaluation < 200],
  ] as const;
  console.log(`goals: ${goals.map(([label, ok]) => `${ok ? '✓' : '✗'} ${label}`).join('; ')}`);
}
