import { z } from 'zod';
import { type FieldIssue, ValidationError } from '../errors';
import type { Rational } from '../exact/rational';
import { decimalString, idField, plainText, toFieldIssues } from '../model/fields';
import type { Region } from '../model/region';
import type { RankingConfig } from './ranking';
import { defineTarget, flattenTargets, type Target } from './targets';
import { defineWarningScheme, type WarningScheme } from './warning';

/**
 * 年度目标任务 and 量化排序 of one city and year, as one JSON document:
 * `targets` are target definitions (`TargetInput`, checked by `defineTarget`);
 * `ranking` weights the completion rates of some of them, naming each
 * component's targets by id (`targetId`, or `targetIds` for several roots);
 * `warning` is the 预警规则 against 序时进度 (a preset id such as
 * `"yinchuan-2025"`, or `{ id, yellowFrom, redAbove }` in percentage points;
 * left out: the 银川 2025 preset).
 *
 * ```json
 * { "targets": [{ "id": "2018-signed", "measure": "vacatingSigned", ... }],
 *   "ranking": { "cap": "1.5", "components": [{ "key": "signed", "weight": "30", "targetId": "2018-signed" }] } }
 * ```
 */
export interface TargetSetInput {
  readonly targets: readonly unknown[];
  readonly ranking?: unknown;
  readonly warning?: unknown;
}

const rankingComponentSchema = z
  .strictObject({
    key: idField,
    label: plainText(z.string().min(1).max(200)).optional(),
    weight: decimalString,
    targetId: idField.optional(),
    targetIds: z.array(idField).min(1).optional(),
    cap: decimalString.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.targetId === undefined) === (c.targetIds === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetId'],
        message: 'name the targets of a component: targetId, or targetIds for several',
        params: { rule: 'ranking.targets' },
      });
    }
  });

const rankingSchema = z.strictObject({
  title: plainText(z.string().min(1).max(200)).optional(),
  year: z.number().int().optional(),
  cap: decimalString.optional(),
  components: z.array(rankingComponentSchema).min(1, { message: 'a ranking needs components' }),
});

const targetSetSchema = z.strictObject({
  targets: z.array(z.unknown()),
  ranking: z.unknown().optional(),
  warning: z.unknown().optional(),
});

/** A validated target set: its target trees and, when configured, the ranking over them. */
export interface TargetSet {
  readonly targets: readonly Target[];
  readonly ranking: RankingConfig | undefined;
  /** The ranking's title, e.g. 2018年退散进集每周量化排序. */
  readonly rankingTitle: string | undefined;
  /** 预警规则 (the 银川 2025 preset when the document names none). */
  readonly warning: WarningScheme;
}

/**
 * Checks a target set document: every target with `defineTarget` (towns in
 * `region`), ids unique across the set, ranking components naming existing
 * targets with positive weights and caps.
 * @throws ValidationError listing every broken rule (fields under `targets.<i>` and `ranking`)
 */
export function defineTargetSet(input: unknown, region?: Region): TargetSet {
  const shape = targetSetSchema.safeParse(input);
  if (!shape.success) throw new ValidationError(toFieldIssues(shape.error, ''));
  const issues: FieldIssue[] = [];
  const targets: Target[] = [];
  shape.data.targets.forEach((t, i) => {
    try {
      targets.push(defineTarget(t, region));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const x of e.issues) issues.push({ ...x, field: x.field.replace(/^target/, `targets.${i}`) });
    }
  });
  const byId = new Map<string, Target>();
  for (const root of targets) {
    for (const t of flattenTargets(root)) {
      if (byId.has(t.id)) issues.push({ field: 'targets', rule: 'unique', message: `target id ${t.id} is used twice` });
      byId.set(t.id, t);
    }
  }
  let ranking: RankingConfig | undefined;
  let rankingTitle: string | undefined;
  if (shape.data.ranking !== undefined) {
    const r = rankingSchema.safeParse(shape.data.ranking);
    if (!r.success) for (const x of toFieldIssues(r.error, 'ranking')) issues.push(x);
    else {
      const positive = (v: Rational, field: string) => {
        if (v.sign() <= 0) issues.push({ field, rule: 'positive', message: 'must be greater than zero' });
      };
      if (r.data.cap !== undefined) positive(r.data.cap, 'ranking.cap');
      const components = r.data.components.map((c, i) => {
        const at = `ranking.components.${i}`;
        positive(c.weight, `${at}.weight`);
        if (c.cap !== undefined) positive(c.cap, `${at}.cap`);
        const ids = c.targetIds ?? (c.targetId === undefined ? [] : [c.targetId]);
        const found = ids.flatMap((id) => {
          const t = byId.get(id);
          if (!t)
            issues.push({ field: `${at}.targetId`, rule: 'reference.target', message: `no target ${id} in the set` });
          return t ? [t] : [];
        });
        return {
          key: c.key,
          ...(c.label === undefined ? {} : { label: c.label }),
          weight: c.weight,
          targets: found,
          ...(c.cap === undefined ? {} : { cap: c.cap }),
        };
      });
      const keys = components.map((c) => c.key);
      if (new Set(keys).size !== keys.length) {
        issues.push({ field: 'ranking.components', rule: 'unique', message: 'two components have one key' });
      }
      ranking = { components, ...(r.data.cap === undefined ? {} : { cap: r.data.cap }) };
      rankingTitle = r.data.title;
    }
  }
  let warning: WarningScheme | undefined;
  try {
    warning = defineWarningScheme(shape.data.warning);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const x of e.issues) issues.push(x);
  }
  if (issues.length > 0 || warning === undefined) throw new ValidationError(issues);
  return { targets, ranking, rankingTitle, warning };
}
