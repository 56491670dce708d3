import { makeUscc, TONGXIANG_2018_INPUT } from '@mujun/core';

export const SHIMEN = '330483108000';
export const ZHOUQUAN = '330483105000';
export const uscc = (n: number) =>
  makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: `MA2B${String(n).padStart(4, '0')}` });

/** A small registry of 桐乡: a park, three parcels, four enterprises with two years of data. */
export function smallRegistry() {
  const parks = [
    {
      id: 'SM-P1',
      name: '石门小微企业园',
      townCode: SHIMEN,
      kind: 'smallMicroPark',
      phases: [{ phase: 1, floorArea: '52000.5' }],
      entryCriteria: { minTaxPerMu: '10', industries: ['17'], notes: '亩均税收10万元以上' },
    },
  ];
  const parcels = [
    { id: 'SM-001', townCode: SHIMEN, area: '45', category: 'outOfParkLowScattered', holderUscc: uscc(1) },
    { id: 'SM-002', townCode: SHIMEN, area: '12.3456', category: 'inParkInefficient', parkId: 'SM-P1' },
    { id: 'ZQ-001', townCode: ZHOUQUAN, area: '3', category: 'idleSuppliedNotUsed', suppliedOn: '2016-03-01' },
  ];
  const enterprises = [1, 2, 3, 4].map((n) => ({
    uscc: uscc(n),
    name: `桐乡市企业${n}有限公司`,
    townCode: n <= 2 ? SHIMEN : ZHOUQUAN,
    industry: n % 2 ? '1751' : 'C3031',
    registeredOn: `201${n}-0${n}-1${n}`,
    ...(n === 2 ? { parkId: 'SM-P1', parcelIds: ['SM-002'] } : {}),
    ...(n === 1 ? { parcelIds: ['SM-001'], flags: ['lowScattered', 'fourWithout'], fourWithout: ['noLicence'] } : {}),
  }));
  const annualData = [2017, 2018].flatMap((year) =>
    [1, 2, 3, 4].map((n) => ({
      uscc: uscc(n),
      year,
      scale: n === 3 ? 'aboveDesignatedSize' : 'belowDesignatedSize',
      tax: `${n * 10 + (year - 2017)}.25`,
      revenue: n === 3 ? '2500' : '300.1',
      employees: String(n * 12),
      landArea: n === 4 ? undefined : `${n}.5`,
      energy: '100.001',
      electricity: '12.5',
      ...(n === 3 ? { sales: '2400.5', water: '1500', cod: '0.75' } : {}),
    })),
  );
  return { region: TONGXIANG_2018_INPUT, parks, parcels, enterprises, annualData };
}

/** Campaign events over `smallRegistry()`: 石门 signs, demolishes and reclaims SM-001 (45亩). */
export function smallEvents() {
  return [
    {
      type: 'lowScatteredRemediated',
      id: 'E1',
      date: '2018-03-01',
      townCode: SHIMEN,
      uscc: uscc(1),
      outcome: 'closedEliminated',
    },
    {
      type: 'lowScatteredRemediated',
      id: 'E2',
      date: '2018-03-02',
      townCode: ZHOUQUAN,
      workshopName: '某织袜作坊',
      outcome: 'relocated',
      fourWithout: ['noLicence'],
    },
    {
      type: 'vacatingStage',
      id: 'E3',
      date: '2018-04-01',
      townCode: SHIMEN,
      parcelId: 'SM-001',
      stage: 'signed',
      area: '45',
      usccs: [uscc(1)],
    },
    {
      type: 'vacatingStage',
      id: 'E4',
      date: '2018-04-15',
      townCode: SHIMEN,
      parcelId: 'SM-001',
      stage: 'demolished',
      area: '45',
    },
    { type: 'backwardCapacityEliminated', id: 'E5', date: '2018-05-01', townCode: ZHOUQUAN, items: 2 },
    {
      type: 'parkFloorAreaCompleted',
      id: 'E6',
      date: '2018-06-30',
      townCode: SHIMEN,
      parkId: 'SM-P1',
      phase: 1,
      floorArea: '52000.5',
    },
    { type: 'parkEntered', id: 'E7', date: '2018-07-01', townCode: SHIMEN, parkId: 'SM-P1', uscc: uscc(2) },
  ];
}
