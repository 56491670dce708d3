import { pathToFileURL } from 'node:url';
import { type WeeklyRanking, weeklyRanking } from '@mujun/core';
import { percent } from '@mujun/core/targets';
import { DatasetError, formatIssue, loadDataset, loadRanking, type RankingFile, readDataDir } from './data';
import { table } from './table';

export interface Ranking2018 {
  readonly file: RankingFile;
  readonly weeks: readonly WeeklyRanking[];
}

/**
 * 每周量化排序 of 2018: each ISO week's town ranking as of its Sunday, on
 * the weighted completion rates of the 2018 town targets
 * (data/ranking-2018.json over data/targets-2018.json).
 */
export function ranking2018(files: Readonly<Record<string, string>>): Ranking2018 {
  const { ledger } = loadDataset(files, [2018]);
  const { file, config } = loadRanking(files);
  return { file, weeks: weeklyRanking(ledger, config, file.year) };
}

/** Rank of a town in every week. */
export function ranksOf(r: Ranking2018, townName: string): number[] {
  return r.weeks.map((w) => w.rows.find((x) => x.townName === townName)?.rank ?? Number.NaN);
}

export function formatRanking(r: Ranking2018): string {
  const towns = r.weeks[0]?.rows.map((x) => x).sort((a, b) => (a.townCode < b.townCode ? -1 : 1)) ?? [];
  const names = towns.map((t) => t.townName);
  const weekly = table(
    ['周次', '截至', ...names],
    r.weeks.map((w) => [
      `W${String(w.week).padStart(2, '0')}`,
      w.asOf.slice(5),
      ...towns.map((t) => String(w.rows.find((x) => x.townCode === t.townCode)?.rank ?? '')),
    ]),
    names.map((_, i) => i + 2),
  );
  const last = r.weeks[r.weeks.length - 1];
  const components = r.file.components;
  const detail = last
    ? table(
        ['名次', '镇(街道)', '综合得分', '升降', ...components.map((c) => `${c.label}完成率(权重${c.weight})`)],
        last.rows.map((row) => [
          String(row.rank),
          row.townName,
          row.score.toFixed({ places: 2 }),
          row.movement > 0 ? `↑${row.movement}` : row.movement < 0 ? `↓${-row.movement}` : '-',
          ...row.components.map((c) => percent(c.completionRate)),
        ]),
        [0, 2, ...components.map((_, i) => i + 4)],
      )
    : '';
  const shimen = ranksOf(r, '石门');
  return [
    `${r.file.title} (名次; 综合得分 = Σ 权重 × min(完成率, ${r.file.cap}))`,
    '',
    weekly,
    '',
    `第${last?.week}周 (截至${last?.asOf}) 明细:`,
    detail,
    '',
    `石门: 各周名次 ${Math.min(...shimen)}–${Math.max(...shimen)}, ${shimen.every((x) => x <= 3) ? '始终居全市前三 ✓' : '未能始终居前三 ✗'}`,
  ].join('\n');
}

/** `pnpm ranking-2018 [data-dir]` */
export function main(argv: readonly string[]): number {
  try {
    const r = ranking2018(readDataDir(argv[0]));
    console.log(formatRanking(r));
    return ranksOf(r, '石门').every((x) => x <= 3) ? 0 : 1;
  } catch (e) {
    if (e instanceof DatasetError) {
      for (const i of e.issues) console.error(formatIssue(i));
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
