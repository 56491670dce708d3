import { describe, expect, it } from 'vitest';
import { stageDuration, stageDurations } from '../../src/campaign/index';
import { measure, yearlyStatistics } from '../../src/index';
import { articleLedger, CHONGAN, SHIMEN, WUTONG } from './article';

describe('yearly statistics (2018, the article)', () => {
  const ledger = articleLedger();
  const stats = yearlyStatistics(ledger, 2018);

  it('reproduces the seven figures of the article', () => {
    expect(stats.figures.map((f) => `${f.label} ${f.value}${f.unitLabel}`)).toEqual([
      '整治低散乱企业(作坊) 4692家',
      '淘汰落后产能 20项',
      '僵尸企业处置 11家',
      '腾退签约 4574亩',
      '国土复垦立项 2562亩',
      '新建小微企业园 470000平方米',
      '小微企业入园 585家',
    ]);
  });

  it('breaks the figures down by town and by category, adding up', () => {
    const shimen = stats.byTown.find((t) => t.townCode === SHIMEN);
    expect(shimen?.townName).toBe('石门');
    const byName = Object.fromEntries((shimen?.figures ?? []).map((f) => [f.measure, f.value]));
    expect(byName.vacatingSigned).toBe('464'); // 45 (崇安) + 419
    expect(byName.reclamationApproved).toBe('282'); // 45 + 237
    expect(byName.parkEntries).toBe('54');
    for (const [i, f] of stats.figures.entries()) {
      const sum = stats.byTown.reduce((acc, t) => acc + Number(t.figures[i]?.value), 0);
      expect(sum).toBe(Number(f.value));
    }
    const outcomes = stats.byCategory.find((b) => b.measure === 'lowScatteredRemediated');
    expect(outcomes?.rows.map((r) => r.label)).toEqual(['关停淘汰', '整治提升', '整合入园', '合理转移']);
    expect(outcomes?.rows.reduce((a, r) => a + Number(r.value), 0)).toBe(4692);
    const signed = stats.byCategory.find((b) => b.measure === 'vacatingSigned');
    expect(signed?.rows.find((r) => r.category === 'outOfParkLowScattered')?.value).toBe('4574');
  });

  it('prints as a Chinese table and serialises as JSON', () => {
    const table = stats.toTable();
    expect(table).toContain('桐乡市2018年退散进集统计');
    expect(table).toContain('| 镇(街道) | 整治低散乱企业(作坊)(家) | 淘汰落后产能(项)');
    expect(table).toContain('| 全市 | 4692 | 20 | 11 | 4574 | 2562 | 470000 | 585 |');
    const json = JSON.parse(JSON.stringify(stats));
    expect(json.figures[3]).toEqual({
      measure: 'vacatingSigned',
      label: '腾退签约',
      unit: 'mu',
      unitLabel: '亩',
      value: '4574',
    });
    expect(json.byTown).toHaveLength(11);
    expect(json.toTable).toBeUndefined();
  });

  it('measures the 崇安砖瓦厂 case: 4 firms, 45亩, 30 days from 签约 to 复耕', () => {
    const d = stageDuration(ledger, 'SM-CHONGAN');
    expect(d).toMatchObject({ start: '2018-06-01', end: '2018-07-01', days: 30, enterprises: 4 });
    expect(d?.signedMu.toString()).toBe('45');
    expect(stageDuration(ledger, 'SM-CHONGAN', 'signed', 'demolished')?.days).toBe(9);
    expect(stageDuration(ledger, `${WUTONG}-P`)).toBeUndefined();
    expect(stageDurations(ledger, { from: '2018-01-01', to: '2018-12-31', townCode: SHIMEN })).toHaveLength(1);
    const closed = measure(ledger, 'lowScatteredRemediated', {
      from: '2018-05-20',
      to: '2018-05-20',
      townCode: SHIMEN,
      category: 'closedEliminated',
    });
    expect(Number(closed?.toString())).toBeGreaterThanOrEqual(CHONGAN.length);
  });

  it('counts nothing outside the period and refuses unknown categories and towns', () => {
    expect(measure(ledger, 'vacatingSigned', { from: '2019-01-01', to: '2019-12-31' })?.toString()).toBe('0');
    expect(() =>
      measure(ledger, 'vacatingSigned', { from: '2018-01-01', to: '2018-12-31', category: 'upgraded' }),
    ).toThrow(/measure.category|no category/);
    expect(() =>
      measure(ledger, 'vacatingSigned', { from: '2018-01-01', to: '2018-12-31', townCode: '330482101000' }),
    ).toThrow(/not in 桐乡市/);
    expect(() => measure(ledger, 'vacatingSigned', { from: '2018-12-31', to: '2018-01-01' })).toThrow(
      /before it starts/,
    );
  });
});
