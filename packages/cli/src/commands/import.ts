import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DATA_SOURCE_LABELS, WORKBOOK_LABELS } from '@mujun/core/labels';
import {
  type ImportOutcome,
  type IntakeFile,
  type IntakeIssue,
  type IntakeLimit,
  type IntakeLimits,
  type IntakeReport,
  importAnnualData,
  LIMIT_NAMES,
  planIntake,
  rejectsWorkbook,
  resolveLimits,
  SOURCE_IDS,
  templateOf,
} from '@mujun/intake';
import { type CliIo, EXIT, UsageError } from '../io';
import { progress } from '../progress';
import { cityOf, storeLocation, withStore } from '../store';
import { table } from '../table';

export interface ImportFlags {
  readonly year: string;
  readonly city?: string;
  readonly source?: string;
  readonly sheet?: string;
  readonly acceptValid?: boolean;
  readonly rejects?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  /** `--max-rows` and the other limit flags, by commander's camel-cased name (maxRows). */
  readonly [maxLimit: `max${string}`]: string | boolean | undefined;
}

/** The limits of the flags given, over the environment's and the defaults. */
function limitsOf(io: CliIo, flags: ImportFlags): IntakeLimits {
  const given: Partial<Record<IntakeLimit, string>> = {};
  for (const limit of LIMIT_NAMES) {
    const v = flags[`max${limit[0]?.toUpperCase()}${limit.slice(1)}`];
    if (typeof v === 'string') given[limit] = v;
  }
  try {
    return resolveLimits(given, io.env);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UsageError(`--year must be a year like 2018, got "${text}"`);
  return Number(text);
}

const where = (i: IntakeIssue) => `${i.file}${i.sheet ? `[${i.sheet}]` : ''}${i.row > 0 ? ` 第${i.row}行` : ''}`;

/** One line per issue: where, the column and the cell, the message and rule, suggestions. */
export function issueLine(i: IntakeIssue): string {
  const cell = i.column ? ` ${i.column}${i.value ? ` “${i.value}”` : ''}` : '';
  const hint = i.suggestions ? ` → 建议 ${i.suggestions.join(' / ')}` : '';
  return `${i.severity === 'error' ? '✗' : i.severity === 'warning' ? '!' : '·'} ${where(i)}${cell}: ${i.message} (${i.rule})${hint}`;
}

/** The human form of an import report. */
export function formatReport(report: IntakeReport, storeLabel: string): string {
  const files = table(
    ['文件', '来源', '表头行', '行数', '退回', '合计行'],
    report.files.map((f) => [
      `${f.file}${f.encoding ? ` (${f.encoding})` : ''}`,
      f.source ? DATA_SOURCE_LABELS[f.source] : '?',
      String(f.headerRow),
      String(f.rows),
      String(f.rejected),
      String(f.skipped),
    ]),
    [2, 3, 4, 5],
  );
  const towns = table(
    [
      WORKBOOK_LABELS.town,
      WORKBOOK_LABELS.firms,
      WORKBOOK_LABELS.complete,
      ...SOURCE_IDS.map((s) => `缺${DATA_SOURCE_LABELS[s]}`),
    ],
    report.completeness.towns.map((t) => [
      t.townName,
      String(t.firms),
      String(t.complete),
      ...SOURCE_IDS.map((s) => String(t.missing[s])),
    ]),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  const lines = [`${report.year}年度部门数据导入 (${report.regionCode})`, '', files, ''];
  if (report.issues.length > 0) {
    lines.push(
      `问题 ${report.issues.length} 处 (错误 ${report.errors}, 提示 ${report.warnings}, 说明 ${report.notes}):`,
    );
    // One line per issue, in a loop: a file may carry more issues than a call takes arguments.
    for (const issue of report.issues) lines.push(issueLine(issue));
    lines.push('');
  }
  lines.push('数据状态 (通过校验的行计入):', towns, '');
  if (report.written) {
    lines.push(`已写入 ${report.records} 家企业的${report.year}年度数据 → ${storeLabel}`);
  } else if (report.errors > 0) {
    lines.push(`未写入任何数据: 有 ${report.errors} 处错误。改正后重新导入, 或用 --accept-valid 只写入通过校验的行。`);
  } else {
    lines.push(`校验通过: ${report.records} 家企业 (未写入)`);
  }
  return lines.join('\n');
}

/** `mujun import <files…> --year 2018`: department files into the store, all or nothing unless --accept-valid. */
export async function importCommand(io: CliIo, paths: readonly string[], flags: ImportFlags): Promise<number> {
  const year = parseYear(flags.year);
  const limits = limitsOf(io, flags);
  const source = flags.source === undefined ? undefined : templateOf(flags.source)?.id;
  if (flags.source !== undefined && source === undefined) {
    throw new UsageError(
      `--source must be one of ${SOURCE_IDS.map((s) => `${s} (${DATA_SOURCE_LABELS[s]})`).join(', ')}`,
    );
  }
  const files: IntakeFile[] = [];
  for (const p of paths) {
    const bytes = await readFile(resolve(io.cwd, p)).catch(() => {
      throw new UsageError(`cannot read ${p}`);
    });
    files.push({
      name: basename(p),
      bytes,
      ...(source === undefined ? {} : { source }),
      ...(flags.sheet === undefined ? {} : { sheet: flags.sheet }),
    });
  }
  const bar = progress(io, flags.json === true);
  bar.start(files.length, '读取部门数据');
  let read = 0;
  const onFile = (file: string) => bar.update(++read, file);
  const outcome = await withStore(io, async (store): Promise<ImportOutcome> => {
    const regionCode = await cityOf(store, flags.city);
    const common = { files, year, onFile, limits, ...(flags.acceptValid ? { acceptValid: true } : {}) };
    const wantRejects = flags.acceptValid === true || flags.rejects !== undefined;
    if (flags.dryRun) {
      const registry = await store.repository.loadRegistry(regionCode);
      if (!registry) throw new UsageError(`region ${regionCode} is not in the store`);
      const plan = await planIntake({ ...common, registry });
      return wantRejects && plan.rejected.length > 0
        ? { report: plan.report, rejects: await rejectsWorkbook(plan) }
        : { report: plan.report };
    }
    return importAnnualData(store.repository, {
      ...common,
      rejects: wantRejects,
      regionCode,
      context: { actor: 'cli:import', requestId: `import-${year}-${Date.now()}` },
    });
  });
  bar.stop();
  const { report } = outcome;
  let rejectsFile: string | undefined;
  if (outcome.rejects && (flags.acceptValid || flags.rejects !== undefined)) {
    rejectsFile = resolve(io.cwd, flags.rejects ?? `mujun-rejects-${year}.xlsx`);
    await writeFile(rejectsFile, outcome.rejects);
  }
  if (flags.json) io.out(JSON.stringify({ ...report, ...(rejectsFile ? { rejectsFile } : {}) }, null, 2));
  else {
    io.out(formatReport(report, storeLocation(io).label));
    if (rejectsFile) io.out(`退回表 (错误行及错误说明): ${rejectsFile}`);
  }
  return report.errors > 0 ? EXIT.data : EXIT.ok;
}
