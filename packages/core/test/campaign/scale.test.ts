import { describe, expect, it } from 'vitest';
import { registryReferences } from '../../src/campaign/index';
import {
  applyBatch,
  type CampaignLedger,
  defineTarget,
  emptyLedger,
  measure,
  parseRegistry,
  Rational,
  TONGXIANG_2018,
  TONGXIANG_2018_INPUT,
  weeklyRanking,
  yearlyStatistics,
} from '../../src/index';

const PARCELS = 5000;
const towns = TONGXIANG_2018.towns.map((t) => t.code);
const townOf = (i: number) => towns[i % towns.length] ?? '330483108000';

describe('ledger at scale', () => {
  it('applies 50,000 events in batches of 500 and replays them as no-ops', () => {
    const registry = parseRegistry({
      region: TONGXIANG_2018_INPUT,
      parcels: Array.from({ length: PARCELS }, (_, i) => ({
        id: `P${i}`,
        townCode: townOf(i),
        area: '10',
        category: 'outOfParkLowScattered',
      })),
    });
    const stages = ['signed', 'demolished', 'reclamationApproved', 'accepted', 'reclaimedFarmland'];
    const events: Record<string, unknown>[] = [];
    for (const [k, stage] of stages.entries()) {
      for (let i = 0; i < PARCELS; i++) {
        events.push({
          type: 'vacatingStage',
          id: `V${k}-${i}`,
          date: `2018-0${k + 1}-15`,
          townCode: townOf(i),
          parcelId: `P${i}`,
          stage,
          area: '10',
        });
      }
    }
    for (let i = 0; i < 25_000; i++) {
      events.push({
        type: 'lowScatteredRemediated',
        id: `L${i}`,
        date: '2018-07-01',
        townCode: townOf(i),
        workshopName: `作坊${i}`,
        outcome: 'upgraded',
      });
    }
    let ledger: CampaignLedger = emptyLedger(registryReferences(registry));
    const started = performance.now();
    for (let i = 0; i < events.length; i += 500) {
      const r = applyBatch(ledger, events.slice(i, i + 500));
      if (!r.ok) throw new Error(JSON.stringify(r.errors[0]));
      ledger = r.state;
    }
    const elapsed = performance.now() - started;
    expect(ledger.version).toBe(50_000);
    expect(elapsed).toBeLessThan(20_000);
    const replay = applyBatch(ledger, events.slice(0, 5000));
    expect(replay.ok && replay.skipped.length).toBe(5000);
    expect(measure(ledger, 'vacatingSigned', { from: '2018-01-01', to: '2018-12-31' })?.toString()).toBe('50000');
    expect(yearlyStatistics(ledger, 2018).figures[0]?.value).toBe('25000');
    const t0 = performance.now();
    const target = defineTarget({
      id: 'signed',
      measure: 'vacatingSigned',
      period: { from: '2018-01-01', to: '2018-12-31' },
      value: String(500 * towns.length),
      children: towns.map((t) => ({ id: `signed-${t}`, townCode: t, value: '500' })),
    });
    const weeks = weeklyRanking(ledger, { components: [{ key: 'signed', weight: '100', targets: [target] }] }, 2018);
    expect(weeks).toHaveLength(52);
    expect(weeks[51]?.rows[0]?.score.greaterThan(Rational.ZERO)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
