import { pathToFileURL } from 'node:url';
import { type CampaignLedger, weeklyRanking, yearlyStatistics } from '@mujun/core';
import { type Figure, stageDuration, type TownFigures } from '@mujun/core/campaign';
import { MEASURE_LABELS } from '@mujun/core/labels';
import { DatasetError, formatIssue, loadDataset, loadRanking, readDataDir } from './data';
import { PUBLISHED_2018, QUOTE_2018, SHIMEN_DETAILS, SOURCE } from './published';
import { table } from './table';

const SHIMEN = '330483108000';

/** One published figure next to the one computed from the records. */
export interface ReproducedRow {
  readonly label: string;
  readonly published: string;
  readonly computed: string;
  readonly ok: boolean;
}

export interface Reproduction {
  /** The seven figures of the article, in its order. */
  readonly figures: readonly ReproducedRow[];
  /** The article's details on 石门. */
  readonly details: readonly ReproducedRow[];
  readonly byTown: readonly TownFigures[];
  /** True when every figure and detail matches. */
  readonly ok: boolean;
}

const text = (f: Figure | undefined) => (f ? `${f.value}${f.unitLabel}` : '');

/**
 * Loads the 2018 records (the registry files and events-2018.csv) through
 * the library's `parseDatasetFiles`, computes the year's statistics and
 * sets each figure beside the published one, then checks the article's
 * details on 石门. @throws DatasetError when a record breaks a rule
 */
export function reproduce(files: Readonly<Record<string, string>>): Reproduction {
  const { ledger } = loadDataset(files, [2018]);
  const stats = yearlyStatistics(ledger, 2018);
  const figures = PUBLISHED_2018.map((p): ReproducedRow => {
    const f = stats.figures.find((x) => x.measure === p.measure);
    return { label: MEASURE_LABELS[p.measure], published: p.text, computed: text(f), ok: f?.value === p.value };
  });
  const shimen = stats.byTown.find((t) => t.townCode === SHIMEN);
  const entries = shimen?.figures.find((f) => f.measure === 'parkEntries');
  const details = [
    chongan(ledger),
    {
      label: '石门 小微企业入园',
      published: `${SHIMEN_DETAILS.entries}家`,
      computed: text(entries),
      ok: entries?.value === SHIMEN_DETAILS.entries,
    },
    shimenRanking(ledger, files),
  ];
  const ok = [...figures, ...details].every((r) => r.ok);
  return { figures, details, byTown: stats.byTown, ok };
}

/** 崇安砖瓦厂: 4家企业共计45亩, 从签约到复耕30天. */
function chongan(ledger: CampaignLedger): ReproducedRow {
  const d = stageDuration(ledger, SHIMEN_DETAILS.chonganParcelId, 'signed', 'reclaimedOrReused');
  const { chonganEnterprises: n, chonganMu: mu, chonganDays: days } = SHIMEN_DETAILS;
  return {
    label: '石门 崇安砖瓦厂 签约→复耕',
    published: `${n}家 ${mu}亩 ${days}天`,
    computed: d ? `${d.enterprises}家 ${d.signedMu.toDecimal().toFixed()}亩 ${d.days}天` : '未完成',
    ok: d !== undefined && d.enterprises === n && d.signedMu.toDecimal().toFixed() === mu && d.days === days,
  };
}

/** 综合排名始终稳居全市前三: 石门's worst weekly rank of 2018. */
function shimenRanking(ledger: CampaignLedger, files: Readonly<Record<string, string>>): ReproducedRow {
  const { config } = loadRanking(files);
  const weeks = weeklyRanking(ledger, config, 2018);
  let worst = { rank: 0, week: '' };
  for (const w of weeks) {
    const rank = w.rows.find((r) => r.townCode === SHIMEN)?.rank ?? Number.POSITIVE_INFINITY;
    if (rank > worst.rank) worst = { rank, week: `W${String(w.week).padStart(2, '0')}` };
  }
  return {
    label: '石门 每周量化排序',
    published: `始终前${SHIMEN_DETAILS.topRank}名`,
    computed: `${weeks.length}周中最低第${worst.rank}名(${worst.week})`,
    ok: worst.rank <= SHIMEN_DETAILS.topRank,
  };
}

/** The report as text: figures with ✓/✗, the details, the towns. */
export function formatReproduction(r: Reproduction): string {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const rows = (list: readonly ReproducedRow[]) => list.map((x) => [x.label, x.published, x.computed, mark(x.ok)]);
  const header = ['指标', '公布数', '台账计算', ''];
  const towns = r.byTown;
  const first = towns[0]?.figures ?? [];
  return [
    `桐乡市2018年退散进集: 公布数与台账计算 (${SOURCE})`,
    `「${QUOTE_2018}」`,
    '',
    table(header, rows(r.figures), [1, 2]),
    '',
    '石门镇 (同文):',
    table(header, rows(r.details), [1, 2]),
    '',
    '分镇(街道) (合成台账):',
    table(
      ['镇(街道)', ...first.map((f) => `${f.label}(${f.unitLabel})`)],
      towns.map((t) => [t.townName, ...t.figures.map((f) => f.value)]),
      first.map((_, i) => i + 1),
    ),
    '',
    r.ok
      ? '全部一致 ✓'
      : `不一致: ${[...r.figures, ...r.details]
          .filter((x) => !x.ok)
          .map((x) => x.label)
          .join('、')} ✗`,
  ].join('\n');
}

/** `pnpm reproduce-2018 [data-dir]`: exit 0 when every figure matches, 1 on a mismatch, 2 on bad records. */
export function main(argv: readonly string[]): number {
  try {
    const r = reproduce(readDataDir(argv[0]));
    console.log(formatReproduction(r));
    return r.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof DatasetError) {
      console.error(`数据有误, 未载入任何记录 (${e.issues.length}):`);
      for (const i of e.issues) console.error(`  ${formatIssue(i)}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
