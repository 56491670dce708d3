import { pathToFileURL } from 'node:url';
import { isIsoDate, measure, type TargetProgress, targetProgress } from '@mujun/core';
import { aboveDesignatedTaxPerMu, decimalText } from '@mujun/core/campaign';
import { COMPARATOR_LABELS, MEASURE_UNIT_LABELS, TARGET_STATUS_LABELS } from '@mujun/core/labels';
import { percent } from '@mujun/core/targets';
import { DatasetError, formatIssue, loadDataset, loadTargets, readDataDir } from './data';
import { table } from './table';

export interface Targets2019 {
  readonly asOf: string;
  /** The last event date in events-2019.csv: progress after it cannot grow. */
  readonly dataUntil: string;
  readonly progress: readonly TargetProgress[];
  /** 2018 values of the annual measures (the base of 石门's 规上 targets). */
  readonly base2018: Readonly<Record<string, string>>;
}

/**
 * The article's 2019 targets (data/targets-2019.json: city 3000亩 =
 * 1000 + 1000 + 1000; 洲泉; 石门 "31112") and their progress on `asOf`,
 * over the 2018 and 2019 records.
 */
export function targets2019(files: Readonly<Record<string, string>>, asOf: string): Targets2019 {
  if (!isIsoDate(asOf)) throw new RangeError(`"${asOf}" is not a date YYYY-MM-DD`);
  const { ledger, events } = loadDataset(files, [2018, 2019]);
  const targets = loadTargets(files, 'targets-2019.json');
  const progress = targets.map((t) => targetProgress(ledger, t, asOf));
  const base2018: Record<string, string> = {};
  for (const t of targets) {
    if (t.measure === 'aboveDesignatedSizeEnterprises') {
      const v = measure(ledger, t.measure, { from: '2018-01-01', to: '2018-12-31', townCode: t.townCode });
      if (v !== undefined) base2018[t.id] = `2018年 ${decimalText(v)}家`;
    } else if (t.measure === 'aboveDesignatedTaxPerMuIncrease') {
      const v = aboveDesignatedTaxPerMu(ledger.references, 2018, t.townCode);
      const up = measure(ledger, t.measure, { from: '2018-01-01', to: '2018-12-31', townCode: t.townCode });
      if (v !== undefined) {
        const change = up === undefined ? '' : ` (较2017年 ${up.sign() >= 0 ? '+' : ''}${up.toFixed({ places: 2 })})`;
        base2018[t.id] = `2018年规上亩均税收 ${v.toFixed({ places: 2 })}万元/亩${change}`;
      }
    }
  }
  const dataUntil = events.map((e) => e.date).sort()[events.length - 1] ?? '';
  return { asOf, dataUntil, progress, base2018 };
}

const flatten = (p: TargetProgress, depth = 0): { p: TargetProgress; depth: number }[] => [
  { p, depth },
  ...p.children.flatMap((c) => flatten(c, depth + 1)),
];

export function formatTargets(r: Targets2019): string {
  const rows = r.progress.flatMap((p) => flatten(p));
  const first = r.progress[0];
  return [
    `桐乡市2019年退散进集目标完成情况 (截至${r.asOf}, 序时进度 ${first ? percent(first.scheduleRate) : ''})`,
    `数据: 2018年及2019年台账 (合成, 记至${r.dataUntil})`,
    '',
    table(
      ['目标', '目标值', '完成数', '完成率', '序时进度', '与序时差', '状态', '完成日期'],
      rows.map(({ p, depth }) => {
        const unit = MEASURE_UNIT_LABELS[p.target.unit];
        return [
          `${'  '.repeat(depth)}${p.target.label ?? p.target.id}`,
          `${COMPARATOR_LABELS[p.target.comparator]}${decimalText(p.target.value)}${unit}`,
          p.actual === undefined ? '—' : `${decimalText(p.actual)}${unit}`,
          p.completionRate === undefined ? '—' : percent(p.completionRate),
          percent(p.scheduleRate),
          p.gapToSchedule === undefined ? '—' : percent(p.gapToSchedule),
          TARGET_STATUS_LABELS[p.status],
          p.metOn === undefined ? '' : `${p.metOn}${p.early ? ' 提前完成' : ''}`,
        ];
      }),
      [1, 2, 3, 4, 5],
    ),
    '',
    ...Object.entries(r.base2018).map(([id, v]) => {
      const p = r.progress.find((x) => x.target.id === id);
      const status = p?.status === 'noData' ? '2019年年度数据尚未报送 (无数据)' : '按2019年年度数据计';
      return `${p?.target.label ?? id}: ${status}; ${v}`;
    }),
  ].join('\n');
}

/** `pnpm targets-2019 2019-06-30 [data-dir]` */
export function main(argv: readonly string[]): number {
  const asOf = argv[0] ?? '2019-06-30';
  if (!isIsoDate(asOf)) {
    console.error(`用法: pnpm targets-2019 YYYY-MM-DD  ("${asOf}" 不是日期)`);
    return 2;
  }
  try {
    console.log(formatTargets(targets2019(readDataDir(argv[1]), asOf)));
    return 0;
  } catch (e) {
    if (e instanceof DatasetError) {
      for (const i of e.issues) console.error(formatIssue(i));
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
