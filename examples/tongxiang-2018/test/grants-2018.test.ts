import { ValidationError } from '@mujun/core';
import { saveGrants } from '@mujun/core/grants';
import { describe, expect, it } from 'vitest';
import { formatGrants, GRANTS_2018, grants2018 } from '../src/grants-2018';

describe('标准地 on land vacated in 2018 (synthetic), checked against the grantees’ 2021 data', async () => {
  const { checked, resupply, repository } = await grants2018();
  const row = (id: string) => {
    const r = checked.rows.find((x) => x.grant.id === id);
    if (!r) throw new Error(`no grant ${id}`);
    return r;
  };
  const status = (id: string) =>
    Object.fromEntries(
      row(id).compliance.rows.map((r) => [
        r.indicator,
        [r.status, r.actual?.toString() ?? null, r.shortfall?.toString() ?? null],
      ]),
    );

  it('G01 (石门, 17.06 亩, 91330483103121083Q): every commitment met', () => {
    expect(status('TX2018-G01')).toEqual({
      investmentIntensity: ['met', '300000/853', null], // 6000 / 17.06
      taxPerMu: ['met', '30000/853', null], // 600 / 17.06 = 35.17
      valueAddedPerEnergy: ['met', '2', null],
      valueAddedPerEmission: ['met', '1000', null],
      rdShare: ['met', '3', null],
    });
    expect(row('TX2018-G01').compliance.verdict).toBe('compliant');
  });

  it('G02 (大麻, 37.12 亩, 91330483124333691B): tax short by 355/116 万元/亩 = 113.6 万元; 15 days late', () => {
    expect(status('TX2018-G02').taxPerMu).toEqual(['short', '3125/116', '355/116']);
    const tax = row('TX2018-G02').compliance.rows.find((r) => r.indicator === 'taxPerMu');
    expect(tax?.shortfallTotal?.toDecimal('wanYuan').toFixed()).toBe('113.6'); // 30 × 37.12 − 1000
    expect(row('TX2018-G02').compliance.verdict).toBe('shortfall');
    const [cash, late] = row('TX2018-G02').penalties;
    expect(cash?.amount?.toDecimal('wanYuan').toFixed()).toBe('113.6');
    expect([late?.days, late?.amount?.toDecimal('wanYuan').toFixed()]).toEqual([15, '3.6']); // 15 × 0.2‰ × 1200
  });

  it('G03 (高桥, 30.22 亩, 91330483104933606W): investment, energy and R&D short, each by an exact amount', () => {
    expect(status('TX2018-G03')).toEqual({
      investmentIntensity: ['short', '450000/1511', '3300/1511'], // 300 − 9000/30.22; × 30.22 = 66 万元
      taxPerMu: ['met', '50000/1511', null],
      valueAddedPerEnergy: ['short', '6/5', '3/10'], // 1.2 against 1.5
      valueAddedPerEmission: ['met', '1200', null],
      rdShare: ['short', '2', '1/2'], // 2% against 2.5%
    });
    const inv = row('TX2018-G03').compliance.rows.find((r) => r.indicator === 'investmentIntensity');
    expect(inv?.shortfallTotal?.toDecimal('wanYuan').toFixed()).toBe('66');
    expect(row('TX2018-G03').penalties.map((p) => p.applies)).toEqual([false, false]);
  });

  it('G04 (河山, 8.81 亩): in production from 2020, its 达产复核 is for 2022: not due', () => {
    expect(row('TX2018-G04').compliance.verdict).toBe('notDue');
    expect(row('TX2018-G04').compliance.rows.find((r) => r.indicator === 'taxPerMu')?.checkYear).toBe(2022);
  });

  it('lists the grants due in 2021 and counts the 亩 re-supplied in 2018 per town', () => {
    expect(checked.due.map((d) => [d.grantId, d.stage])).toEqual([
      ['TX2018-G01', 'production'],
      ['TX2018-G02', 'production'],
      ['TX2018-G03', 'production'],
    ]);
    expect(resupply.area.toDecimal('mu').toFixed()).toBe('93.21');
    expect(resupply.towns.map((t) => [t.townCode, t.area.toDecimal('mu').toFixed()])).toEqual([
      ['330483003000', '30.22'],
      ['330483106000', '37.12'],
      ['330483107000', '8.81'],
      ['330483108000', '17.06'],
    ]);
  });

  it('prints a report', () => {
    expect(formatGrants(checked)).toContain('113.60');
  });

  it('refuses a grant of land not yet accepted (验收) in the ledger, and one outside the writer’s towns, changing nothing', async () => {
    const before = await repository.listAudit();
    const notAccepted = {
      ...GRANTS_2018[0],
      id: 'TX2018-G05',
      parcelId: 'SM-TT-024',
      grantedOn: '2018-02-01',
      signedOn: '2018-02-01',
      agreedStartOn: '2018-02-01',
      startedOn: '2018-02-01',
    };
    await expect(
      saveGrants(repository, { city: '330483', grants: [notAccepted] }, { ctx: { actor: 't' }, authorize: () => {} }),
    ).rejects.toThrow(/grants.0.parcelId: .*grant.parcelNotVacated/);
    const refuse = (scope: { townCodes: readonly string[] }) => {
      if (scope.townCodes.some((t) => t !== '330483108000')) throw new Error('not your town');
    };
    await expect(
      saveGrants(repository, { city: '330483', grants: [GRANTS_2018[1]] }, { ctx: { actor: 't' }, authorize: refuse }),
    ).rejects.toThrow('not your town');
    await expect(
      saveGrants(
        repository,
        { city: '330483', grants: [{ ...GRANTS_2018[0], area: 1.5 }] },
        { ctx: { actor: 't' }, authorize: () => {} },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await repository.listAudit()).toEqual(before);
  });
});
