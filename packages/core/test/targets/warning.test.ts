import { describe, expect, it } from 'vitest';
import {
  applyBatch,
  defineTarget,
  defineTargetSet,
  defineWarningScheme,
  emptyLedger,
  levelForGap,
  pointsBehind,
  Rational,
  registryReferences,
  supervisionList,
  targetProgress,
  targetWarnings,
  ValidationError,
  warningLevel,
  worstLevel,
  YINCHUAN_2025_WARNING,
} from '../../src/index';
import { WARNING_LEVEL_LABELS } from '../../src/labels';
import { ARTICLE_REGISTRY, parcelOf, SHIMEN, WUTONG, ZHOUQUAN } from '../campaign/article';

const Y2019 = { from: '2019-01-01', to: '2019-12-31' };

/** A gap to 序时进度 of `points` percentage points behind, exactly. */
const behind = (points: string) => Rational.from(points).dividedBy(Rational.of(-100n));

/** A ledger where each town signed `area` 亩 for vacating on 2019-03-01. */
function signedLedger(areas: Record<string, string>) {
  const events = Object.entries(areas).map(([townCode, area], i) => ({
    type: 'vacatingStage',
    id: `s${i}`,
    date: '2019-03-01',
    townCode,
    parcelId: parcelOf(townCode),
    stage: 'signed',
    area,
  }));
  const res = applyBatch(emptyLedger(registryReferences(ARTICLE_REGISTRY)), events, { clock: false });
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  return res.state;
}

const signedTarget = (townCode: string, value = '100') =>
  defineTarget({ id: `signed-${townCode}`, measure: 'vacatingSigned', townCode, period: Y2019, value });

describe('预警 against 序时进度 (银川 2025 preset)', () => {
  it('is green at or above 序时, yellow 10–30 points behind (both inclusive), red beyond 30 — exactly', () => {
    const level = (points: string) => levelForGap(behind(points), YINCHUAN_2025_WARNING);
    expect(level('-5')).toBe('green');
    expect(level('0')).toBe('green');
    expect(level('0.0001')).toBe('watch');
    expect(level('9.99')).toBe('watch');
    expect(level('9.999999999')).toBe('watch');
    expect(level('10')).toBe('yellow');
    expect(level('30')).toBe('yellow');
    expect(level('30.000000001')).toBe('red');
    expect(level('30.01')).toBe('red');
    // A third of a point below 10 is not rounded up to 10.
    expect(levelForGap(Rational.of(-29n, 300n), YINCHUAN_2025_WARNING)).toBe('watch'); // 9.666… points
    expect(levelForGap(Rational.of(-1n, 10n), YINCHUAN_2025_WARNING)).toBe('yellow'); // 10 points
  });

  it('reads the level off a target’s progress: boundaries at 9.99, 10, 30 and 30.01 points on 100 亩', () => {
    // After the period 序时进度 is 1: signing 90.01 of 100 亩 is 9.99 points behind.
    const cases = [
      ['90.01', '9.99', 'watch'],
      ['90', '10', 'yellow'],
      ['70', '30', 'yellow'],
      ['69.99', '30.01', 'red'],
    ] as const;
    for (const [area, points, level] of cases) {
      const p = targetProgress(signedLedger({ [SHIMEN]: area }), signedTarget(SHIMEN), '2019-12-31');
      expect(p.gapToSchedule && pointsBehind(p.gapToSchedule).equals(Rational.from(points))).toBe(true);
      expect(warningLevel(p, YINCHUAN_2025_WARNING)).toBe(level);
    }
  });

  it('is green once a target is met, noData without data, and measured against 序时 during the period', () => {
    const ledger = signedLedger({ [SHIMEN]: '100' });
    expect(warningLevel(targetProgress(ledger, signedTarget(SHIMEN), '2019-06-01'), YINCHUAN_2025_WARNING)).toBe(
      'green',
    );
    // 2019-07-02: 序时 183/365 = 50.14%; 30 of 100 亩 is 20.14 points behind: yellow.
    const mid = targetProgress(signedLedger({ [SHIMEN]: '30' }), signedTarget(SHIMEN), '2019-07-02');
    expect(warningLevel(mid, YINCHUAN_2025_WARNING)).toBe('yellow');
    const tax = defineTarget({
      id: 'tax',
      measure: 'aboveDesignatedTaxPerMuIncrease',
      townCode: SHIMEN,
      period: Y2019,
      value: '2',
    });
    expect(warningLevel(targetProgress(ledger, tax, '2018-06-01'), YINCHUAN_2025_WARNING)).toBe('noData');
    expect(WARNING_LEVEL_LABELS.yellow).toBe('黄色预警');
  });

  it('gives a town its most severe target level, and lists yellow and red targets for 督办, red first', () => {
    const ledger = signedLedger({ [SHIMEN]: '95', [ZHOUQUAN]: '60', [WUTONG]: '85' });
    const set = defineTargetSet({
      targets: [
        {
          id: 'city-signed',
          measure: 'vacatingSigned',
          period: Y2019,
          value: '300',
          children: [
            { id: 'sm', townCode: SHIMEN, value: '100' },
            { id: 'zq', townCode: ZHOUQUAN, value: '100' },
            { id: 'wt', townCode: WUTONG, value: '100' },
          ],
        },
        { id: 'sm-entries', measure: 'parkEntries', townCode: SHIMEN, period: Y2019, value: '1' },
      ],
    });
    expect(set.warning).toBe(YINCHUAN_2025_WARNING);
    const report = targetWarnings(ledger, set.targets, set.warning, '2019-12-31');
    const town = (code: string) => report.towns.find((t) => t.townCode === code);
    // 石门: signed 95 (watch) but no park entry of 1 (100 points behind): red.
    expect(town(SHIMEN)?.targets.map((t) => `${t.target.id}:${t.level}`)).toEqual(['sm:watch', 'sm-entries:red']);
    expect(town(SHIMEN)?.level).toBe('red');
    expect(town(ZHOUQUAN)?.level).toBe('red'); // 40 points behind
    expect(town(WUTONG)?.level).toBe('yellow'); // 15 points behind
    expect(town('330483109000')?.level).toBeUndefined(); // a town without targets
    // The city's 240 of 300 亩 is 20 points behind: yellow.
    expect(report.targets.find((t) => t.target.id === 'city-signed')?.level).toBe('yellow');
    expect(supervisionList(report).map((w) => `${w.level} ${w.target.id}`)).toEqual([
      'red zq',
      'red sm-entries',
      'yellow city-signed',
      'yellow wt',
    ]);
    expect(worstLevel(['noData', 'green'])).toBe('green');
    expect(worstLevel(['noData'])).toBe('noData');
    expect(worstLevel([])).toBeUndefined();
  });
});

describe('预警规则 as scheme data of a target set', () => {
  it('accepts a preset id or thresholds in percentage points, exact', () => {
    expect(defineWarningScheme('yinchuan-2025')).toBe(YINCHUAN_2025_WARNING);
    const strict = defineWarningScheme({ id: 'strict', label: '从严', yellowFrom: '5', redAbove: '20.5' });
    expect(strict.redAbove.toString()).toBe('41/2');
    expect(levelForGap(behind('20.5'), strict)).toBe('yellow');
    expect(levelForGap(behind('20.51'), strict)).toBe('red');
    expect(levelForGap(behind('4.99'), strict)).toBe('watch');
    const set = defineTargetSet({ targets: [], warning: { id: 'strict', yellowFrom: '5', redAbove: '20' } });
    expect(set.warning.yellowFrom.toString()).toBe('5');
  });

  it('refuses a bad rule naming the field and the rule', () => {
    const issues = (input: unknown) => {
      try {
        defineTargetSet({ targets: [], warning: input });
        return [];
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return e.issues.map((i) => `${i.field} ${i.rule}`);
      }
    };
    expect(issues('beijing-1990')).toEqual(['warning warning.preset']);
    expect(issues({ id: 'w', yellowFrom: '30', redAbove: '10' })).toEqual(['warning.redAbove warning.order']);
    expect(issues({ id: 'w', yellowFrom: '-1', redAbove: '10' })).toEqual(['warning.yellowFrom warning.order']);
    expect(issues({ id: 'w', yellowFrom: 10.5, redAbove: '30' })).toEqual(['warning.yellowFrom decimal.float']);
    expect(issues({ id: 'w', yellowFrom: '10' })[0]).toMatch(/^warning.redAbove /);
  });
});
