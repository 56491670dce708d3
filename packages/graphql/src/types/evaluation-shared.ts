import type { ClassCounts, EvaluationScheme } from '@mujun/core';
import { EVALUATION_CLASS_LABELS, EVALUATION_STATUS_LABELS, INDICATOR_LABELS } from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import { townOf } from '../lookups';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';

const RESULT_ORDER = {
  USCC: { value: 'uscc', description: 'By 统一社会信用代码.' },
  RANK: { value: 'rank', description: 'By cohort, then rank (unranked last), then USCC.' },
} as const;

function makeSharedEvaluationTypes(builder: MujunBuilder, refs: MujunRefs) {
  const ClassEnum = builder.enumType('EvaluationClass', {
    description: 'A/B/C/D by rank or score; T 免评.',
    values: {
      A: { value: 'A' as const, description: EVALUATION_CLASS_LABELS.A },
      B: { value: 'B' as const, description: EVALUATION_CLASS_LABELS.B },
      C: { value: 'C' as const, description: EVALUATION_CLASS_LABELS.C },
      D: { value: 'D' as const, description: EVALUATION_CLASS_LABELS.D },
      T: { value: 'T' as const, description: EVALUATION_CLASS_LABELS.T },
    },
  });
  const StatusEnum = builder.enumType('EvaluationStatus', {
    description: 'What happened to an enterprise in an evaluation.',
    values: valuesOf(EVALUATION_STATUS_LABELS),
  });
  const IndicatorEnum = builder.enumType('EvaluationIndicator', {
    description: '评价指标 (docs/evaluation.md).',
    values: valuesOf(INDICATOR_LABELS),
  });
  const OrderEnum = builder.enumType('EvaluationResultOrder', { values: RESULT_ORDER });

  const Counts = builder.objectRef<ClassCounts>('ClassCounts').implement({
    description: 'Enterprises per class; `none`: no class (excluded, not evaluated).',
    fields: (t) => ({
      A: t.exposeInt('A'),
      B: t.exposeInt('B'),
      C: t.exposeInt('C'),
      D: t.exposeInt('D'),
      T: t.exposeInt('T'),
      none: t.exposeInt('none'),
      total: t.int({ resolve: (c) => c.A + c.B + c.C + c.D + c.T + c.none }),
    }),
  });
  const KeyedCounts = builder.objectRef<{ key: string; name: string | null; counts: ClassCounts }>('KeyedClassCounts');
  KeyedCounts.implement({
    description: 'Class counts of one cohort or industry 大类.',
    fields: (t) => ({
      key: t.exposeString('key', { description: 'Cohort id, or 2-digit industry division.' }),
      name: t.exposeString('name', { nullable: true }),
      counts: t.field({ type: Counts, resolve: (k) => k.counts }),
    }),
  });
  const TownCounts = builder.objectRef<{ townCode: string; counts: ClassCounts }>('TownClassCounts').implement({
    fields: (t) => ({
      town: t.field({ type: refs.Town, resolve: (k, _a, ctx) => townOf(ctx, k.townCode) }),
      counts: t.field({ type: Counts, resolve: (k) => k.counts }),
    }),
  });

  const Reason = builder.objectRef<{ code: string; message: string }>('EvaluationReason').implement({
    fields: (t) => ({ code: t.exposeString('code'), message: t.exposeString('message') }),
  });

  const SchemeRef = builder.objectRef<EvaluationScheme>('EvaluationSchemeInfo').implement({
    description: 'The scheme an evaluation used.',
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      year: t.exposeInt('year', { description: '数据年度 evaluated.' }),
      jurisdictionCode: t.id({ resolve: (s) => s.jurisdiction.code }),
      jurisdictionName: t.string({ resolve: (s) => s.jurisdiction.name }),
      ranksPublished: t.boolean({
        description: 'False when the scheme publishes classes 排名不分先后 (ranks shown only to city and town staff).',
        resolve: (s) => s.ranks !== 'hidden',
      }),
      cohorts: t.stringList({
        description: 'Cohort ids, in the order they are tried.',
        resolve: (s) => s.cohorts.map((c) => c.id),
      }),
    }),
  });

  return { ClassEnum, StatusEnum, IndicatorEnum, OrderEnum, Counts, KeyedCounts, TownCounts, Reason, SchemeRef };
}

const made = new WeakMap<MujunBuilder, ReturnType<typeof makeSharedEvaluationTypes>>();

/**
 * Types that the evaluation and the evaluation runs both show (classes,
 * statuses, class counts, reasons, the scheme), defined once per builder.
 */
export function sharedEvaluationTypes(builder: MujunBuilder, refs: MujunRefs) {
  let found = made.get(builder);
  if (!found) {
    found = makeSharedEvaluationTypes(builder, refs);
    made.set(builder, found);
  }
  return found;
}
