import { describe, expect, it } from 'vitest';
import { readDataDir } from '../src/data';
import { evaluationCycle2018, formatCycle } from '../src/evaluation-cycle-2018';

describe('evaluation-cycle-2018', async () => {
  const c = await evaluationCycle2018(readDataDir());
  const text = formatCycle(c);

  it('walks start → 公示 → two objections → 复核 → 定档 on the dataset', () => {
    expect(c.final.status).toBe('final');
    expect(c.final.notice).toEqual({ from: '2019-03-05', to: '2019-03-11' });
    expect(c.final.trail.map((s) => s.action)).toEqual([
      'start',
      'publish',
      'fileObjection',
      'fileObjection',
      'resolveObjection',
      'resolveObjection',
      'finalize',
    ]);
    expect(c.final.objections.map((o) => [o.category, o.resolution?.outcome])).toEqual([
      ['landArea', 'correction'],
      ['dataError', 'dismissed'],
    ]);
    // The correction moved the data revision on, not the scheme version.
    expect(c.final.dataRevision).not.toBe(c.draft.dataRevision);
    expect(c.final.schemeVersion).toBe(c.draft.schemeVersion);
  });

  it('the upheld objection moves the firm up a class; the dismissed one changes nothing', () => {
    expect(c.corrected).toMatchObject({ name: '桐乡市通锦化纤有限公司', from: 'C', to: 'B' });
    expect(c.final.classChanges.map((x) => [x.uscc, x.from, x.to])).toEqual([
      [c.corrected.uscc, 'C', 'B'],
      ['9133048344524872X6', 'B', 'C'],
    ]);
    expect(c.results.find((r) => r.uscc === c.dismissed.uscc)?.class).toBe(c.dismissed.class);
    expect(text).toContain('分类变动 (更正用地面积后重新评价 2家)');
    expect(text).toMatch(/桐乡市通锦化纤有限公司 +洲泉 +C +B +升档/);
  });

  it('prints class counts per town that add up to the city', () => {
    // Every firm of the city: the 982 that reported no 2018 data are 未评价 (noData) with the 212 in no cohort.
    expect(c.total).toEqual({ A: 345, B: 1041, C: 258, D: 87, T: 102, none: 1194 });
    const towns = Object.values(c.byTown);
    expect(towns).toHaveLength(11);
    for (const k of ['A', 'B', 'C', 'D', 'T', 'none'] as const) {
      expect(towns.reduce((n, t) => n + t[k], 0)).toBe(c.total[k]);
    }
    expect(text).toMatch(/洲泉 +35 +112 +34 +22 +6 +107 +316/);
    expect(text).toMatch(/全市 +345 +1041 +258 +87 +102 +1194 +3027/);
  });

  it('hands a policy list: a measure per firm of classes A, C and D', () => {
    const count = (label: string) => c.policies.filter((p) => p.label === label).length;
    expect(count('城镇土地使用税减免')).toBe(345);
    expect(count('差别化电价加价')).toBe(258 + 87);
    expect(count('差别化水价加价')).toBe(87);
    expect(c.policies.every((p) => p.class !== 'B' && p.class !== 'T')).toBe(true);
    // The dataset reports no 用水量: the water measure is listed without an amount, and says why.
    const water = c.policies.filter((p) => p.label === '差别化水价加价');
    expect(water.every((p) => p.amount === null && p.note === '未报送用水量，不计金额')).toBe(true);
    expect(text).toMatch(/差别化电价加价 +345 +\d+ +\d+\.\d\d/);
  });
});

describe('evaluation-cycle-2018 over @mujun/store, without the gateway', () => {
  it('runs the whole cycle on an embedded store with the same outcome as in memory', async () => {
    const { openStore } = await import('@mujun/store');
    const store = await openStore();
    try {
      const files = readDataDir();
      const stored = await evaluationCycle2018(files, store.repository);
      const memory = await evaluationCycle2018(files);
      expect(stored.final.status).toBe('final');
      expect(stored.total).toEqual(memory.total);
      expect(stored.corrected).toEqual(memory.corrected);
      expect(stored.final.classChanges).toEqual(memory.final.classChanges);
      expect(stored.results.map((r) => [r.uscc, r.class, r.rank])).toEqual(
        memory.results.map((r) => [r.uscc, r.class, r.rank]),
      );
      // The correction and the run update were one write each, audited in order.
      const actions = (await store.repository.listAudit()).map((a) => a.action);
      expect(actions.filter((a) => a === 'saveRecords')).toHaveLength(1);
      expect(actions.indexOf('saveRecords')).toBe(actions.lastIndexOf('evaluationRun.resolveObjection') - 2);
    } finally {
      await store.close();
    }
  });
});
