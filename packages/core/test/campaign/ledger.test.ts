import { describe, expect, it } from 'vitest';
import { canonicalEvent, parcelStages, remediationFlags } from '../../src/campaign/index';
import {
  applyBatch,
  type BatchResult,
  type CampaignLedger,
  eventToJson,
  parseCampaignEvent,
  replayLedger,
} from '../../src/index';
import { CHONGAN, freshLedger, SHIMEN, uscc, WUTONG, ZHOUQUAN, ZOMBIE, ZQ_FIRM } from './fixture';

const stage = (id: string, parcelId: string, s: string, area: string, date: string, townCode = SHIMEN) => ({
  type: 'vacatingStage',
  id,
  date,
  townCode,
  parcelId,
  stage: s,
  area,
});

function ok(r: BatchResult): CampaignLedger {
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 2));
  return r.state;
}

function errorsOf(r: BatchResult) {
  if (r.ok) throw new Error('expected the batch to be rejected');
  return r.errors;
}

describe('campaign events', () => {
  it('parses each kind and round-trips through canonical JSON', () => {
    const inputs = [
      {
        type: 'lowScatteredRemediated',
        id: 'e1',
        date: '2018-03-01',
        townCode: SHIMEN,
        uscc: CHONGAN[0],
        outcome: 'closedEliminated',
      },
      {
        type: 'lowScatteredRemediated',
        id: 'e2',
        date: '2018-03-01',
        townCode: SHIMEN,
        workshopName: '某家庭作坊',
        outcome: 'upgraded',
        flags: ['fourWithout', 'lowScattered'],
        fourWithout: ['noSafety', 'noLicence'],
      },
      { type: 'backwardCapacityEliminated', id: 'e3', date: '2018-04-01', townCode: ZHOUQUAN, items: 2 },
      { type: 'zombieDisposed', id: 'e4', date: '2018-05-01', townCode: ZHOUQUAN, uscc: ZOMBIE, method: 'bankruptcy' },
      stage('e5', 'SM-CHONGAN', 'signed', '45', '2018-06-01'),
      {
        type: 'idleLandRevitalised',
        id: 'e6',
        date: '2018-07-01',
        townCode: WUTONG,
        parcelId: 'WT-IDLE',
        method: 'supplied',
        area: '100.5',
      },
      {
        type: 'inParkLandRemediated',
        id: 'e7',
        date: '2018-07-01',
        townCode: WUTONG,
        parcelId: 'WT-INPARK',
        area: '12',
      },
      {
        type: 'parkFloorAreaCompleted',
        id: 'e8',
        date: '2018-08-01',
        townCode: ZHOUQUAN,
        parkId: 'ZQ-LC',
        phase: 1,
        floorArea: { value: '5', unit: 'wanSquareMetre' },
      },
      {
        type: 'parkEntered',
        id: 'e9',
        date: '2018-09-01',
        townCode: ZHOUQUAN,
        parkId: 'ZQ-LC',
        enterpriseName: '新设小微企业',
      },
    ];
    for (const input of inputs) {
      const e = parseCampaignEvent(input);
      const again = parseCampaignEvent(JSON.parse(JSON.stringify(eventToJson(e))));
      expect(canonicalEvent(again)).toBe(canonicalEvent(e));
    }
    expect(eventToJson(parseCampaignEvent(inputs[7]))).toMatchObject({
      floorArea: { value: '50000', unit: 'squareMetre' },
    });
    expect(eventToJson(parseCampaignEvent(inputs[1]))).toMatchObject({ flags: ['fourWithout', 'lowScattered'] });
  });

  it('treats equal areas in different units as the same content', () => {
    const a = parseCampaignEvent(stage('x', 'SM-P2', 'signed', '45', '2018-06-01'));
    const b = parseCampaignEvent(
      stage('x', 'SM-P2', 'signed', { value: '30000', unit: 'squareMetre' } as never, '2018-06-01'),
    );
    expect(canonicalEvent(a)).toBe(canonicalEvent(b));
  });

  it('needs either a USCC or a workshop name for a remediation, and refuses float areas', () => {
    const r = applyBatch(freshLedger(), [
      { type: 'lowScatteredRemediated', id: 'w', date: '2018-03-01', townCode: SHIMEN, outcome: 'upgraded' },
      { ...stage('f', 'SM-P2', 'signed', '1', '2018-06-01'), area: 1.5 },
    ]);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ eventId: 'w', index: 0, field: 'uscc', rule: 'remediation.subject' });
    expect(errors[1]).toMatchObject({ eventId: 'f', index: 1, field: 'area', rule: 'decimal.float' });
  });
  it('names the rule of an unknown event type', () => {
    const errors = errorsOf(applyBatch(freshLedger(), [{ type: 'landStolen', id: 'q', date: '2018-01-01' }]));
    expect(errors[0]).toMatchObject({ eventId: 'q', field: 'type', rule: 'event.type' });
  });
});

describe('ledger invariants', () => {
  const signed = () => ok(applyBatch(freshLedger(), [stage('s1', 'SM-CHONGAN', 'signed', '30', '2018-06-01')]));

  it('applies a batch, counts the version and skips replays', () => {
    const batch = [
      stage('s1', 'SM-CHONGAN', 'signed', '30', '2018-06-01'),
      stage('s2', 'SM-CHONGAN', 'signed', '15', '2018-06-02'),
      stage('d1', 'SM-CHONGAN', 'demolished', '45', '2018-06-10'),
    ];
    const l1 = ok(applyBatch(freshLedger(), batch));
    expect(l1.version).toBe(3);
    const r = applyBatch(l1, batch);
    expect(r.ok && r.applied.length === 0 && r.skipped).toEqual(['s1', 's2', 'd1']);
    expect(r.ok && r.state.version).toBe(3);
    expect(parcelStages(l1, 'SM-CHONGAN').demolished.in('mu').toString()).toBe('45');
  });

  it('refuses an id reused with different content', () => {
    const errors = errorsOf(applyBatch(signed(), [stage('s1', 'SM-CHONGAN', 'signed', '31', '2018-06-01')]));
    expect(errors).toEqual([expect.objectContaining({ eventId: 's1', field: 'id', rule: 'event.idConflict' })]);
  });

  it('refuses a signed area above the parcel, also across partial signings', () => {
    const errors = errorsOf(applyBatch(signed(), [stage('s2', 'SM-CHONGAN', 'signed', '15.0001', '2018-06-02')]));
    expect(errors[0]).toMatchObject({ eventId: 's2', field: 'area', rule: 'vacating.exceedsParcel' });
    expect(errors[0]?.message).toContain('45亩');
  });

  it('refuses a stage before the previous one was reached', () => {
    const errors = errorsOf(applyBatch(freshLedger(), [stage('d', 'SM-CHONGAN', 'demolished', '10', '2018-06-01')]));
    expect(errors[0]).toMatchObject({ field: 'stage', rule: 'vacating.stageOrder' });
    const skip = errorsOf(applyBatch(signed(), [stage('r', 'SM-CHONGAN', 'reclamationApproved', '10', '2018-07-01')]));
    expect(skip[0]).toMatchObject({ field: 'stage', rule: 'vacating.stageOrder' });
  });

  it('refuses a stage area above the previous stage', () => {
    const errors = errorsOf(applyBatch(signed(), [stage('d', 'SM-CHONGAN', 'demolished', '31', '2018-06-05')]));
    expect(errors[0]).toMatchObject({ field: 'area', rule: 'vacating.exceedsPreviousStage' });
  });

  it('refuses a stage dated before the previous stage reached its area', () => {
    const errors = errorsOf(applyBatch(signed(), [stage('d', 'SM-CHONGAN', 'demolished', '10', '2018-05-31')]));
    expect(errors[0]).toMatchObject({ field: 'date', rule: 'vacating.dateOrder' });
    // A later back-dated demolition would push an existing one over the signed area as of its date.
    const l = ok(
      applyBatch(signed(), [
        stage('s2', 'SM-CHONGAN', 'signed', '15', '2018-06-20'),
        stage('d1', 'SM-CHONGAN', 'demolished', '30', '2018-06-10'),
      ]),
    );
    const late = errorsOf(applyBatch(l, [stage('d2', 'SM-CHONGAN', 'demolished', '10', '2018-06-05')]));
    expect(late[0]).toMatchObject({ eventId: 'd2', field: 'date', rule: 'vacating.dateOrder' });
    expect(applyBatch(l, [stage('d2', 'SM-CHONGAN', 'demolished', '15', '2018-06-20')]).ok).toBe(true);
  });

  it('treats 复耕 and 再利用 as one final step below 验收', () => {
    const l = ok(
      applyBatch(freshLedger(), [
        stage('s', 'SM-CHONGAN', 'signed', '45', '2018-06-01'),
        stage('d', 'SM-CHONGAN', 'demolished', '45', '2018-06-10'),
        stage('r', 'SM-CHONGAN', 'reclamationApproved', '45', '2018-06-15'),
        stage('a', 'SM-CHONGAN', 'accepted', '45', '2018-06-25'),
        stage('f', 'SM-CHONGAN', 'reclaimedFarmland', '30', '2018-07-01'),
        stage('u', 'SM-CHONGAN', 'reused', '15', '2018-07-01'),
      ]),
    );
    const errors = errorsOf(applyBatch(l, [stage('u2', 'SM-CHONGAN', 'reused', '0.1', '2018-07-02')]));
    expect(errors[0]).toMatchObject({ rule: 'vacating.exceedsPreviousStage' });
  });

  it('checks references: town, enterprise, parcel, park, phase and the town they lie in', () => {
    const errors = errorsOf(
      applyBatch(freshLedger(), [
        { type: 'backwardCapacityEliminated', id: 'a', date: '2018-01-02', townCode: '330482101000', items: 1 },
        { type: 'zombieDisposed', id: 'b', date: '2018-01-02', townCode: ZHOUQUAN, uscc: uscc(99), method: 'other' },
        stage('c', 'NO-SUCH', 'signed', '1', '2018-01-02'),
        { type: 'parkEntered', id: 'd', date: '2018-01-02', townCode: ZHOUQUAN, parkId: 'NOPARK', uscc: ZQ_FIRM },
        {
          type: 'parkFloorAreaCompleted',
          id: 'e',
          date: '2018-01-02',
          townCode: ZHOUQUAN,
          parkId: 'ZQ-LC',
          phase: 3,
          floorArea: '1',
        },
        stage('f', 'ZQ-P1', 'signed', '1', '2018-01-02', SHIMEN),
        {
          type: 'lowScatteredRemediated',
          id: 'g',
          date: '2018-01-02',
          townCode: SHIMEN,
          uscc: ZQ_FIRM,
          outcome: 'upgraded',
        },
      ]),
    );
    expect(errors.map((e) => [e.eventId, e.field, e.rule])).toEqual([
      ['a', 'townCode', 'reference.town'],
      ['b', 'uscc', 'reference.enterprise'],
      ['c', 'parcelId', 'reference.parcel'],
      ['d', 'parkId', 'reference.park'],
      ['e', 'phase', 'reference.phase'],
      ['f', 'townCode', 'reference.townMismatch'],
      ['g', 'townCode', 'reference.townMismatch'],
    ]);
  });

  it('keeps idle and in-park land within their parcels and categories', () => {
    const idle = (id: string, parcelId: string, area: string, townCode = WUTONG) => ({
      type: 'idleLandRevitalised',
      id,
      date: '2018-05-01',
      townCode,
      parcelId,
      method: 'recovered',
      area,
    });
    const errors = errorsOf(
      applyBatch(freshLedger(), [
        idle('i1', 'WT-IDLE', '1000'),
        idle('i2', 'WT-IDLE', '200.01'),
        idle('i3', 'WT-INPARK', '1'),
        {
          type: 'inParkLandRemediated',
          id: 'p1',
          date: '2018-05-01',
          townCode: WUTONG,
          parcelId: 'WT-IDLE',
          area: '1',
        },
      ]),
    );
    expect(errors.map((e) => [e.eventId, e.rule])).toEqual([
      ['i2', 'idleLand.exceedsParcel'],
      ['i3', 'idleLand.category'],
      ['p1', 'inParkLand.category'],
    ]);
  });

  it('keeps completed floor area within the phase, and one entry per firm and park', () => {
    const floor = (id: string, v: string) => ({
      type: 'parkFloorAreaCompleted',
      id,
      date: '2018-10-01',
      townCode: ZHOUQUAN,
      parkId: 'ZQ-LC',
      phase: 1,
      floorArea: v,
    });
    const entry = (id: string) => ({
      type: 'parkEntered',
      id,
      date: '2018-10-02',
      townCode: ZHOUQUAN,
      parkId: 'ZQ-LC',
      uscc: ZQ_FIRM,
    });
    const errors = errorsOf(
      applyBatch(freshLedger(), [floor('f1', '30000'), floor('f2', '20001'), entry('n1'), entry('n2')]),
    );
    expect(errors.map((e) => [e.eventId, e.field, e.rule])).toEqual([
      ['f2', 'floorArea', 'park.exceedsPhase'],
      ['n2', 'uscc', 'parkEntry.duplicate'],
    ]);
  });

  it('disposes of a zombie once and closes an enterprise once', () => {
    const z = (id: string) => ({
      type: 'zombieDisposed',
      id,
      date: '2018-05-01',
      townCode: ZHOUQUAN,
      uscc: ZOMBIE,
      method: 'bankruptcy',
    });
    const c = (id: string, outcome: string) => ({
      type: 'lowScatteredRemediated',
      id,
      date: '2018-05-01',
      townCode: SHIMEN,
      uscc: CHONGAN[0],
      outcome,
    });
    const errors = errorsOf(
      applyBatch(freshLedger(), [
        z('z1'),
        z('z2'),
        c('c0', 'upgraded'),
        c('c1', 'closedEliminated'),
        c('c2', 'upgraded'),
      ]),
    );
    expect(errors.map((e) => [e.eventId, e.rule])).toEqual([
      ['z2', 'zombie.alreadyDisposed'],
      ['c2', 'remediation.alreadyClosed'],
    ]);
  });

  it('rejects a batch whole: nothing of it is applied', () => {
    const before = signed();
    const snapshot = JSON.stringify(before);
    const r = applyBatch(before, [
      stage('good', 'SM-CHONGAN', 'signed', '15', '2018-06-02'),
      stage('bad', 'SM-CHONGAN', 'demolished', '46', '2018-06-05'),
    ]);
    expect(errorsOf(r)).toHaveLength(1);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(before.event('good')).toBeUndefined();
    // the log was rolled back: the good event still applies afterwards
    expect(ok(applyBatch(before, [stage('good', 'SM-CHONGAN', 'signed', '15', '2018-06-02')])).version).toBe(2);
  });

  it('keeps older ledger values intact when a newer one grows or an older one forks', () => {
    const l1 = signed();
    const seen = l1.events();
    const l2 = ok(applyBatch(l1, [stage('s2', 'SM-CHONGAN', 'signed', '15', '2018-06-02')]));
    expect(seen).toHaveLength(1); // a snapshot, not the shared log
    const fork = ok(applyBatch(l1, [stage('other', 'SM-CHONGAN', 'signed', '10', '2018-06-03')]));
    expect(l1.version).toBe(1);
    expect(l1.events().map((e) => e.event.id)).toEqual(['s1']);
    expect(l2.events().map((e) => e.event.id)).toEqual(['s1', 's2']);
    expect(fork.events().map((e) => e.event.id)).toEqual(['s1', 'other']);
    expect(l2.event('other')).toBeUndefined();
    // l2 can still grow after the fork
    expect(ok(applyBatch(l2, [stage('d', 'SM-CHONGAN', 'demolished', '45', '2018-06-09')])).version).toBe(3);
  });

  it('accepts parsed events as well as JSON', () => {
    const e = parseCampaignEvent(stage('p', 'SM-CHONGAN', 'signed', '45', '2018-06-01'));
    expect(ok(applyBatch(freshLedger(), [e])).version).toBe(1);
  });

  it('carries 四无 flags over from the enterprise and treats an empty list as absent', () => {
    const l = ok(
      applyBatch(freshLedger(), [
        {
          type: 'lowScatteredRemediated',
          id: 'r',
          date: '2018-05-01',
          townCode: ZHOUQUAN,
          uscc: ZQ_FIRM,
          outcome: 'upgraded',
          flags: ['illegalConstruction'],
        },
      ]),
    );
    const e = l.event('r');
    if (e?.type !== 'lowScatteredRemediated') throw new Error('missing');
    expect(remediationFlags(l, e).flags).toEqual(['fourWithout', 'illegalConstruction', 'lowScattered']);
    const a = { type: 'backwardCapacityEliminated', id: 'b', date: '2018-05-01', townCode: SHIMEN, items: 1 };
    const withEmpty = {
      type: 'lowScatteredRemediated',
      id: 'w',
      date: '2018-05-01',
      townCode: SHIMEN,
      workshopName: '作坊',
      outcome: 'upgraded',
      flags: [],
    };
    const l2 = ok(applyBatch(l, [a, withEmpty]));
    const { flags: _f, ...withoutFlags } = withEmpty;
    const replay = applyBatch(l2, [withoutFlags]);
    expect(replay.ok && replay.skipped).toEqual(['w']);
  });

  it('rebuilds a ledger from its JSON events', () => {
    const l = ok(
      applyBatch(signed(), [
        stage('s2', 'SM-CHONGAN', 'signed', '15', '2018-06-02'),
        {
          type: 'parkFloorAreaCompleted',
          id: 'f',
          date: '2018-10-01',
          townCode: ZHOUQUAN,
          parkId: 'ZQ-LC',
          phase: 1,
          floorArea: { value: '1', unit: 'mu' },
        },
      ]),
    );
    const json = JSON.parse(JSON.stringify(l));
    const again = replayLedger(l.references, json.events);
    expect(again.ok && JSON.stringify(again.state)).toBe(JSON.stringify(l));
    expect(json.events[2].floorArea).toEqual({ value: '1', unit: 'mu' }); // 1亩 has no finite m² form
  });
});
