/**
 * `pnpm bench load`: a bounded mixed read/write load (`LOAD_SECONDS`,
 * default 60 s; 50 connections; 127.0.0.1) on the gateway over a PGlite
 * store seeded with examples/tongxiang-2018, in its own process.
 *
 * Goals (issue 12): 0 errors, and every acknowledged write in the ledger.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mintDevToken } from '../packages/graphql/src/index';
import { runLoad } from './load';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SECRET = 'bench-secret-bench-secret-bench-secret';
const script = fileURLToPath(new URL('./graphql-server.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', script, 'mujun'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', BENCH_SECRET: SECRET },
});
const url = await new Promise<string>((ok, fail) => {
  child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  child.stdout?.on('data', (chunk: Buffer) => {
    const m = /PORT (\d+)/.exec(chunk.toString());
    if (m) ok(`http://127.0.0.1:${m[1]}/graphql`);
  });
});
try {
  const token = await mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
  const r = await runLoad({
    url,
    token,
    townCode: '330483108000',
    seconds: SECONDS,
    connections: 50,
    runId: String(Date.now()),
  });
  console.log(
    `${SECONDS} s, 50 connections: ${r.requests} requests (half writes), p99 ${r.p99} ms; errors ${r.errors}; writes sent ${r.sent}, acknowledged ${r.acknowledged}, in the ledger ${r.recorded}, acknowledged but missing ${r.missing}`,
  );
  const goals = [
    [`0 errors (${r.errors})`, r.errors === 0],
    [
      `every acknowledged write in the ledger (${r.missing} missing; ${r.recorded} recorded, ${r.acknowledged} acknowledged, ${r.sent} sent)`,
      r.missing === 0 && r.recorded >= r.acknowledged && r.recorded <= r.sent,
    ],
  ] as const;
  console.log(`goals: ${goals.map(([label, ok]) => `${ok ? '✓' : '✗'} ${label}`).join('; ')}`);
} finally {
  child.kill();
}
