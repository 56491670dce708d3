/**
 * `pnpm bench graphql-evaluation`: the gateway's first `evaluation` of a
 * synthetic city of 100,000 firms (`BENCH_EVALUATION_FIRMS`) over PGlite, on
 * a freshly started gateway (nothing read before it), as the city admin —
 * against, in the same run and the same server process, the record path
 * (every firm's records listed and parsed, then the population rule and the
 * engine) and the library's columnar path (`evaluateCity`, the year's data
 * read by `listAnnualDataColumns`).
 *
 * Goal (issue 22, deliverable 10): the first evaluation < 1 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '../packages/graphql/src/index';

const SECRET = randomBytes(32).toString('hex');
const FIRMS = Number(process.env.BENCH_EVALUATION_FIRMS ?? 100_000);
const EVALUATION = `{ evaluation(schemeId: "bench-runs", year: 2018) {
  summary { total { A B C D total } } results(first: 20) { edges { node { uscc class } } } } }`;

function start(): Promise<{ child: ChildProcess; url: string }> {
  const file = fileURLToPath(new URL('./graphql-evaluation-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', file], {
    stdio: ['pipe', 'pipe', 'inherit'],
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

/**
 * Asks the server for its in-process baseline: [record path ms, columnar path ms, server CPU ms of
 * the first evaluation] — CPU time, unlike wall time, hardly moves with the load of a shared machine.
 */
function baseline(child: ChildProcess): Promise<[number, number, number]> {
  return new Promise((ok) => {
    const listen = (chunk: Buffer) => {
      const m = /BASELINE (\d+) (\d+) (\d+)/.exec(chunk.toString());
      if (!m) return;
      child.stdout?.off('data', listen);
      ok([Number(m[1]), Number(m[2]), Number(m[3])]);
    };
    child.stdout?.on('data', listen);
    child.stdin?.write('baseline\n');
  });
}

const t0 = Date.now();
const mujun = await start();
console.log(
  `gateway with a ${FIRMS.toLocaleString('en')}-firm city (PGlite) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
);
try {
  const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
  const t = performance.now();
  const res = await fetch(mujun.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: EVALUATION }),
  });
  const body = (await res.json()) as {
    data?: { evaluation: { summary: { total: { total: number } } } };
    errors?: unknown;
  };
  const first = performance.now() - t;
  if (body.errors || !body.data) throw new Error(`evaluation failed: ${JSON.stringify(body.errors)}`);
  if (body.data.evaluation.summary.total.total !== FIRMS) throw new Error('not every firm was evaluated');
  const [records, columns, cpu] = await baseline(mujun.child);
  console.log(`first evaluation through the gateway   ${first.toFixed(0)} ms (server CPU ${cpu} ms)`);
  console.log(`record path, in process (baseline)     ${records.toFixed(0)} ms`);
  console.log(`columnar path, in process (evaluateCity) ${columns.toFixed(0)} ms`);
  const goals = [
    [`first evaluation < 1 s (${first.toFixed(0)} ms)`, first < 1000],
    [`first evaluation faster than the record path (${((first / records) * 100).toFixed(0)}%)`, first < records],
  ] as const;
  console.log(`goals: ${goals.map(([label, ok]) => `${ok ? '✓' : '✗'} ${label}`).join('; ')}`);
} finally {
  mujun.child.kill();
}
