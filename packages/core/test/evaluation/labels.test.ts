import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, INDICATORS } from '../../src/index';
import { UNIT_LABELS } from '../../src/labels';

describe('indicator unit labels', () => {
  it('name what was weighed: COD and water no longer both read 万元/吨', () => {
    expect(INDICATORS.valueAddedPerCod.unitLabel).toBe('万元/吨COD');
    expect(INDICATORS.valueAddedPerWater.unitLabel).toBe('万元/吨水');
    expect(INDICATORS.laborProductivity.unitLabel).toBe('万元/人·年');
    // the general unit table is unchanged
    expect(UNIT_LABELS.waterTonne).toBe('吨');
    expect(UNIT_LABELS.tonne).toBe('吨');
  });

  it('differ whenever the denominators differ', () => {
    for (const a of INDICATOR_IDS)
      for (const b of INDICATOR_IDS) {
        const da = INDICATORS[a];
        const db = INDICATORS[b];
        const sameUnits = da.numerator === db.numerator || da.denominator === db.denominator;
        if (da.denominator !== db.denominator && da.unitLabel !== '' && sameUnits)
          expect(da.unitLabel, `${a} vs ${b}`).not.toBe(db.unitLabel);
      }
  });
});
