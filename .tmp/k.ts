import { scoreColumns } from '../packages/core/src/index';
const N = 1_000_000;
const col = (min: number, max: number) => { const v = new Float64Array(N); for (let i = 0; i < N; i++) v[i] = Math.floor((min + Math.random() * (max - min)) * 100) * 100; return { values: v, scale: 4 }; };
const tax = col(0, 5000), va = col(1, 20000), land = col(1, 500), en = col(1, 50000), em = col(0.01, 100), emp = col(10, 3000), rd = col(0, 2000), rev = col(2000, 200000);
const inds = [[tax, land, '30'], [va, land, '20'], [va, en, '20'], [va, em, '10'], [va, emp, '10'], [rd, rev, '10']] as const;
for (let r = 0; r < 4; r++) {
  const t0 = performance.now();
  scoreColumns({ indicators: inds.map(([a, b, w]) => ({ numerator: a, denominator: b, weight: w, benchmark: { derive: 'ratioOfSums' as const } })), rounding: { mode: 'halfUp', values: 4, benchmarks: 4, partialScores: 4 }, bands: [{ class: 'A', share: '100' }] });
  console.log('score', (performance.now() - t0).toFixed(0), 'ms');
}
