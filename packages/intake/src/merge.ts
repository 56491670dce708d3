import {
  annualDataKey,
  annualDataSchema,
  annualDataToInput,
  type EnterpriseAnnualData,
  type EnterpriseAnnualDataInput,
  type Registry,
  toFieldIssues,
} from '@mujun/core';
import type { IntakeIssue } from './issues';
import { intakeMessage } from './messages';
import type { SourceRow } from './rows';

/** A firm's merged year: the input written to the store and the rows it came from. */
export interface MergedRecord {
  readonly uscc: string;
  readonly input: EnterpriseAnnualDataInput;
  /** The same record validated by the core (what the store will hold). */
  readonly data: EnterpriseAnnualData;
  readonly rows: readonly SourceRow[];
}

/**
 * Merges the accepted rows of every source per 统一社会信用代码 into one
 * `EnterpriseAnnualData` input for the year, on top of what the store
 * already holds for that firm and year (a later 电力 file adds 用电量 to the
 * 统计 figures imported before). The merged record goes through the core's
 * whole annual-data schema (规上 needs 营业收入 ≥ 2000万元, ...); a broken
 * rule is reported on the row that gave the field, and the firm is left out.
 */
export function mergeRows(
  rows: ReadonlyMap<SourceRow, string>,
  registry: Registry,
  year: number,
): { records: MergedRecord[]; failed: Set<string> } {
  const byFirm = new Map<string, SourceRow[]>();
  for (const [r, uscc] of rows) byFirm.set(uscc, [...(byFirm.get(uscc) ?? []), r]);
  const records: MergedRecord[] = [];
  const failed = new Set<string>();
  for (const [uscc, group] of byFirm) {
    const stored = registry.annualData.get(annualDataKey(uscc, year));
    const input: Record<string, unknown> = stored ? { ...annualDataToInput(stored) } : { uscc, year };
    const givenBy = new Map<string, SourceRow>();
    for (const r of group) {
      for (const [field, v] of r.values) {
        input[field] = { value: v.value, unit: v.unit };
        givenBy.set(field, r);
      }
      if (r.scale !== undefined) {
        input.scale = r.scale;
        givenBy.set('scale', r);
      }
    }
    const fail = (r: SourceRow, column: string, value: string, rule: string, message: string) => {
      const issue: IntakeIssue = {
        severity: 'error',
        file: r.file,
        ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
        row: r.row,
        column,
        value,
        rule,
        message,
      };
      r.issues.push(issue);
      failed.add(uscc);
    };
    if (input.scale === undefined) {
      for (const r of group)
        fail(
          r,
          r.usccHeader || r.nameHeader,
          r.usccText || r.name,
          'merge.scaleMissing',
          intakeMessage('merge.scaleMissing'),
        );
      continue;
    }
    const checked = annualDataSchema.safeParse(input);
    if (!checked.success) {
      const failing = new Set<SourceRow>();
      for (const fi of toFieldIssues(checked.error)) {
        const field = fi.field.split('.')[0] ?? '';
        const r = givenBy.get(field) ?? givenBy.get('scale') ?? (group[0] as SourceRow);
        const v = r.values.get(field as never);
        fail(r, v?.header ?? r.scaleHeader ?? '', v?.value ?? '', fi.rule, fi.message);
        failing.add(r);
      }
      // The firm's other rows are refused with it: say why on each, naming the rows that failed.
      const refs = [...failing].map((r) => ({
        file: r.file,
        ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
        row: r.row,
      }));
      for (const r of group) {
        if (failing.has(r)) continue;
        r.issues.push({
          severity: 'error',
          file: r.file,
          ...(r.sheet === undefined ? {} : { sheet: r.sheet }),
          row: r.row,
          column: r.usccHeader || r.nameHeader,
          value: r.usccText || r.name,
          rule: 'merge.firmRejected',
          message: intakeMessage('merge.firmRejected', refs.map((x) => `${x.file} row ${x.row}`).join(', ')),
          related: refs,
        });
      }
      continue;
    }
    records.push({ uscc, input: input as EnterpriseAnnualDataInput, data: checked.data, rows: group });
  }
  return { records, failed };
}
