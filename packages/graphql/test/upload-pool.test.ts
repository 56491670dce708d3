import { MemoryRepository, type Registry, type Repository } from '@mujun/core';
import type { IntakePlan } from '@mujun/intake';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { manyRowsCsv } from '../../intake/test/hostile';
import { UploadPool, type UploadPoolOptions, workerPlanner } from '../src/upload-reader';
import { SHIMEN, seed, uscc } from './fixtures';

const enc = new TextEncoder();
const pools: UploadPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

const registry = async (repository?: Repository): Promise<Registry> => {
  const r = await (repository ?? (await seed(new MemoryRepository()))).loadRegistry('330483');
  if (!r) throw new Error('the seeded registry is missing');
  return r;
};

/** A pool and a planner over it, closed after the tests. */
function planner(options: UploadPoolOptions) {
  const pool = new UploadPool({ workers: 1, ...options });
  pools.push(pool);
  const plan = workerPlanner(pool);
  return {
    pool,
    plan: async (name: string, bytes: Uint8Array, r: Registry): Promise<IntakePlan> =>
      plan({ files: [{ name, bytes, source: 'tax' }], year: 2018, registry: r, keepRejected: false }),
  };
}

/** A 税务 CSV of the seeded firm 1 with one figure: what the worker merges with the stored 2018 data. */
const goodCsv = (tax: string) => enc.encode(`统一社会信用代码,实缴税金(元)\n${uscc(1)},${tax}\n`);

describe('the upload pool', () => {
  it('a worker that runs out of its heap mid-upload fails that file only; it is replaced and the next upload is planned', async () => {
    const r = await registry();
    // 96 MiB holds a worker and a small file; 100,000 rows need about twice that.
    const { pool, plan } = planner({ heapMb: 96, retireMb: 1024 });
    const first = await plan('first.csv', goodCsv('7.5'), r);
    expect(first.report.errors).toBe(0);
    const [before] = pool.threadIds;

    const big = await plan(
      'big.csv',
      manyRowsCsv(100_000, (i) => `X${i}`),
      r,
    );
    expect(big.report.issues.map((i) => [i.file, i.row, i.rule])).toEqual([['big.csv', 0, 'file.worker']]);
    expect(big.report.issues[0]?.message).toContain('it needs more than 96 MiB');
    expect(big.records).toEqual([]);
    expect(big.report.files).toEqual([expect.objectContaining({ file: 'big.csv', rows: 0, accepted: 0 })]);

    const next = await plan('next.csv', goodCsv('8.25'), r);
    expect(next.report.errors).toBe(0);
    expect(next.records).toEqual([expect.objectContaining({ uscc: uscc(1), year: 2018 })]);
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(before);
  }, 300_000);

  it('the plan is the one planIntake makes in the gateway’s thread: duplicates, merge with the stored year, completeness', async () => {
    const r = await registry();
    const { plan } = planner({});
    const csv = enc.encode(`统一社会信用代码,实缴税金(元)\n${uscc(1)},1\n${uscc(1)},2\n${uscc(3)},3\n`);
    const { planIntake } = await import('@mujun/intake');
    const here = await planIntake({ files: [{ name: 'd.csv', bytes: csv, source: 'tax' }], year: 2018, registry: r });
    const there = await plan('d.csv', csv, r);
    expect(there.report).toEqual(here.report);
    expect(there.records).toEqual(here.records);
    expect(there.report.issues.map((i) => i.rule)).toContain('reconcile.duplicate');
  }, 300_000);

  it('after a write, the worker plans against the new registry (only the changes are sent)', async () => {
    const repository = await seed(new MemoryRepository());
    const { plan } = planner({});
    const { planIntake } = await import('@mujun/intake');
    const csv = enc.encode(`统一社会信用代码,实缴税金(元)\n${uscc(1)},100\n${uscc(5)},200\n`);
    const before = await registry(repository);
    const first = await plan('e.csv', csv, before);
    await repository.saveRecords(
      '330483',
      {
        enterprises: [
          {
            uscc: uscc(5),
            name: '桐乡市企业5有限公司',
            townCode: SHIMEN,
            industry: '1751',
            registeredOn: '2015-05-15',
          },
        ],
        annualData: [
          { uscc: uscc(1), year: 2018, scale: 'belowDesignatedSize', tax: '99.5', revenue: '300.1', employees: '7' },
        ],
      },
      { actor: 'test' },
    );
    const after = await registry(repository);
    const here = await planIntake({
      files: [{ name: 'e.csv', bytes: csv, source: 'tax' }],
      year: 2018,
      registry: after,
    });
    const there = await plan('e.csv', csv, after);
    expect(there.report).toEqual(here.report);
    expect(there.records).toEqual(here.records);
    // Firm 5 is known now: its row lacks only 规模 (a firm's first record of the year needs it).
    expect(first.report.issues.map((i) => [i.row, i.rule])).toEqual([[3, 'reconcile.unknownEnterprise']]);
    expect(there.report.issues.map((i) => [i.row, i.rule])).toEqual([[3, 'merge.scaleMissing']]);
  }, 300_000);

  it('a worker left large after an upload is retired once a fresh one has loaded; uploads go on', async () => {
    const r = await registry();
    // Every worker holds more than 1 MiB: each upload starts a standby that takes over when ready.
    const { pool, plan } = planner({ retireMb: 1 });
    expect((await plan('a.csv', goodCsv('1'), r)).report.errors).toBe(0);
    const [first] = pool.threadIds;
    await vi.waitFor(() => expect(pool.threadIds[0]).not.toBe(first), { timeout: 240_000, interval: 50 });
    expect((await plan('b.csv', goodCsv('2'), r)).records).toEqual([expect.objectContaining({ uscc: uscc(1) })]);
  }, 300_000);

  it('an upload over the time limit is a file-level error, not a stuck queue', async () => {
    const r = await registry();
    // 1 ms: no worker loads its modules that fast.
    const { plan } = planner({ timeMs: 1 });
    const late = await plan('late.csv', goodCsv('1'), r);
    expect(late.report.issues.map((i) => i.rule)).toEqual(['file.worker']);
    expect(late.report.issues[0]?.message).toContain('it took longer than 0.001 s');
    expect(late.records).toEqual([]);
  }, 300_000);
});
