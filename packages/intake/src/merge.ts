import {
  type EnterpriseAnnualData,
  type EnterpriseAnnualDataInput,
  type Registry,
  safeParseAnnualData,
} from '@mujun/core';
import { annualDataKey, annualDataToInput } from '@mujun/core/model';
import type { IntakeIssue } from './issues';
import { intakeMessage } from './messages';
import { checkFigures, type SourceRow } from './rows';

/**
 * A firm's merged year: the input written to the store (validated by the
 * core's whole annual-data schema) and the rows it came from. The validated
 * record itself is not kept: the store validates the input again as it
 * writes, and what the report needs of it (which fields a firm has) the
 * input says as well — at 100k firms the records would hold ~67 MB.
 */
export interface MergedRecord {
  readonly uscc: string;
  readonly input: EnterpriseAnnualDataInput;
  readonly rows: readonly SourceRow[];
}

/** The input of a firm's year: what is stored, then each row's figures and 规模 on top, in order. */
function merged(group: readonly SourceRow[], stored: EnterpriseAnnualData | undefined, uscc: string, year: number) {
  const input: Record<string, unknown> = stored ? { ...annualDataToInput(stored) } : { uscc, year };
  const givenBy = new Map<string, SourceRow>();
  let repeated = false;
  for (const r of group) {
    for (const [field, v] of r.values) {
      if (givenBy.has(field)) repeated = true;
      input[field] = { value: v.value, unit: v.unit };
      givenBy.set(field, r);
    }
    if (r.scale !== undefined) {
      input.scale = r.scale;
      givenBy.set('scale', r);
    }
  }
  return { input, givenBy, repeated };
}

/**
 * Merges the accepted rows of every source per 统一社会信用代码 into one
 * `EnterpriseAnnualData` input for the year, on top of what the store
 * already holds for that firm and year (a later 电力 file adds 用电量 to the
 * 统计 figures imported before). The merged record goes through the core's
 * whole annual-data schema (规上 needs 营业收入 ≥ 2000万元, ...), read as the
 * store reads a batch (`safeParseAnnualData`: the schema's value, on the fast
 * path for a well-formed record); a broken
 * rule is reported on the row that gave the field, and the firm is left out.
 */
export function mergeRows(
  rows: ReadonlyMap<SourceRow, string>,
  registry: Registry,
  year: number,
): { records: MergedRecord[]; failed: Set<string> } {
  const byFirm = new Map<string, SourceRow[]>();
  const position = new Map<SourceRow, number>();
  for (const [r, uscc] of rows) {
    position.set(r, position.size);
    const group = byFirm.get(uscc);
    if (group) group.push(r);
    else byFirm.set(uscc, [r]);
  }
  const records: MergedRecord[] = [];
  const failed = new Set<string>();
  for (const [uscc, given] of byFirm) {
    const stored = registry.annualData.get(annualDataKey(uscc, year));
    // The usual case: the merged record's parse checks every figure of the firm at once.
    const first = merged(given, stored, uscc, year);
    if (!first.repeated && first.input.scale !== undefined) {
      const checked = safeParseAnnualData(first.input);
      if (checked.ok) {
        records.push({ uscc, input: first.input as EnterpriseAnnualDataInput, rows: given });
        continue;
      }
    }
    // Something fails (or a figure is given twice): each figure is checked on its cell first,
    // and a row with a bad cell is refused on its own, as read; the rows left are merged.
    const group = given.filter((r) => {
      const known = r.issues.length;
      checkFigures(r);
      return r.issues.length === known;
    });
    if (group.length === 0) continue;
    const { input, givenBy } = merged(group, stored, uscc, year);
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
    const checked = safeParseAnnualData(input);
    if (!checked.ok) {
      const failing = new Set<SourceRow>();
      for (const fi of checked.issues) {
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
    records.push({ uscc, input: input as EnterpriseAnnualDataInput, rows: group });
  }
  // In the order of each firm's first merged row, as if refused rows had never been given.
  const first = (m: MergedRecord) => position.get(m.rows[0] as SourceRow) ?? 0;
  records.sort((a, b) => first(a) - first(b));
  return { records, failed };
}
