import { describe, expect, it } from 'vitest';
import { registryReferences } from '../../src/campaign/index';
import {
  applyBatch,
  type CampaignLedger,
  defineTarget,
  emptyLedger,
  progressToJson,
  type TargetProgress,
  TONGXIANG_2018,
  targetProgress,
  ValidationError,
} from '../../src/index';
import { checkBreakdown, scheduleRate } from '../../src/targets/index';
import {
  ARTICLE_REGISTRY,
  idleOf,
  inParkOf,
  parcelOf,
  parkOf,
  SHIMEN,
  TOWNS,
  WUTONG,
  ZHOUQUAN,
  ZQ_LC,
} from '../campaign/article';

const Y2019 = { from: '2019-01-01', to: '2019-12-31' };

describe('序时进度 (scheduleRate)', () => {
  it('counts days inclusively, with leap years', () => {
    const y2020 = { from: '2020-01-01', to: '2020-12-31' };
    expect(scheduleRate(y2020, '2020-01-01').toString()).toBe('1/366');
    expect(scheduleRate(y2020, '2020-02-29').toString()).toBe('10/61'); // 60/366
    expect(scheduleRate(y2020, '2020-07-01').toString()).toBe('1/2'); // 183/366: mid-year in a leap year
    expect(scheduleRate(Y2019, '2019-07-02').toString()).toBe('183/365');
    expect(scheduleRate({ from: '2019-01-01', to: '2019-03-31' }, '2019-02-14').toString()).toBe('1/2'); // 45 of 90
  });

  it('is 0 before the period and 1 on and after its last day', () => {
    expect(scheduleRate(Y2019, '2018-12-31').isZero()).toBe(true);
    expect(scheduleRate(Y2019, '2019-12-31').toString()).toBe('1');
    expect(scheduleRate(Y2019, '2020-06-01').toString()).toBe('1');
    expect(() => scheduleRate({ from: '2019-02-01', to: '2019-01-01' }, '2019-01-15')).toThrow(/before it starts/);
  });
});

/** The article's 2019 targets. */
const CITY_3000 = {
  id: 'city-2019-landRevitalised',
  label: '盘活存量用地3000亩',
  measure: 'landRevitalised',
  period: Y2019,
  value: '3000',
  children: [
    { id: 'city-idle', category: 'idle', value: '1000' },
    { id: 'city-inPark', category: 'inParkInefficient', value: '1000' },
    { id: 'city-outOfPark', category: 'outOfParkLowScattered', value: '1000' },
  ],
};

const ZHOUQUAN_2019 = [
  { id: 'zq-ls', measure: 'lowScatteredRemediated', townCode: ZHOUQUAN, period: Y2019, value: '50' },
  { id: 'zq-signed', measure: 'vacatingSigned', townCode: ZHOUQUAN, period: Y2019, value: '300' },
  {
    id: 'zq-floor',
    label: '标准厂房一期5万平方米',
    measure: 'parkFloorAreaCompleted',
    townCode: ZHOUQUAN,
    category: 'standardFactory',
    period: Y2019,
    value: { value: '5', unit: 'wanSquareMetre' },
  },
  { id: 'zq-entries', measure: 'parkEntries', townCode: ZHOUQUAN, period: Y2019, value: '10' },
];

/** 石门 "31112". The last two are measured over annual data (年度数据). */
const SHIMEN_31112 = [
  { id: 'sm-ls', measure: 'lowScatteredRemediated', townCode: SHIMEN, period: Y2019, value: '300' },
  { id: 'sm-signed', measure: 'vacatingSigned', townCode: SHIMEN, period: Y2019, value: '100' },
  { id: 'sm-revitalised', measure: 'landRevitalised', townCode: SHIMEN, period: Y2019, value: '100' },
  { id: 'sm-above', measure: 'aboveDesignatedSizeEnterprises', townCode: SHIMEN, period: Y2019, value: '100' },
  { id: 'sm-tax', measure: 'aboveDesignatedTaxPerMuIncrease', townCode: SHIMEN, period: Y2019, value: '2' },
];

function ledger2019(): CampaignLedger {
  const ev: Record<string, unknown>[] = [];
  const ls = (id: string, townCode: string, date: string) => ({
    type: 'lowScatteredRemediated',
    id,
    date,
    townCode,
    workshopName: `作坊${id}`,
    outcome: 'closedEliminated',
  });
  // 洲泉: 55 workshops, one every 5 days from 2019-03-01: the 50th on 2019-11-01
  for (let i = 0; i < 55; i++) {
    const d = new Date(Date.UTC(2019, 2, 1 + i * 5)).toISOString().slice(0, 10);
    ev.push(ls(`zq-${i}`, ZHOUQUAN, d));
  }
  // 石门: 120 by mid-year
  for (let i = 0; i < 120; i++) ev.push(ls(`sm-${i}`, SHIMEN, '2019-05-01'));
  const stage = (id: string, town: string, parcelId: string, area: string, date: string) => ({
    type: 'vacatingStage',
    id,
    date,
    townCode: town,
    parcelId,
    stage: 'signed',
    area,
  });
  ev.push(stage('zq-s1', ZHOUQUAN, parcelOf(ZHOUQUAN), '150', '2019-03-01'));
  ev.push(stage('zq-s2', ZHOUQUAN, parcelOf(ZHOUQUAN), '170', '2019-09-15'));
  ev.push(stage('sm-s1', SHIMEN, parcelOf(SHIMEN), '100', '2019-05-10'));
  ev.push({
    type: 'idleLandRevitalised',
    id: 'sm-idle',
    date: '2019-04-01',
    townCode: SHIMEN,
    parcelId: idleOf(SHIMEN),
    method: 'supplied',
    area: '60',
  });
  ev.push({
    type: 'idleLandRevitalised',
    id: 'wt-idle',
    date: '2019-03-01',
    townCode: WUTONG,
    parcelId: idleOf(WUTONG),
    method: 'recovered',
    area: '300',
  });
  ev.push({
    type: 'inParkLandRemediated',
    id: 'wt-inpark',
    date: '2019-04-01',
    townCode: WUTONG,
    parcelId: inParkOf(WUTONG),
    area: '250',
  });
  ev.push({
    type: 'parkFloorAreaCompleted',
    id: 'zq-lc-1',
    date: '2019-12-20',
    townCode: ZHOUQUAN,
    parkId: ZQ_LC,
    phase: 1,
    floorArea: '50000',
  });
  for (let i = 0; i < 8; i++) {
    ev.push({
      type: 'parkEntered',
      id: `zq-in-${i}`,
      date: '2019-12-25',
      townCode: ZHOUQUAN,
      parkId: ZQ_LC,
      enterpriseName: `入园${i}`,
    });
  }
  ev.push({
    type: 'parkEntered',
    id: 'sm-in',
    date: '2019-02-01',
    townCode: SHIMEN,
    parkId: parkOf(SHIMEN),
    enterpriseName: '石门入园',
  });
  const res = applyBatch(emptyLedger(registryReferences(ARTICLE_REGISTRY)), ev);
  if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  return res.state;
}

const byId = (ps: readonly TargetProgress[]) => Object.fromEntries(ps.map((p) => [p.target.id, p]));

describe('the article 2019 targets', () => {
  const ledger = ledger2019();

  it('expresses the city 3000亩 split into three categories, adding up', () => {
    const t = defineTarget(CITY_3000, TONGXIANG_2018);
    expect(t.children.map((c) => [c.category, c.value.toString()])).toEqual([
      ['idle', '1000'],
      ['inParkInefficient', '1000'],
      ['outOfParkLowScattered', '1000'],
    ]);
    expect(checkBreakdown(t)).toEqual([]);
    const p = targetProgress(ledger, t, '2019-06-30');
    // idle 300 + 60, in-park 250, out-of-park signed 150 + 100 (洲泉 170 comes in September)
    expect(p.actual?.toString()).toBe('860');
    expect(p.scheduleRate.toString()).toBe('181/365');
    expect(p.completionRate?.toString()).toBe('43/150');
    expect(p.status).toBe('behindSchedule');
    expect(progressToJson(p).completionPercent).toBe('28.67%');
    expect(progressToJson(p).schedulePercent).toBe('49.59%');
    expect(p.children.map((c) => c.actual?.toString())).toEqual(['360', '250', '250']);
    expect(p.breakdown).toBeUndefined();
  });

  it('tracks 洲泉 2019: met early, exceeded, behind', () => {
    const p = byId(ZHOUQUAN_2019.map((t) => targetProgress(ledger, defineTarget(t, TONGXIANG_2018), '2019-12-31')));
    expect(p['zq-ls']).toMatchObject({ status: 'exceeded', metOn: '2019-11-01', early: true, daysEarly: 60 });
    expect(p['zq-signed']).toMatchObject({ status: 'exceeded', metOn: '2019-09-15', early: true, daysEarly: 107 });
    expect(p['zq-signed']?.completionRate?.toString()).toBe('16/15');
    expect(p['zq-floor']).toMatchObject({ status: 'met', metOn: '2019-12-20', early: true, daysEarly: 11 });
    expect(p['zq-floor']?.target.value.toString()).toBe('50000');
    expect(p['zq-entries']).toMatchObject({ status: 'behindSchedule', metOn: undefined, early: false });
    expect(p['zq-entries']?.gapToSchedule?.toString()).toBe('-1/5');
  });

  it('tracks 石门 31112, the last two over annual data', () => {
    const p = byId(SHIMEN_31112.map((t) => targetProgress(ledger, defineTarget(t, TONGXIANG_2018), '2019-06-30')));
    expect(p['sm-ls']?.completionRate?.toString()).toBe('2/5');
    expect(p['sm-ls']?.status).toBe('behindSchedule'); // 40% < 181/365
    expect(p['sm-signed']).toMatchObject({ status: 'met', metOn: '2019-05-10', early: true });
    // 盘活: 60 idle + 100 out-of-park signed (the city definition counts 腾退签约 outside parks)
    expect(p['sm-revitalised']?.actual?.toString()).toBe('160');
    expect(p['sm-revitalised']?.status).toBe('exceeded');
    expect(p['sm-above']?.actual?.toString()).toBe('3'); // three 规上 firms in 2019
    expect(p['sm-above']?.status).toBe('behindSchedule');
    // 规上亩均税收: 2019 500万元/50亩 = 10, 2018 400/50 = 8: +2万元/亩, met (no date: annual data)
    expect(p['sm-tax']?.actual?.toString()).toBe('2');
    expect(p['sm-tax']).toMatchObject({ status: 'met', metOn: undefined, early: false });
  });

  it('reports 无数据 for an annual measure without data', () => {
    const t = defineTarget({ ...SHIMEN_31112[4], id: 'x', period: { from: '2021-01-01', to: '2021-12-31' } });
    expect(targetProgress(ledger, t, '2021-12-31').status).toBe('noData');
    // A year nobody has reported yet is 无数据 for the 规上 count too, not zero firms.
    const count = defineTarget({ ...SHIMEN_31112[3], id: 'y', period: { from: '2021-01-01', to: '2021-12-31' } });
    expect(targetProgress(ledger, count, '2021-06-30')).toMatchObject({ status: 'noData', actual: undefined });
  });
});

describe('targets', () => {
  const ledger = ledger2019();

  it('reports a breakdown that does not add up instead of accepting it', () => {
    const t = defineTarget({
      ...CITY_3000,
      children: [
        { id: 'a', category: 'idle', value: '1000' },
        { id: 'b', category: 'inParkInefficient', value: '1000' },
        { id: 'c', category: 'outOfParkLowScattered', value: '900' },
      ],
    });
    const [m] = checkBreakdown(t);
    expect(m).toMatchObject({ targetId: 'city-2019-landRevitalised' });
    expect(m?.difference.toString()).toBe('-100');
    expect(targetProgress(ledger, t, '2019-12-31').breakdown?.childrenSum.toString()).toBe('2900');
  });

  it('breaks a city target down by town, and checks the tree', () => {
    const t = defineTarget(
      {
        id: 'signed-2019',
        measure: 'vacatingSigned',
        period: Y2019,
        value: '400',
        children: [
          { id: 'zq', townCode: ZHOUQUAN, value: '300' },
          { id: 'sm', townCode: SHIMEN, value: '100' },
        ],
      },
      TONGXIANG_2018,
    );
    expect(checkBreakdown(t)).toEqual([]);
    const p = targetProgress(ledger, t, '2019-12-31');
    expect(p.children.map((c) => c.status)).toEqual(['exceeded', 'met']);
    expect(p.status).toBe('exceeded');
    const bad = () =>
      defineTarget(
        {
          id: 'x',
          measure: 'vacatingSigned',
          period: Y2019,
          value: '1',
          children: [
            { id: 'x', townCode: ZHOUQUAN, category: 'idle', value: '1' },
            { id: 'y', measure: 'parkEntries', townCode: SHIMEN, value: '1' },
            { id: 'z', townCode: '330482101000', value: '1' },
          ],
        },
        TONGXIANG_2018,
      );
    let issues: readonly { field: string; rule: string }[] = [];
    try {
      bad();
    } catch (e) {
      if (e instanceof ValidationError) issues = e.issues;
    }
    const rules = issues.map((i) => i.rule);
    expect(rules).toContain('target.childScope');
    expect(rules).toContain('target.childMeasure');
    expect(rules).toContain('unique');
    expect(rules).toContain('reference.town');
    expect(() =>
      defineTarget({ id: 'u', measure: 'parkEntries', period: Y2019, value: { value: '1', unit: 'mu' } }),
    ).toThrow(/target.unit|counted in enterprise/);
    expect(() =>
      defineTarget({
        id: 'n',
        measure: 'aboveDesignatedTaxPerMuIncrease',
        period: Y2019,
        value: '2',
        children: [{ id: 'c', townCode: SHIMEN, value: '2' }],
      }),
    ).toThrow(/does not add up/);
  });

  it('defines 不超过 (atMost) progress', () => {
    const t = defineTarget({
      id: 'cap',
      measure: 'vacatingSigned',
      townCode: ZHOUQUAN,
      comparator: 'atMost',
      period: Y2019,
      value: '400',
    });
    const mid = targetProgress(ledger, t, '2019-03-31'); // 150 used of 400 (37.5%) after 90/365 of the year
    expect(mid.status).toBe('behindSchedule');
    expect(mid.completionRate?.toString()).toBe('1');
    const end = targetProgress(ledger, t, '2019-12-31');
    expect(end).toMatchObject({ status: 'met', metOn: '2019-12-31', early: false });
    const tight = targetProgress(ledger, defineTarget({ ...t, id: 'tight', value: '160' } as never), '2019-12-31');
    expect(tight.status).toBe('behindSchedule');
    expect(tight.completionRate?.toString()).toBe('1/2');
  });

  it('is 达到序时 when the completion rate keeps up with time', () => {
    const t = defineTarget({ id: 'zq', measure: 'vacatingSigned', townCode: ZHOUQUAN, period: Y2019, value: '300' });
    const p = targetProgress(ledger, t, '2019-03-01'); // 150/300 = 50% vs 60/365
    expect(p.status).toBe('onSchedule');
    expect(p.gapToSchedule?.toString()).toBe('49/146'); // 1/2 − 60/365
    expect(targetProgress(ledger, t, '2018-12-31')).toMatchObject({ status: 'onSchedule' });
    expect(TOWNS).toHaveLength(11);
  });
});
