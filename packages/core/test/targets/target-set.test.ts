import { describe, expect, it } from 'vitest';
import { defineTargetSet, rankTowns, TONGXIANG_2018, ValidationError } from '../../src/index';
import { articleLedger, SHIMEN, ZHOUQUAN } from '../campaign/article';

const period = { from: '2018-01-01', to: '2018-12-31' };
const set = {
  targets: [
    {
      id: 'signed',
      measure: 'vacatingSigned',
      period,
      value: '1000',
      children: [
        { id: 'signed-SM', townCode: SHIMEN, value: '419' },
        { id: 'signed-ZQ', townCode: ZHOUQUAN, value: '822' },
      ],
    },
  ],
  ranking: {
    title: '测试排序',
    cap: '1.5',
    components: [{ key: 'signed', label: '腾退签约', weight: '100', targetId: 'signed' }],
  },
};

describe('defineTargetSet', () => {
  it('builds targets and a ranking that ranks towns by their children', () => {
    const s = defineTargetSet(set, TONGXIANG_2018);
    expect(s.targets.map((t) => t.id)).toEqual(['signed']);
    expect(s.rankingTitle).toBe('测试排序');
    if (!s.ranking) throw new Error('no ranking');
    const rows = rankTowns(articleLedger(), s.ranking, '2018-12-31');
    // 石门 signed 464亩 of 419 (capped at 1.5 → 110.7…); 洲泉 411 of 822 = 50.
    expect(rows[0]?.townCode).toBe(SHIMEN);
    expect(rows.find((r) => r.townCode === ZHOUQUAN)?.score.toFixed({ places: 2 })).toBe('50.00');
    expect(rows.filter((r) => r.components[0]?.missing)).toHaveLength(9);
  });

  it('names every broken rule: target fields, unknown targets, weights, duplicate ids', () => {
    const bad = {
      targets: [set.targets[0], { id: 'signed', measure: 'nope', period, value: '1' }],
      ranking: {
        components: [
          { key: 'a', weight: '0', targetId: 'missing' },
          { key: 'a', weight: '1' },
        ],
      },
    };
    const err = (() => {
      try {
        defineTargetSet(bad, TONGXIANG_2018);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => [i.field, i.rule])).toEqual([
      ['targets.1.measure', 'measure.unknown'],
      ['ranking.components.1.targetId', 'ranking.targets'],
    ]);
    expect(() => defineTargetSet({ targets: 'x' })).toThrow(ValidationError);
    const e2 = (() => {
      try {
        defineTargetSet({ ...set, ranking: { components: [{ key: 'a', weight: '0', targetId: 'missing' }] } });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(e2?.issues.map((i) => i.rule)).toEqual(['positive', 'reference.target']);
  });
});
