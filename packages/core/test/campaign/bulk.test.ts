import { describe, expect, it } from 'vitest';
import { CampaignEventReader } from '../../src/campaign/bulk';
import { makeUscc, safeParseCampaignEvent, safeParseCampaignEvents } from '../../src/index';

const T = '330483108000';
const U = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'M0000001' });
const b = { id: 'e1', date: '2018-06-01', townCode: T };
const cases: unknown[] = [
  { ...b, type: 'lowScatteredRemediated', workshopName: ' 作坊 ', outcome: 'closedEliminated' },
  { ...b, type: 'lowScatteredRemediated', uscc: U, outcome: 'upgraded' },
  { ...b, type: 'lowScatteredRemediated', uscc: U, workshopName: 'x', outcome: 'upgraded' },
  { ...b, type: 'lowScatteredRemediated', outcome: 'upgraded' },
  { ...b, type: 'lowScatteredRemediated', workshopName: 'a\u0001', outcome: 'upgraded' },
  { ...b, type: 'backwardCapacityEliminated', items: 2 },
  { ...b, type: 'backwardCapacityEliminated', items: 0 },
  { ...b, type: 'backwardCapacityEliminated', items: 1.5 },
  { ...b, type: 'zombieDisposed', uscc: U, method: 'other' },
  { ...b, type: 'zombieDisposed', uscc: 'bad', method: 'other' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: '45.5' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: '0' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: 4.5 },
  { ...b, type: 'vacatingStage', parcelId: 'P 1', stage: 'nope', area: 'x' },
  { ...b, type: 'idleLandRevitalised', parcelId: 'P1', method: 'supplied', area: '3' },
  { ...b, type: 'inParkLandRemediated', parcelId: 'P1', area: { value: '3000', unit: 'squareMetre' } },
  { ...b, type: 'parkFloorAreaCompleted', parkId: 'K1', phase: 1, floorArea: '1000' },
  { ...b, type: 'parkFloorAreaCompleted', parkId: 'K1', phase: 0, floorArea: '-1' },
  { ...b, type: 'parkEntered', parkId: 'K1', enterpriseName: '新企业' },
  { ...b, type: 'parkEntered', parkId: 'K1' },
  { ...b, type: 'parkEntered', parkId: 'K1', uscc: U, extra: 1 },
  { ...b, date: '2018-02-30', type: 'parkEntered', parkId: 'K1', uscc: U },
  { ...b, townCode: '12', type: 'parkEntered', parkId: 'K1', uscc: U },
  { ...b, id: '', type: 'unknown' },
  { ...b, note: '台账', type: 'backwardCapacityEliminated', items: 1 },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: { value: '45.50', unit: 'mu' } },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: { value: '3000', unit: 'squareMetre' } },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: { value: '3', unit: 'yuan' } },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: { value: '3', unit: 'mu', x: 1 } },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: ' 45 ' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: '1e1' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: '-0' },
  { ...b, type: 'vacatingStage', parcelId: 'P1', stage: 'signed', area: '1234567890123456' },
  { ...b, type: 'parkFloorAreaCompleted', parkId: 'K1', phase: 1, floorArea: { value: '1.5', unit: 'mu' } },
  { ...b, date: '0099-01-01', type: 'parkEntered', parkId: 'K1', uscc: U },
  { ...b, townCode: ' 330483108000', type: 'parkEntered', parkId: 'K1', uscc: U },
  null,
  'x',
  [],
  // Fields for…in does not list (not enumerable) or lists from a prototype: read as zod reads them.
  Object.defineProperty({ ...b, type: 'lowScatteredRemediated', workshopName: '作坊', outcome: 'upgraded' }, 'uscc', {
    value: U,
  }),
  Object.defineProperty({ date: b.date, townCode: T, type: 'backwardCapacityEliminated', items: 1 }, 'id', {
    value: 'e9',
  }),
  Object.defineProperty({ ...b, type: 'parkEntered', parkId: 'K1' }, 'enterpriseName', { value: '新企业' }),
  Object.assign(Object.create({ ...b }), { type: 'backwardCapacityEliminated', items: 1 }),
];

describe('safeParseCampaignEvents', () => {
  it('gives exactly what the zod single-event parser gives, value and issues', () => {
    const bulk = safeParseCampaignEvents(cases, 'event');
    expect(bulk).toHaveLength(cases.length);
    cases.forEach((input, i) => {
      expect(bulk[i], `case ${i}`).toEqual(safeParseCampaignEvent(input, 'event'));
    });
    expect(bulk.filter((r) => r.ok).length).toBeGreaterThan(5);
    expect(bulk.filter((r) => !r.ok).length).toBeGreaterThan(10);
  });

  it('reads the common well-formed shapes on the fast path (zod only for the rest)', () => {
    const reader = new CampaignEventReader('event');
    for (const i of [0, 1, 5, 8, 10, 14, 15, 16, 18, 25, 26, 33, 35])
      expect(reader.fast(cases[i]), `case ${i}`).toBeDefined();
    for (const i of [2, 3, 6, 24, 27, 28, 29, 30, 31, 32, 34])
      expect(reader.fast(cases[i]), `case ${i}`).toBeUndefined();
  });
});
