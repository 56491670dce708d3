/**
 * `pnpm bench graphql` (with graphql.bench.ts): the 50-row results page of a
 * stored evaluation run, RANK order, of a synthetic city of 100,000 firms
 * (`BENCH_RUN_FIRMS`), through the gateway over PGlite, against a bare
 * graphql-yoga server answering the same JSON from memory, in one run.
 * autocannon, 127.0.0.1, 50 connections, `BENCH_SECONDS` (default 10) per
 * run after a 3-second warm-up; each server in its own process.
 *
 * Goal: p99 < 50 ms at 50 connections on the gateway.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PAGE = `{ evaluationRun(id: "bench-run") { status results(first: 50, orderBy: RANK) {
  edges { cursor node { uscc name town { name } cohort class classLabel rank rankedCount figuresShown totalReported } }
  pageInfo { hasNextPage endCursor } } } }`;

function start(script: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Production mode refuses to start without a token key: a fresh one per run.
    env: { ...process.env, NODE_ENV: 'production', BENCH_SECRET: randomBytes(32).toString('hex') },
  });
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const m = /PORT (\d+)/.exec(chunk.toString());
      if (m) ok({ child, url: `http://127.0.0.1:${m[1]}/graphql` });
    });
  });
}

async function post(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function load(url: string, seconds: number) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE }),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

const t0 = Date.now();
const mujun = await start('./graphql-runs-server.ts', []);
console.log(
  `gateway with a stored ${Number(process.env.BENCH_RUN_FIRMS ?? 100_000).toLocaleString('en')}-firm run (PGlite) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
let bare: { child: ChildProcess; url: string } | undefined;
try {
  const answer = await post(mujun.url);
  const file = join(mkdtempSync(join(tmpdir(), 'mujun-bench-')), 'answers.json');
  writeFileSync(file, JSON.stringify(answer));
  bare = await start('./graphql-server.ts', ['bare', file]);
  if (JSON.stringify(await post(bare.url)) !== JSON.stringify(answer))
    throw new Error('the bare server answers differently');
  console.log(`node ${process.version}; ${CONNECTIONS} connections, ${SECONDS} s per run after a 3 s warm-up\n`);
  const figures: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const [name, server] of [
    ['mujun', mujun],
    ['bare', bare],
  ] as const) {
    await load(server.url, 3);
    const f = await load(server.url, SECONDS);
    figures[name] = f;
    console.log(
      `${name.padEnd(8)} run results page    ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   errors ${f.errors}`,
    );
  }
  const m = figures.mujun;
  const b = figures.bare;
  if (m && b) {
    console.log(`\ngateway / bare throughput: ${((m.rps / b.rps) * 100).toFixed(0)}%`);
    console.log(`goals: ${m.p99 < 50 ? '✓' : '✗'} p99 < 50 ms (50-row RANK page of a stored run: ${m.p99} ms)`);
  }
} finally {
  mujun.child.kill();
  bare?.child.kill();
}
