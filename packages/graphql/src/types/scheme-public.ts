import {
  type EvaluationScheme,
  type PublicClassRule,
  type PublicCohort,
  type PublicIndicator,
  parseEvaluationScheme,
  publicScheme,
} from '@mujun/core';
import { schemeDocumentFor } from '@mujun/core/cycle';
import {
  BENCHMARK_METHOD_LABELS,
  CLASSIFICATION_METHOD_LABELS,
  type EVALUATION_CLASS_LABELS,
} from '@mujun/core/labels';
import type { MujunBuilder } from '../builder';
import type { MujunRefs } from '../refs';
import { valuesOf } from './enums';
import { sharedEvaluationTypes } from './evaluation-shared';

/**
 * `evaluationScheme(schemeId, year)`: the published scheme data — cohorts,
 * indicators, 权重, fixed 基准值 and the classification method — for
 * everyone, viewers included. Nothing here is derived from a firm's
 * figures: a benchmark derived from the evaluated firms shows its method
 * only (its value follows the evaluation's read policy).
 */
export function addPublicSchemeTypes(builder: MujunBuilder, refs: MujunRefs): void {
  const { IndicatorEnum, ClassEnum } = sharedEvaluationTypes(builder, refs);
  const Method = builder.enumType('BenchmarkMethod', {
    description: 'How a 基准值 is set: a published decimal, or derived from the evaluated firms.',
    values: valuesOf(BENCHMARK_METHOD_LABELS),
  });
  const ClassificationMethod = builder.enumType('ClassificationMethod', {
    description: '按排名百分位 or 按综合得分.',
    values: valuesOf(CLASSIFICATION_METHOD_LABELS),
  });

  const IndicatorRef = builder.objectRef<PublicIndicator>('PublishedIndicator').implement({
    description: 'One indicator of a cohort as the scheme publishes it.',
    fields: (t) => ({
      indicator: t.field({ type: IndicatorEnum, description: 'The 评价指标.', resolve: (i) => i.indicator }),
      label: t.exposeString('label', { description: 'The indicator in Chinese, e.g. 亩均税收.' }),
      unit: t.string({ description: "The indicator's unit label (万元/亩, ...).", resolve: (i) => i.unitLabel }),
      weight: t.exact({ unit: '', description: '权重.', resolve: (i) => i.weight }),
      benchmarkMethod: t.field({
        type: Method,
        description: 'How its 基准值 is set (基准值测算方法).',
        resolve: (i) => i.benchmarkMethod,
      }),
      benchmarkMethodLabel: t.string({
        description: 'The method in Chinese.',
        resolve: (i) => BENCHMARK_METHOD_LABELS[i.benchmarkMethod],
      }),
      benchmark: t.exact({
        nullable: true,
        unit: '',
        description: 'The published 基准值 in `benchmarkUnit`; null when derived from the evaluated firms.',
        resolve: (i) => i.benchmark,
      }),
      benchmarkUnit: t.string({
        description: 'The unit label the 基准值 is stated in.',
        resolve: (i) => i.benchmarkUnitLabel,
      }),
      cap: t.exact({ nullable: true, unit: '', description: '单项得分上限.', resolve: (i) => i.cap }),
      floor: t.exact({ nullable: true, unit: '', description: '单项得分保底.', resolve: (i) => i.floor }),
    }),
  });

  const ClassRuleRef = builder.objectRef<PublicClassRule>('PublishedClassRule').implement({
    description: 'One class of the classification: a share of the ranked firms (%) or a least total score.',
    fields: (t) => ({
      class: t.field({
        type: ClassEnum,
        description: 'The class (分类 A/B/C/D).',
        resolve: (c) => c.class as keyof typeof EVALUATION_CLASS_LABELS,
      }),
      share: t.exact({
        nullable: true,
        description: 'Share of the ranked firms in the class, in % (按排名百分位); null by score.',
        unit: '%',
        resolve: (c) => c.share,
      }),
      atLeast: t.exact({
        nullable: true,
        description: 'Least 综合得分 of the class (按综合得分); null by percentile.',
        unit: '',
        resolve: (c) => c.atLeast,
      }),
    }),
  });

  const CohortRef = builder.objectRef<PublicCohort>('PublishedCohort').implement({
    description: '评价对象组 with its indicators and classification.',
    fields: (t) => ({
      key: t.string({ description: 'The cohort id (as `EvaluationSummary.byCohort.key`).', resolve: (c) => c.id }),
      name: t.exposeString('name', { description: 'The cohort in Chinese, e.g. 规上工业企业.' }),
      indicators: t.field({
        type: [IndicatorRef],
        description: 'Its 评价指标 with 权重 and 基准值.',
        resolve: (c) => [...c.indicators],
      }),
      method: t.field({
        type: ClassificationMethod,
        description: 'How firms are classed: by percentile rank or by total score.',
        resolve: (c) => c.method,
      }),
      methodLabel: t.string({
        description: 'The method in Chinese.',
        resolve: (c) => CLASSIFICATION_METHOD_LABELS[c.method],
      }),
      classes: t.field({ type: [ClassRuleRef], description: 'The classes, A first.', resolve: (c) => [...c.classes] }),
    }),
  });

  const SchemeRef = builder.objectRef<EvaluationScheme>('PublishedScheme').implement({
    description: '评价方案 as published: readable by everyone.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The scheme id (a preset or a saved scheme).' }),
      name: t.exposeString('name', { description: 'The scheme name.' }),
      year: t.exposeInt('year', { description: 'The year it is applied to (年度).' }),
      jurisdictionName: t.string({
        description: 'The jurisdiction that publishes it, e.g. 桐乡市.',
        resolve: (s) => s.jurisdiction.name,
      }),
      cohorts: t.field({
        type: [CohortRef],
        description: 'Its cohorts (评价对象组), as published.',
        resolve: (s) => publicScheme(s),
      }),
    }),
  });

  builder.queryField('evaluationScheme', (t) =>
    t.field({
      type: SchemeRef,
      description:
        'The published data of an evaluation scheme (a preset or a saved one) applied to a year: cohorts, 权重, fixed 基准值 and the method. For everyone.',
      args: {
        schemeId: t.arg.id({ required: true, description: 'A preset id or the id of a saved scheme (评价方案).' }),
        year: t.arg.int({ required: true, description: 'The year to apply it to (年度).' }),
      },
      resolve: async (_root, args, ctx) =>
        parseEvaluationScheme(await schemeDocumentFor(ctx.repository, String(args.schemeId), args.year)),
    }),
  );
}
