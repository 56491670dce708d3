import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parcelStages } from '../../src/campaign/index';
import { applyBatch, type CampaignLedger, MEASURE_NAMES, MEASURES, measure, Rational } from '../../src/index';
import { addDays } from '../../src/model/index';
import {
  CHONGAN,
  FENGMING,
  freshLedger,
  REGISTRY,
  SHIMEN,
  SM_BIG,
  uscc,
  WUTONG,
  ZHOUQUAN,
  ZOMBIE,
  ZQ_FIRM,
} from './fixture';

const TOWNS = [SHIMEN, ZHOUQUAN, WUTONG, FENGMING];
const PARCELS = [...REGISTRY.parcels.values()];
const PARKS = [...REGISTRY.parks.values()];
const FIRMS = [...CHONGAN, ZOMBIE, ZQ_FIRM, ...SM_BIG, uscc(77)];
const townOfFirm = (u: string) => REGISTRY.enterprises.get(u)?.townCode ?? SHIMEN;

const date = fc.integer({ min: 0, max: 364 }).map((d) => addDays('2018-01-01', d));
/** 0.1 .. 80.0 亩, as a decimal string. */
const area = fc.integer({ min: 1, max: 800 }).map((n) => `${Math.floor(n / 10)}.${n % 10}`);
/** Mostly the right town, sometimes a wrong one. */
const townFor = (right: string) =>
  fc.oneof({ weight: 9, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: fc.constantFrom(...TOWNS) });

type Spec = Record<string, unknown>;
const spec: fc.Arbitrary<Spec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...PARCELS).chain((p) =>
      fc.record({
        type: fc.constant('vacatingStage'),
        townCode: townFor(p.townCode),
        parcelId: fc.constant(p.id),
        stage: fc.constantFrom(
          'signed',
          'signed',
          'demolished',
          'reclamationApproved',
          'accepted',
          'reclaimedFarmland',
          'reused',
        ),
        area,
        date,
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...PARCELS).chain((p) =>
      fc
        .record({
          type: fc.constantFrom('idleLandRevitalised', 'inParkLandRemediated'),
          townCode: townFor(p.townCode),
          parcelId: fc.constant(p.id),
          method: fc.constantFrom('supplied', 'recovered'),
          area: fc.integer({ min: 1, max: 900 }).map(String),
          date,
        })
        .map((r) => (r.type === 'inParkLandRemediated' ? { ...r, method: undefined } : r)),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(...FIRMS).chain((u) => fc.record({ uscc: fc.constant(u), townCode: townFor(townOfFirm(u)) })),
        fc.record({ workshopName: fc.constantFrom('作坊甲', '作坊乙'), townCode: fc.constantFrom(...TOWNS) }),
      )
      .chain((subject) =>
        fc
          .record({
            type: fc.constant('lowScatteredRemediated'),
            outcome: fc.constantFrom('closedEliminated', 'upgraded', 'consolidatedIntoPark', 'relocated'),
            date,
          })
          .map((r) => ({ ...r, ...subject })),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('backwardCapacityEliminated'),
      townCode: fc.constantFrom(...TOWNS),
      items: fc.integer({ min: 1, max: 3 }),
      date,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('zombieDisposed'),
      townCode: fc.constant(ZHOUQUAN),
      uscc: fc.constantFrom(ZOMBIE, ZQ_FIRM),
      method: fc.constantFrom('bankruptcy', 'mergerRestructuring'),
      date,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...PARKS).chain((p) =>
      fc.oneof(
        fc.record({
          type: fc.constant('parkFloorAreaCompleted'),
          townCode: townFor(p.townCode),
          parkId: fc.constant(p.id),
          phase: fc.constantFrom(1, 2),
          floorArea: fc.integer({ min: 1, max: 60000 }).map(String),
          date,
        }),
        fc.record({
          type: fc.constant('parkEntered'),
          townCode: townFor(p.townCode),
          parkId: fc.constant(p.id),
          uscc: fc.constantFrom(...FIRMS),
          date,
        }),
      ),
    ),
  },
);

const batches = fc.array(fc.array(spec, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 14 });

const withIds = (bs: Spec[][]) =>
  bs.map((b, i) =>
    b.map((e, j) =>
      Object.fromEntries(Object.entries({ ...e, id: `ev-${i}-${j}` }).filter(([, v]) => v !== undefined)),
    ),
  );

const snapshot = (l: CampaignLedger) => JSON.stringify(l);

/**
 * Folds batches into a ledger. A rejected batch is checked to change nothing,
 * then retried without its bad events; an accepted batch is checked to be a
 * no-op on replay.
 */
function build(bs: Spec[][]): { ledger: CampaignLedger; accepted: number; rejected: number } {
  let ledger = freshLedger();
  let accepted = 0;
  let rejected = 0;
  for (let batch of withIds(bs)) {
    while (batch.length > 0) {
      const before = snapshot(ledger);
      const r = applyBatch(ledger, batch);
      if (r.ok) {
        accepted += r.applied.length;
        const replay = applyBatch(r.state, batch);
        expect(replay.ok).toBe(true);
        if (replay.ok) {
          expect(replay.applied).toEqual([]);
          expect(replay.state.version).toBe(r.state.version);
          expect(snapshot(replay.state)).toBe(snapshot(r.state));
        }
        ledger = r.state;
        break;
      }
      rejected += r.errors.length;
      expect(snapshot(ledger)).toBe(before);
      expect(new Set(r.errors.map((e) => e.index)).size).toBe(r.errors.length);
      for (const e of r.errors) expect(e.eventId).toBe(batch[e.index]?.id);
      const bad = new Set(r.errors.map((e) => e.index));
      batch = batch.filter((_, i) => !bad.has(i));
    }
  }
  return { ledger, accepted, rejected };
}

describe('ledger properties', () => {
  it('replays are no-ops and rejected batches change nothing', () => {
    let totalAccepted = 0;
    let totalRejected = 0;
    fc.assert(
      fc.property(batches, (bs) => {
        const { accepted, rejected } = build(bs);
        totalAccepted += accepted;
        totalRejected += rejected;
      }),
      { numRuns: 150 },
    );
    // the generator exercises both paths
    expect(totalAccepted).toBeGreaterThan(100);
    expect(totalRejected).toBeGreaterThan(20);
  });

  it('per-town measures add up to the city, and categories to the total', () => {
    fc.assert(
      fc.property(batches, date, date, (bs, d1, d2) => {
        const { ledger } = build(bs);
        const [from, to] = d1 <= d2 ? [d1, d2] : [d2, d1];
        for (const name of MEASURE_NAMES) {
          const m = MEASURES[name];
          if (!m.additive) continue;
          for (const q of [
            { from, to },
            { from: '2018-01-01', to: '2019-12-31' },
          ]) {
            const city = measure(ledger, name, q) ?? Rational.ZERO;
            const towns = Rational.sum(
              REGISTRY.region.towns.map((t) => measure(ledger, name, { ...q, townCode: t.code }) ?? Rational.ZERO),
            );
            expect(towns.equals(city), `${name} towns ${towns} vs city ${city}`).toBe(true);
            if (m.categories.length > 0) {
              const cats = Rational.sum(
                m.categories.map((c) => measure(ledger, name, { ...q, category: c }) ?? Rational.ZERO),
              );
              expect(cats.equals(city), `${name} categories`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stage areas stay monotone per parcel on every date', () => {
    fc.assert(
      fc.property(batches, (bs) => {
        const { ledger } = build(bs);
        for (const p of PARCELS) {
          const dates = ledger
            .events()
            .flatMap((a) => (a.event.type === 'vacatingStage' && a.event.parcelId === p.id ? [a.event.date] : []));
          for (const d of dates) {
            const s = parcelStages(ledger, p.id, d);
            const chain = [
              p.area,
              s.signed,
              s.demolished,
              s.reclamationApproved,
              s.accepted,
              s.reclaimedFarmland.plus(s.reused),
            ];
            for (let i = 1; i < chain.length; i++) {
              const hi = chain[i - 1];
              const lo = chain[i];
              if (hi && lo) expect(lo.compare(hi) <= 0, `${p.id} step ${i} on ${d}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
