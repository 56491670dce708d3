import { datasetToFiles } from '@mujun/core';
import { describe, expect, it } from 'vitest';
import { csvFiles, loadDataset, readDataDir } from '../src/data';
import { generateFiles, SEED } from '../src/generator/generate';
import { allocate, hundredths, Random } from '../src/generator/random';

const committed = readDataDir();

describe('the generator', () => {
  it('reproduces the committed data files byte for byte', () => {
    const files = generateFiles(SEED);
    expect(Object.keys(files).sort()).toEqual(Object.keys(committed).sort());
    for (const [name, text] of Object.entries(files)) expect(text, name).toBe(committed[name]);
  });

  it('writes canonical CSV: loading and writing again gives the same bytes', () => {
    const { registry, events } = loadDataset(committed);
    expect(datasetToFiles({ registry, events })).toEqual(csvFiles(committed));
  });

  it('allocates exactly: the parts add up to the total', () => {
    expect(allocate(457400, [250, 330, 380])).toEqual([119115, 157231, 181054]);
    const rng = new Random(7);
    for (let k = 0; k < 200; k++) {
      const weights = Array.from({ length: rng.between(1, 12) }, () => rng.between(1, 1000));
      const total = rng.between(0, 500000);
      const parts = allocate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts.every((p) => p >= 0)).toBe(true);
    }
  });

  it('is deterministic in its seed and prints hundredths exactly', () => {
    const a = new Random(SEED);
    const b = new Random(SEED);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Random(SEED + 1).next()).not.toBe(xs[0]);
    expect([hundredths(1234), hundredths(1200), hundredths(5), hundredths(-250)]).toEqual([
      '12.34',
      '12',
      '0.05',
      '-2.5',
    ]);
  });

  it('makes records that look like a county: skewed parcel areas, working-day dates, campaign pushes', () => {
    const { registry, events } = loadDataset(committed, [2018]);
    const vacating = [...registry.parcels.values()].filter((p) => p.category === 'outOfParkLowScattered');
    const areas = vacating.map((p) => Number(p.area.in('mu').toFixed({ places: 2 }))).sort((x, y) => x - y);
    const median = areas[Math.floor(areas.length / 2)] ?? 0;
    const largest = areas[areas.length - 1] ?? 0;
    expect(median).toBeGreaterThan(3);
    expect(median).toBeLessThan(15);
    expect(largest).toBeGreaterThan(8 * median);
    const byQuarter = [0, 0, 0, 0];
    for (const e of events) {
      const q = Math.floor((Number(e.date.slice(5, 7)) - 1) / 3);
      byQuarter[q] = (byQuarter[q] ?? 0) + 1;
    }
    const [q1 = 0, q2 = 0, q3 = 0, q4 = 0] = byQuarter;
    expect(q2).toBeGreaterThan(q1);
    expect(q4).toBeGreaterThan(q3);
    const weekend = events.filter((e) => [0, 6].includes(new Date(`${e.date}T00:00:00Z`).getUTCDay())).length;
    expect(weekend / events.length).toBeLessThan(0.1);
  });
});
