import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registryReferences } from '../../src/campaign/index';
import { applyBatch, type BatchResult, type CampaignLedger, emptyLedger } from '../../src/index';
import { CHONGAN, FENGMING, REGISTRY, SHIMEN, uscc, WUTONG, ZHOUQUAN, ZOMBIE, ZQ_FIRM } from './fixture';
import * as oracle from './oracle-ledger';

/*
 * The public ledger (bulk event reading, checker, lazy canonical text, retract on
 * rejection) against the ledger as it was (zod per event, undo closures), batch by
 * batch over random streams with good and bad events: the same verdicts, the same
 * errors (index, id, field, rule, message, every issue), the same applied and
 * skipped events, the same ledger after every batch.
 */

const TOWNS = [SHIMEN, ZHOUQUAN, WUTONG, FENGMING, '330483999000', ' 330483108000', '12'];
const PARCELS = [...REGISTRY.parcels.keys(), 'NOPE', 'bad id'];
const PARKS = [...REGISTRY.parks.keys(), 'NOPE'];
const FIRMS = [...CHONGAN, ZOMBIE, ZQ_FIRM, uscc(77), 'not-a-uscc'];
const date = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .integer({ min: 0, max: 730 })
      .map((d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: fc.constantFrom('2018-02-30', '2018-1-01', '0099-01-01', '', 20180101) },
);
/** Areas in every form a caller may send: plain decimals, `{ value, unit }`, and bad ones. */
const area = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 900 }).map((n) => `${Math.floor(n / 10)}.${n % 10}`) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 9000 }).map((n) => ({ value: String(n), unit: 'squareMetre' })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 90 }).map((n) => ({ value: `${n}.50`, unit: 'mu' })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(' 5 ', '1e1', '0', '-3', 4.5, '.5', '07', { value: '3', unit: 'yuan' }, { value: '3' }),
  },
);
const field = <T>(good: fc.Arbitrary<T>, bad: unknown[]) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

const event: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    type: fc.constant('vacatingStage'),
    townCode: fc.constantFrom(...TOWNS),
    parcelId: fc.constantFrom(...PARCELS),
    stage: field(fc.constantFrom('signed', 'signed', 'demolished', 'reclamationApproved', 'accepted', 'reused'), ['x']),
    area,
    date,
  }),
  fc.record({
    type: fc.constantFrom('idleLandRevitalised', 'inParkLandRemediated'),
    townCode: fc.constantFrom(...TOWNS),
    parcelId: fc.constantFrom(...PARCELS),
    method: fc.constantFrom('supplied', 'recovered', undefined),
    area,
    date,
  }),
  fc.record(
    {
      type: fc.constant('lowScatteredRemediated'),
      townCode: fc.constantFrom(...TOWNS),
      uscc: fc.constantFrom(...FIRMS, undefined),
      workshopName: fc.constantFrom('作坊甲', ' 作坊乙 ', '', 'a\u0001', '\uD800', undefined),
      outcome: field(fc.constantFrom('closedEliminated', 'upgraded'), ['closed']),
      note: fc.constantFrom(undefined, undefined, undefined, '台账'),
      date,
    },
    { requiredKeys: ['type', 'townCode', 'outcome', 'date'] },
  ),
  fc.record({
    type: fc.constant('backwardCapacityEliminated'),
    townCode: fc.constantFrom(...TOWNS),
    items: field(fc.integer({ min: 1, max: 3 }), [0, 1.5, '2']),
    date,
  }),
  fc.record({
    type: fc.constant('zombieDisposed'),
    townCode: fc.constantFrom(ZHOUQUAN, SHIMEN),
    uscc: fc.constantFrom(ZOMBIE, ZQ_FIRM, 'x'),
    method: fc.constantFrom('bankruptcy', 'other'),
    date,
  }),
  fc.record({
    type: fc.constant('parkFloorAreaCompleted'),
    townCode: fc.constantFrom(...TOWNS),
    parkId: fc.constantFrom(...PARKS),
    phase: field(fc.constantFrom(1, 2, 3), [0]),
    floorArea: fc.oneof(fc.integer({ min: 1, max: 60000 }).map(String), area),
    date,
  }),
  fc.record(
    {
      type: fc.constantFrom('parkEntered', 'parkEntered', 'unknownType'),
      townCode: fc.constantFrom(...TOWNS),
      parkId: fc.constantFrom(...PARKS),
      uscc: fc.constantFrom(...FIRMS, undefined),
      enterpriseName: fc.constantFrom('新企业', undefined),
      extra: fc.constantFrom(undefined, undefined, undefined, 1),
      date,
    },
    { requiredKeys: ['type', 'townCode', 'parkId', 'date'] },
  ),
);

/** Ids from a small pool, so events meet their own ids again (replays and conflicts), within and across batches. */
const batches = fc.array(fc.array(fc.tuple(event, fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 10,
});
const withIds = (bs: [Record<string, unknown>, number][][]) =>
  bs.map((b) =>
    b.map(([e, n]) => Object.fromEntries(Object.entries({ ...e, id: `ev-${n}` }).filter(([, v]) => v !== undefined))),
  );

/** What a batch result says, comparable across the two ledgers. */
const verdict = (r: BatchResult | oracle.BatchResult) =>
  r.ok
    ? { ok: true, applied: r.applied, skipped: r.skipped, version: r.state.version }
    : { ok: false, errors: r.errors };
const contents = (l: CampaignLedger | oracle.CampaignLedger) =>
  l.events().map((a) => ({ seq: a.seq, event: a.event, canonical: a.canonical }));

describe('the ledger against its oracle (the per-event zod ledger it replaced)', () => {
  it('gives the same verdict, errors and state for every batch', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(batches, fc.boolean(), (bs, parsedInputs) => {
        const refs = registryReferences(REGISTRY);
        let mine = emptyLedger(refs);
        let theirs = oracle.emptyLedger(refs);
        for (let batch of withIds(bs)) {
          while (batch.length > 0) {
            const before = contents(mine);
            const clock = { clock: () => new Date('2019-06-01T00:00:00Z') };
            const a = applyBatch(mine, batch, clock);
            const b = oracle.applyBatch(theirs, batch, clock);
            expect(verdict(a)).toEqual(verdict(b));
            if (a.ok && b.ok) {
              accepted += a.applied.length;
              // Feeding the parsed events back (the `isParsedEvent` path) is a replay on both.
              const again = parsedInputs ? a.applied : batch;
              expect(verdict(applyBatch(a.state, again, { clock: false }))).toEqual(
                verdict(oracle.applyBatch(b.state, again, { clock: false })),
              );
              mine = a.state;
              theirs = b.state;
              expect(contents(mine)).toEqual(contents(theirs));
              break;
            }
            // A rejected batch changes nothing; retry it without its bad events.
            rejected += 1;
            expect(contents(mine)).toEqual(before);
            const bad = new Set(a.ok ? [] : a.errors.map((e) => e.index));
            batch = batch.filter((_, i) => !bad.has(i));
          }
        }
      }),
      { numRuns: 300 },
    );
    // The generator reaches both verdicts.
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });
});
