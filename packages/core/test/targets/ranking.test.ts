import { describe, expect, it } from 'vitest';
import {
  applyBatch,
  type CampaignLedger,
  defineTarget,
  type RankingConfig,
  Rational,
  rankTowns,
  weeklyRanking,
} from '../../src/index';
import { competitionRank } from '../../src/targets/index';
import { FENGMING, freshLedger, SHIMEN, ZHOUQUAN } from '../campaign/fixture';

const Y2019 = { from: '2019-01-01', to: '2019-12-31' };

const signedTargets = defineTarget({
  id: 'signed',
  measure: 'vacatingSigned',
  period: Y2019,
  value: '350',
  children: [
    { id: 'signed-sm', townCode: SHIMEN, value: '100' },
    { id: 'signed-zq', townCode: ZHOUQUAN, value: '200' },
    { id: 'signed-fm', townCode: FENGMING, value: '50' },
  ],
});
const entryTargets = [
  defineTarget({ id: 'entries-sm', measure: 'parkEntries', townCode: SHIMEN, period: Y2019, value: '2' }),
  defineTarget({ id: 'entries-zq', measure: 'parkEntries', townCode: ZHOUQUAN, period: Y2019, value: '4' }),
];

const CONFIG: RankingConfig = {
  components: [
    { key: 'signed', label: '腾退签约', weight: '60', targets: [signedTargets] },
    { key: 'entries', label: '小微企业入园', weight: '40', targets: entryTargets },
  ],
  cap: '1',
};

function ledger(): CampaignLedger {
  const sign = (id: string, town: string, parcelId: string, area: string, date: string) => ({
    type: 'vacatingStage',
    id,
    date,
    townCode: town,
    parcelId,
    stage: 'signed',
    area,
  });
  const entry = (id: string, town: string, parkId: string, date: string) => ({
    type: 'parkEntered',
    id,
    date,
    townCode: town,
    parkId,
    enterpriseName: `企业${id}`,
  });
  const r = applyBatch(freshLedger(), [
    sign('fm1', FENGMING, 'FM-P1', '25', '2019-01-02'), // W1
    sign('sm1', SHIMEN, 'SM-P2', '50', '2019-01-09'), // W2
    entry('sm-e1', SHIMEN, 'SM-PARK', '2019-01-09'),
    sign('zq1', ZHOUQUAN, 'ZQ-P1', '100', '2019-01-16'), // W3
    entry('zq-e1', ZHOUQUAN, 'ZQ-LC', '2019-01-16'),
    entry('zq-e2', ZHOUQUAN, 'ZQ-LC', '2019-01-17'),
    sign('fm2', FENGMING, 'FM-P1', '35', '2019-01-23'), // W4: 60 of 50
  ]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.state;
}

describe('量化排序', () => {
  const l = ledger();

  it('shares ranks on ties (1224) and lists tied towns by code', () => {
    const rows = rankTowns(l, CONFIG, '2019-01-20');
    expect(rows.slice(0, 4).map((r) => [r.townName, r.score.toString(), r.rank])).toEqual([
      ['洲泉', '50', 1],
      ['石门', '50', 1],
      ['凤鸣', '30', 3],
      ['梧桐', '0', 4],
    ]);
    // eight towns without progress tie at rank 4, in town-code order
    const last = rows.slice(3);
    expect(last.every((r) => r.rank === 4)).toBe(true);
    expect(last.map((r) => r.townCode)).toEqual([...last.map((r) => r.townCode)].sort());
    const fm = rows.find((r) => r.townCode === FENGMING);
    expect(fm?.components.map((c) => [c.key, c.missing])).toEqual([
      ['signed', false],
      ['entries', true],
    ]);
  });

  it('caps completion rates when configured', () => {
    const capped = rankTowns(l, CONFIG, '2019-01-31');
    expect(capped[0]).toMatchObject({ townName: '凤鸣', rank: 1 });
    expect(capped[0]?.score.toString()).toBe('60');
    expect(capped[0]?.components[0]?.completionRate.toString()).toBe('6/5');
    const { cap: _cap, ...uncappedConfig } = CONFIG;
    const uncapped = rankTowns(l, uncappedConfig, '2019-01-31');
    expect(uncapped[0]?.score.toString()).toBe('72');
    const perComponent = rankTowns(
      l,
      { components: [{ ...(CONFIG.components[0] as RankingConfig['components'][0]), cap: '1.1' }] },
      '2019-01-31',
    );
    expect(perComponent[0]?.score.toString()).toBe('66');
  });

  it('ranks every ISO week with movement against the week before', () => {
    const weeks = weeklyRanking(l, CONFIG, 2019);
    expect(weeks).toHaveLength(52);
    expect(weeks[0]).toMatchObject({ week: 1, from: '2018-12-31', asOf: '2019-01-06' });
    const place = (w: number, town: string) => weeks[w - 1]?.rows.find((r) => r.townCode === town);
    expect(place(1, FENGMING)).toMatchObject({ rank: 1, previousRank: 1, movement: 0 });
    expect(place(1, SHIMEN)).toMatchObject({ rank: 2 });
    expect(place(2, SHIMEN)).toMatchObject({ rank: 1, previousRank: 2, movement: 1 });
    expect(place(2, FENGMING)).toMatchObject({ rank: 2, previousRank: 1, movement: -1 });
    expect(place(3, ZHOUQUAN)).toMatchObject({ rank: 1, movement: 2 });
    expect(place(3, FENGMING)).toMatchObject({ rank: 3, movement: -1 });
    expect(place(4, FENGMING)).toMatchObject({ rank: 1, previousRank: 3, movement: 2 });
    expect(place(4, SHIMEN)).toMatchObject({ rank: 2, movement: -1 });
  });

  it('competitionRank is deterministic whatever the input order', () => {
    const rows = [
      { townCode: 'c', score: Rational.of(1n) },
      { townCode: 'a', score: Rational.of(2n) },
      { townCode: 'd', score: Rational.of(2n) },
      { townCode: 'b', score: Rational.of(2n) },
    ];
    const ranked = competitionRank(rows).map((r) => `${r.townCode}${r.rank}`);
    expect(ranked).toEqual(['a1', 'b1', 'd1', 'c4']);
    expect(competitionRank([...rows].reverse()).map((r) => `${r.townCode}${r.rank}`)).toEqual(ranked);
  });
});
