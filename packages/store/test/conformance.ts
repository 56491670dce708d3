import {
  ANNUAL_DATA_FIELDS,
  fileObjection,
  finalizeRun,
  InvalidTransitionError,
  parseEvaluationScheme,
  publishRun,
  type Repository,
  resolveObjection,
  startRun,
  summarizeRun,
  ValidationError,
  type WriteContext,
  yearlyStatistics,
} from '@mujun/core';
import {
  evaluateCity,
  evaluatePopulation,
  evaluationPopulation,
  fileRunObjection,
  publishEvaluationRun,
  resolveRunObjection,
  startEvaluationRun,
} from '@mujun/core/cycle';
import { grantToJson, type LandGrantInput, TONGXIANG_2023_LISTINGS } from '@mujun/core/grants';
import {
  type AnnualDataColumns,
  amountAt,
  annualDataColumns,
  registryToInput,
  runResultKey,
} from '@mujun/core/internal';
import { annualDataToInput } from '@mujun/core/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIMEN, smallEvents, smallRegistry, uscc, ZHOUQUAN } from './fixtures';

export interface Backend {
  readonly repository: Repository;
  /** Opens a second handle on the same data (another store instance), if the backend can. */
  reopen?(): Promise<Backend>;
  close(): Promise<void>;
}

const ctx = { actor: 'test:conformance', requestId: 'req-1' };

/** One suite, every backend: the in-memory reference, PGlite and PostgreSQL must agree. */
export function repositoryConformance(name: string, open: () => Promise<Backend>): void {
  describe(`repository conformance: ${name}`, () => {
    let backend: Backend;
    let repo: Repository;
    beforeEach(async () => {
      backend = await open();
      repo = backend.repository;
    });
    afterEach(async () => {
      await backend.close();
    });

    async function seed() {
      const data = smallRegistry();
      await repo.saveRegion(data.region, ctx);
      await repo.saveRecords('330483', data, ctx);
      return data;
    }

    it('saves a region with its towns in order', async () => {
      await repo.saveRegion(smallRegistry().region, ctx);
      const region = await repo.getRegion('330483');
      expect(region?.towns.map((t) => t.name)).toEqual([
        '梧桐',
        '凤鸣',
        '高桥',
        '乌镇',
        '濮院',
        '屠甸',
        '崇福',
        '洲泉',
        '大麻',
        '河山',
        '石门',
      ]);
      expect((await repo.listRegions()).map((r) => r.code)).toEqual(['330483']);
      expect(await repo.getRegion('330482')).toBeUndefined();
    });

    it('round-trips every record exactly', async () => {
      const data = await seed();
      const registry = await repo.loadRegistry('330483');
      if (!registry) throw new Error('no registry');
      const back = registryToInput(registry);
      expect(back.enterprises).toHaveLength(4);
      expect(back.annualData).toHaveLength(8);
      const p2 = back.parcels?.find((p) => (p as { id: string }).id === 'SM-002');
      expect(p2).toEqual(data.parcels[1]);
      const a = registry.annualData.get(`${uscc(3)}:2018`);
      expect(a?.tax?.toDecimal('wanYuan').toFixed()).toBe('31.25');
      expect(a?.energy?.toDecimal('tce').toFixed()).toBe('100.001');
      expect([
        a?.sales?.toDecimal('wanYuan').toFixed(),
        a?.water?.toDecimal().toFixed(),
        a?.cod?.toDecimal().toFixed(),
      ]).toEqual(['2400.5', '1500', '0.75']);
      expect(registry.annualData.get(`${uscc(4)}:2018`)?.landArea).toBeUndefined();
      expect(registry.parks.get('SM-P1')?.phases[0]?.floorArea.toDecimal('squareMetre').toFixed()).toBe('52000.5');
      expect(registry.enterprises.get(uscc(1))?.fourWithout).toEqual(['noLicence']);
    });

    it('replaces records by key and keeps the rest', async () => {
      await seed();
      await repo.saveRecords(
        '330483',
        { annualData: [{ uscc: uscc(1), year: 2018, scale: 'belowDesignatedSize', tax: '99' }] },
        ctx,
      );
      const [d] = await repo.listAnnualData({ year: 2018, usccs: [uscc(1)] });
      expect(d?.tax?.toDecimal('wanYuan').toFixed()).toBe('99');
      expect(d?.revenue).toBeUndefined();
      expect(await repo.listAnnualData({ year: 2018 })).toHaveLength(4);
    });

    /** Every cell of columns as exact decimal text (NaN-free, wide values included), for comparison. */
    const cells = (c: AnnualDataColumns) =>
      Array.from({ length: c.length }, (_, i) => ({
        uscc: c.uscc[i],
        year: c.year[i],
        scale: c.scale[i],
        ...Object.fromEntries(ANNUAL_DATA_FIELDS.map((f) => [f, amountAt(c.fields[f], i)?.toString() ?? null])),
      }));

    it("reads annual data as the engine's columns equal to the records made columns (wide values too)", async () => {
      await seed();
      // Beyond the column scale (7 decimals), beyond 2^53 scaled units, negative, and fields left out.
      const odd = [
        { uscc: uscc(1), year: 2018, scale: 'belowDesignatedSize', tax: '0.1234567', landArea: '3.5' },
        { uscc: uscc(2), year: 2018, scale: 'aboveDesignatedSize', tax: '-12.5', revenue: '123456789012.123456' },
      ];
      await repo.saveRecords('330483', { annualData: odd }, ctx);
      if (!repo.listAnnualDataColumns) throw new Error('the repository has no listAnnualDataColumns');
      for (const query of [
        { year: 2018, regionCode: '330483' },
        { year: 2017, regionCode: '330483' },
        { year: 2018 },
        { year: 2018, usccs: [uscc(2), uscc(3)] },
        { year: 2016, regionCode: '330483' },
      ]) {
        const columns = await repo.listAnnualDataColumns(query);
        const records = annualDataColumns(await repo.listAnnualData(query));
        expect(cells(columns)).toEqual(cells(records));
        expect(columns.length).toBe(records.length);
      }
      const c = await repo.listAnnualDataColumns({ year: 2018, regionCode: '330483' });
      const row = c.uscc.indexOf(uscc(2));
      expect(c.fields.revenue.wide.get(row)?.toDecimal().toFixed()).toBe('123456789012.123456');
      expect(
        amountAt(c.fields.tax, c.uscc.indexOf(uscc(1)))
          ?.toDecimal()
          .toFixed(),
      ).toBe('0.1234567');
      // The columnar population (evaluateCity) gives what the record path gives.
      const scheme = parseEvaluationScheme({ ...runScheme, id: 'columns-test' });
      const region = (await repo.getRegion('330483')) ?? fail();
      const byRecords = evaluatePopulation(
        region,
        scheme,
        evaluationPopulation(
          {
            enterprises: await repo.listEnterprises({ regionCode: '330483' }),
            annualData: await repo.listAnnualData({ year: 2018, regionCode: '330483' }),
            parcels: await repo.listParcels('330483'),
          },
          scheme,
        ),
      );
      const byColumns = await evaluateCity(repo, '330483', scheme);
      expect(byColumns.result).toEqual(byRecords.result);
      expect(byColumns.summary).toEqual(byRecords.summary);
      expect(byColumns.population.withoutData).toBe(byRecords.population.withoutData);
    });

    it('upserts a batch large enough to be staged with COPY, text with commas and quotes, arrays and all', async () => {
      await seed();
      const n = 1200;
      const firm = (i: number) => ({
        uscc: uscc(100 + i),
        name: `企业 "${i}", 桐乡`,
        townCode: SHIMEN,
        industry: '17',
        registeredOn: '2018-01-01',
        ...(i % 2 === 0 ? { flags: ['zombie'] } : {}),
      });
      const year = (i: number, tax: string) => ({ uscc: uscc(100 + i), year: 2018, scale: 'belowDesignatedSize', tax });
      const firms = Array.from({ length: n }, (_, i) => firm(i));
      await repo.saveRecords('330483', { enterprises: firms, annualData: firms.map((_, i) => year(i, `${i}.5`)) }, ctx);
      // Again, every row now an update: the last write wins, the other years stay.
      await repo.saveRecords('330483', { annualData: firms.map((_, i) => year(i, `${i}.25`)) }, ctx);
      const registry = (await repo.loadRegistry('330483')) ?? fail();
      expect(registry.enterprises.size).toBe(4 + n);
      expect(registry.enterprises.get(uscc(107))).toMatchObject({ name: '企业 "7", 桐乡' });
      expect(registry.enterprises.get(uscc(108))?.flags).toEqual(['zombie']);
      const rows = await repo.listAnnualData({ year: 2018 });
      expect(rows).toHaveLength(4 + n);
      expect(
        rows
          .find((d) => d.uscc === uscc(100 + 777))
          ?.tax?.toDecimal('wanYuan')
          .toFixed(),
      ).toBe('777.25');
      expect(await repo.listAnnualData({ year: 2017 })).toHaveLength(4);
      // One batch of stored rows (updated) and new ones (COPYed in): each lands once, exactly.
      const mixed = firms.flatMap((_, i) =>
        i % 2 === 0 ? [year(i, `${i}.125`)] : [{ ...year(i, `${i}.375`), year: 2019 }],
      );
      await repo.saveRecords('330483', { annualData: mixed }, ctx);
      const tax = async (y: number, i: number) =>
        (await repo.listAnnualData({ year: y }))
          .find((d) => d.uscc === uscc(100 + i))
          ?.tax?.toDecimal('wanYuan')
          .toFixed();
      expect(await tax(2018, 776)).toBe('776.125');
      expect(await tax(2018, 777)).toBe('777.25');
      expect(await tax(2019, 777)).toBe('777.375');
      expect(await tax(2019, 776)).toBeUndefined();
      expect(await repo.listAnnualData({ year: 2018 })).toHaveLength(4 + n);
      expect(await repo.listAnnualData({ year: 2019 })).toHaveLength(n / 2);
    });

    it('rejects a batch with one bad record whole, naming the field, and changes nothing', async () => {
      await seed();
      const before = registryToInput((await repo.loadRegistry('330483')) ?? fail());
      const auditBefore = await repo.listAudit();
      const good = { uscc: uscc(9), name: '新企业', townCode: SHIMEN, industry: '17', registeredOn: '2018-01-01' };
      const bad = { ...good, uscc: uscc(10), townCode: '330483999000' };
      const err = await repo.saveRecords('330483', { enterprises: [good, bad] }, ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]).toMatchObject({
        // The path points into the changes given, not into the merged registry.
        field: 'enterprises.1.townCode',
        rule: 'reference.town',
      });
      expect(registryToInput((await repo.loadRegistry('330483')) ?? fail())).toEqual(before);
      expect(await repo.listAudit()).toEqual(auditBefore);
    });

    it('refuses a parcel reference that does not exist and a region that does not exist', async () => {
      await seed();
      const e = {
        uscc: uscc(11),
        name: 'x',
        townCode: SHIMEN,
        industry: '17',
        registeredOn: '2018-01-01',
        parcelIds: ['NOPE'],
      };
      await expect(repo.saveRecords('330483', { enterprises: [e] }, ctx)).rejects.toThrow(/parcel NOPE does not exist/);
      await expect(repo.saveRecords('110101', { enterprises: [] }, ctx)).rejects.toThrow(
        /region 110101 does not exist/,
      );
    });

    // The memory and SQL repositories once drifted here: SQL threw a plain Error after writing
    // (rolled back) and memory accepted any actor. Both now check the actor first (checkWriteContext).
    it('refuses every write without an actor as a ValidationError naming actor, and changes nothing', async () => {
      const data = await seed();
      const before = registryToInput((await repo.loadRegistry('330483')) ?? fail());
      const auditBefore = await repo.listAudit();
      const registry = (await repo.loadRegistry('330483')) ?? fail();
      const start = startRun({
        id: 'run-noactor',
        regionCode: '330483',
        scheme: runScheme,
        input: { enterprises: [...registry.enterprises.values()], annualData: [...registry.annualData.values()] },
        by: admin('2019-03-01T02:00:00.000Z'),
      });
      for (const actor of [undefined, '', '  ']) {
        const bad = { actor } as unknown as WriteContext;
        const writes: [string, () => Promise<unknown>][] = [
          ['saveRegion', () => repo.saveRegion({ ...data.region, name: '改名' }, bad)],
          ['saveRecords', () => repo.saveRecords('330483', { annualData: [{ ...data.annualData[0], tax: '1' }] }, bad)],
          ['appendEvents', () => repo.appendEvents('330483', smallEvents(), {}, bad)],
          ['importRegion', () => repo.importRegion({ region: { ...data.region, code: '330482' } }, [], bad)],
          ['saveTargets', () => repo.saveTargets('330483', 2019, { targets: [] }, bad)],
          ['saveScheme', () => repo.saveScheme(runScheme, bad)],
          ['createRun', () => repo.createRun(start, bad)],
          ['updateRun', () => repo.updateRun(start, bad)],
        ];
        for (const [what, write] of writes) {
          const err = await write().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err, `${what} with actor ${JSON.stringify(actor)}`).toBeInstanceOf(ValidationError);
          expect((err as ValidationError).issues).toEqual([
            { field: 'actor', rule: 'repository.actor', message: expect.stringMatching(/actor/) },
          ]);
        }
      }
      expect(registryToInput((await repo.loadRegistry('330483')) ?? fail())).toEqual(before);
      expect(await repo.ledgerVersion('330483')).toBe(0);
      expect(await repo.getRegion('330482')).toBeUndefined();
      expect(await repo.listTargets('330483', 2019)).toBeUndefined();
      expect(await repo.getRun('run-noactor')).toBeUndefined();
      expect(await repo.listAudit()).toEqual(auditBefore);
    });

    it('names a missing region the same way for every write, before a version check', async () => {
      await seed();
      const refusals = [
        () => repo.saveRecords('330482', { enterprises: [] }, ctx),
        () => repo.appendEvents('330482', smallEvents(), { expectedVersion: 3 }, ctx),
        () => repo.saveTargets('330482', 2019, { targets: [] }, ctx),
      ];
      for (const refuse of refusals) {
        const err = await refuse().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues).toEqual([
          { field: 'regionCode', rule: 'reference.region', message: 'region 330482 does not exist' },
        ]);
      }
      const exists = await repo.importRegion(smallRegistry(), [], ctx).catch((e: unknown) => e);
      expect((exists as ValidationError).issues).toEqual([
        {
          field: 'regionCode',
          rule: 'import.regionExists',
          message: '330483 already holds data; add to it with saveRecords and appendEvents',
        },
      ]);
    });

    it('gets enterprises in the order asked, for dataloaders', async () => {
      await seed();
      const got = await repo.getEnterprises([uscc(3), uscc(99), uscc(1)]);
      expect(got.map((e) => e?.uscc)).toEqual([uscc(3), undefined, uscc(1)]);
    });

    it('pages enterprises of a town by USCC', async () => {
      await seed();
      const page1 = await repo.listEnterprises({ regionCode: '330483', first: 3 });
      expect(page1.map((e) => e.uscc)).toEqual([uscc(1), uscc(2), uscc(3)].sort());
      const page2 = await repo.listEnterprises({ regionCode: '330483', first: 3, after: page1[2]?.uscc ?? '' });
      expect(page2).toHaveLength(1);
      const zq = await repo.listEnterprises({ regionCode: '330483', townCode: ZHOUQUAN });
      expect(zq.map((e) => e.uscc).sort()).toEqual([uscc(3), uscc(4)].sort());
    });

    it('lists parcels, parks and annual data of a year', async () => {
      await seed();
      expect((await repo.listParcels('330483')).map((p) => p.id)).toEqual(['SM-001', 'SM-002', 'ZQ-001']);
      expect((await repo.listParks('330483')).map((p) => p.name)).toEqual(['石门小微企业园']);
      const y2017 = await repo.listAnnualData({ year: 2017, regionCode: '330483' });
      expect(y2017.map((d) => d.tax?.toDecimal('wanYuan').toFixed())).toEqual(
        [uscc(1), uscc(2), uscc(3), uscc(4)]
          .map((u, i) => ({ u, tax: `${(i + 1) * 10}.25` }))
          .sort((a, b) => (a.u < b.u ? -1 : 1))
          .map((x) => x.tax),
      );
    });

    it('audits every write with actor and request', async () => {
      await seed();
      await repo.appendEvents('330483', smallEvents(), {}, { actor: 'operator:石门' });
      const trail = await repo.listAudit();
      expect(trail.map((a) => [a.seq, a.actor, a.requestId, a.action])).toEqual([
        [1, 'test:conformance', 'req-1', 'saveRegion'],
        [2, 'test:conformance', 'req-1', 'saveRecords'],
        [3, 'operator:石门', null, 'appendEvents'],
      ]);
      expect(trail[2]?.detail).toEqual({ regionCode: '330483', fromVersion: 0, toVersion: 7, applied: 7, skipped: 0 });
      expect(trail[1]?.detail).toMatchObject({ enterprises: 4, annualData: 8 });
      expect(trail[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('records a batch of events and counts the version', async () => {
      await seed();
      expect(await repo.ledgerVersion('330483')).toBe(0);
      const r = await repo.appendEvents('330483', smallEvents(), {}, ctx);
      expect(r).toMatchObject({ ok: true, version: 7, skipped: [] });
      const ledger = await repo.loadLedger('330483');
      expect(ledger?.version).toBe(7);
      const stats = ledger ? yearlyStatistics(ledger, 2018) : undefined;
      expect(stats?.figures.map((f) => f.value)).toEqual(['2', '2', '0', '45', '0', '52000.5', '1']);
    });

    it('replaying a recorded batch changes nothing; the same id with other content is an error', async () => {
      await seed();
      await repo.appendEvents('330483', smallEvents(), {}, ctx);
      const again = await repo.appendEvents('330483', smallEvents(), {}, ctx);
      expect(again).toMatchObject({ ok: true, version: 7, applied: [] });
      if (again.ok) expect(again.skipped).toHaveLength(7);
      const changed = { ...smallEvents()[4], items: 3 };
      const r = await repo.appendEvents('330483', [changed], {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok && r.reason === 'invalid')
        expect(r.errors[0]).toMatchObject({ eventId: 'E5', rule: 'event.idConflict' });
      expect(await repo.ledgerVersion('330483')).toBe(7);
    });

    it('rejects a batch with one invalid event whole, one error per bad event', async () => {
      await seed();
      const events = smallEvents();
      const bad = [
        ...events.slice(0, 3),
        { ...events[3], area: '46' },
        ...events.slice(4),
        { ...events[4], id: 'E8', townCode: '330483999000' },
      ];
      const r = await repo.appendEvents('330483', bad, {}, ctx);
      expect(r.ok).toBe(false);
      if (r.ok || r.reason !== 'invalid') throw new Error('expected invalid');
      expect(r.errors.map((e) => e.eventId)).toEqual(['E4', 'E8']);
      expect(r.errors[0]?.field).toBe('area');
      expect(await repo.ledgerVersion('330483')).toBe(0);
      expect((await repo.loadLedger('330483'))?.events()).toEqual([]);
      expect((await repo.listAudit()).map((a) => a.action)).not.toContain('appendEvents');
    });

    it('refuses a stale expected version as a conflict and writes nothing', async () => {
      await seed();
      const events = smallEvents();
      await repo.appendEvents('330483', events.slice(0, 2), { expectedVersion: 0 }, ctx);
      const stale = await repo.appendEvents('330483', events.slice(2, 4), { expectedVersion: 0 }, ctx);
      expect(stale).toEqual({ ok: false, reason: 'conflict', expectedVersion: 0, actualVersion: 2 });
      expect(await repo.ledgerVersion('330483')).toBe(2);
      expect(await repo.appendEvents('330483', events.slice(2, 4), { expectedVersion: 2 }, ctx)).toMatchObject({
        ok: true,
        version: 4,
      });
    });

    it('refuses a registry change that would break a recorded event', async () => {
      await seed();
      await repo.appendEvents('330483', smallEvents(), {}, ctx);
      const parcel = { ...smallRegistry().parcels[0], area: '40' };
      const err = await repo.saveRecords('330483', { parcels: [parcel] }, ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]?.field).toMatch(/^events\.E3\./);
      expect(
        (await repo.listParcels('330483'))
          .find((p) => p.id === 'SM-001')
          ?.area.toDecimal('mu')
          .toFixed(),
      ).toBe('45');
      // A harmless change still goes through, and the ledger stays whole.
      await repo.saveRecords('330483', { parcels: [{ ...parcel, area: '50' }] }, ctx);
      expect((await repo.loadLedger('330483'))?.version).toBe(7);
    });

    it('imports a whole region in one call, with progress, all or nothing', async () => {
      const data = smallRegistry();
      const bad = [...smallEvents(), { ...smallEvents()[0], id: 'E9', townCode: '330483999000' }];
      await expect(repo.importRegion(data, bad, ctx)).rejects.toThrow(ValidationError);
      expect(await repo.getRegion('330483')).toBeUndefined();
      const progress: number[] = [];
      const r = await repo.importRegion(data, smallEvents(), ctx, (p) => progress.push(p.rows));
      expect(r).toEqual({ regionCode: '330483', version: 7, rows: 1 + 11 + 1 + 3 + 4 + 8 + 7 });
      expect(progress.at(-1)).toBe(r.rows);
      expect((await repo.loadLedger('330483'))?.version).toBe(7);
      expect((await repo.loadRegistry('330483'))?.annualData.size).toBe(8);
      await expect(repo.importRegion(data, [], ctx)).rejects.toThrow(/already holds data/);
      expect((await repo.listAudit()).map((a) => a.action)).toEqual(['importRegion']);
    });

    it('two instances writing concurrently: no lost update, one of two conflicting writes is a conflict', async () => {
      await seed();
      const other = backend.reopen ? await backend.reopen() : backend;
      try {
        const workshops = (prefix: string, n: number) =>
          Array.from({ length: n }, (_, i) => ({
            type: 'lowScatteredRemediated',
            id: `${prefix}${i}`,
            date: '2018-06-01',
            townCode: SHIMEN,
            workshopName: `${prefix}作坊${i}`,
            outcome: 'closedEliminated',
          }));
        // Both read version 0 and race with it: exactly one wins.
        const raced = await Promise.all([
          repo.appendEvents('330483', workshops('A', 30), { expectedVersion: 0 }, ctx),
          other.repository.appendEvents('330483', workshops('B', 20), { expectedVersion: 0 }, ctx),
        ]);
        expect(raced.filter((r) => r.ok)).toHaveLength(1);
        const lost = raced.find((r) => !r.ok);
        expect(lost).toMatchObject({ ok: false, reason: 'conflict', expectedVersion: 0 });
        const after = await repo.ledgerVersion('330483');
        expect([20, 30]).toContain(after);
        // Without an expected version both batches land, one after the other.
        const both = await Promise.all([
          repo.appendEvents('330483', workshops('C', 15), {}, ctx),
          other.repository.appendEvents('330483', workshops('D', 25), {}, ctx),
        ]);
        expect(both.every((r) => r.ok)).toBe(true);
        expect(await other.repository.ledgerVersion('330483')).toBe(after + 40);
        expect((await repo.loadLedger('330483'))?.version).toBe(after + 40);
      } finally {
        if (other !== backend) await other.close();
      }
    });

    it('lets a second instance see writes and conflicts of the first', async () => {
      if (!backend.reopen) return;
      await seed();
      const other = await backend.reopen();
      try {
        const events = smallEvents();
        await repo.appendEvents('330483', events.slice(0, 3), {}, ctx);
        expect(await other.repository.ledgerVersion('330483')).toBe(3);
        // The other instance's cached view must not hide the first one's write.
        await other.repository.appendEvents('330483', events.slice(3, 5), {}, ctx);
        expect((await repo.loadLedger('330483'))?.version).toBe(5);
        const r = await other.repository.appendEvents('330483', events.slice(5), { expectedVersion: 3 }, ctx);
        expect(r).toMatchObject({ ok: false, reason: 'conflict', actualVersion: 5 });
      } finally {
        await other.close();
      }
    });

    it('saves a target set with its ranking per region and year, validated, replaced whole, audited', async () => {
      await seed();
      const set = {
        targets: [
          {
            id: 'ls-2018',
            measure: 'lowScatteredRemediated',
            period: { from: '2018-01-01', to: '2018-12-31' },
            value: '300',
            children: [
              { id: 'ls-2018-SM', townCode: SHIMEN, value: '200' },
              { id: 'ls-2018-ZQ', townCode: ZHOUQUAN, value: '100' },
            ],
          },
        ],
        ranking: { cap: '1.5', components: [{ key: 'ls', weight: '100', targetId: 'ls-2018' }] },
      };
      expect(await repo.listTargets('330483', 2018)).toBeUndefined();
      await repo.saveTargets('330483', 2018, set, ctx);
      expect(await repo.listTargets('330483', 2018)).toEqual({ regionCode: '330483', year: 2018, ...set });
      expect(await repo.listTargets('330483', 2019)).toBeUndefined();
      // A bad set (unknown town, ranking naming a missing target) is refused whole: the old one stays.
      const bad = {
        targets: [{ ...set.targets[0], children: [{ id: 'x', townCode: '330483999000', value: '1' }] }],
        ranking: { components: [{ key: 'ls', weight: '100', targetId: 'nope' }] },
      };
      const auditBefore = await repo.listAudit();
      const err = await repo.saveTargets('330483', 2018, bad, ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => i.rule)).toEqual(['reference.town', 'reference.target']);
      expect(await repo.listAudit()).toEqual(auditBefore);
      expect((await repo.listTargets('330483', 2018))?.ranking).toEqual(set.ranking);
      await expect(repo.saveTargets('110101', 2018, set, ctx)).rejects.toThrow(/region 110101 does not exist/);
      // A 预警规则 is kept as saved (thresholds or a preset id); a bad one is refused with its field.
      const warning = { id: 'strict', yellowFrom: '5', redAbove: '20' };
      await repo.saveTargets('330483', 2018, { ...set, warning }, ctx);
      expect((await repo.listTargets('330483', 2018))?.warning).toEqual(warning);
      const badWarning = await repo
        .saveTargets('330483', 2018, { ...set, warning: { id: 'w', yellowFrom: '30', redAbove: '10' } }, ctx)
        .catch((e: unknown) => e);
      expect((badWarning as ValidationError).issues.map((i) => `${i.field} ${i.rule}`)).toEqual([
        'warning.redAbove warning.order',
      ]);
      expect((await repo.listTargets('330483', 2018))?.warning).toEqual(warning);
      // Replacing drops the ranking and the warning rule when the new set has none.
      await repo.saveTargets('330483', 2018, { targets: set.targets }, ctx);
      expect(await repo.listTargets('330483', 2018)).toEqual({
        regionCode: '330483',
        year: 2018,
        targets: set.targets,
      });
      expect((await repo.listAudit()).slice(-2).map((a) => [a.action, a.detail])).toEqual([
        ['saveTargets', { regionCode: '330483', year: 2018, targets: 1, ranking: true }],
        ['saveTargets', { regionCode: '330483', year: 2018, targets: 1, ranking: false }],
      ]);
    });

    it('saves land grants (标准地) exactly, replaced by id, listed by town and grantee, audited; a bad batch changes nothing', async () => {
      await seed();
      const [a, b, c] = TONGXIANG_2023_LISTINGS as [LandGrantInput, LandGrantInput, LandGrantInput];
      const granted = { ...b, granteeUscc: uscc(3).toLowerCase(), transactionPrice: '1500.5', grantedOn: '2023-06-20' };
      const saved = await repo.saveGrants('330483', [a, granted], ctx);
      expect(saved.map((g) => g.id)).toEqual(['2023-15', '2023-16']);
      const listed = await repo.listGrants({ regionCode: '330483' });
      expect(listed.map((g) => grantToJson(g))).toEqual(saved.map((g) => grantToJson(g)));
      const g16 = listed[1];
      expect(g16?.granteeUscc).toBe(uscc(3)); // canonical: upper case
      expect(g16?.area.toDecimal('mu').toFixed()).toBe('19.21662');
      expect(g16?.startPrice.toDecimal('wanYuan').toFixed()).toBe('1303');
      expect(g16?.deposit.toDecimal('wanYuan').toFixed()).toBe('140');
      expect(g16?.commitments.find((x) => x.indicator === 'valueAddedPerEmission')?.value?.toString()).toBe(
        '171531/50', // 3430.62
      );
      expect((await repo.listGrants({ regionCode: '330483', granteeUscc: uscc(3) })).map((g) => g.id)).toEqual([
        '2023-16',
      ]);
      expect(await repo.listGrants({ regionCode: '330483', townCode: SHIMEN })).toEqual([]);
      expect(await repo.listGrants({ regionCode: '110101' })).toEqual([]);
      // A batch with one bad grant (an unknown town) and one good one is refused whole.
      const auditBefore = await repo.listAudit();
      const err = await repo
        .saveGrants('330483', [c, { ...a, id: 'x', townCode: '330483999000' }], ctx)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues.map((i) => [i.field, i.rule])).toEqual([
        ['grants.1.townCode', 'grant.town'],
      ]);
      expect(await repo.listAudit()).toEqual(auditBefore);
      expect((await repo.listGrants({ regionCode: '330483' })).map((g) => g.id)).toEqual(['2023-15', '2023-16']);
      await expect(repo.saveGrants('110101', [a], ctx)).rejects.toThrow(/region 110101 does not exist/);
      await expect(repo.saveGrants('330483', [a], { actor: '' })).rejects.toThrow(/actor/);
      // Replacing by id.
      await repo.saveGrants('330483', [{ ...a, termYears: 30 }], ctx);
      expect((await repo.listGrants({ regionCode: '330483' })).map((g) => [g.id, g.termYears])).toEqual([
        ['2023-15', 30],
        ['2023-16', 49],
      ]);
      expect((await repo.listAudit()).filter((x) => x.action === 'saveGrants').map((x) => x.detail)).toEqual([
        { regionCode: '330483', grants: 2, ids: ['2023-15', '2023-16'] },
        { regionCode: '330483', grants: 1, ids: ['2023-15'] },
      ]);
    });

    it('saves evaluation schemes by id, validated by the core', async () => {
      const scheme = {
        id: 'tongxiang-test',
        name: '测试方案',
        jurisdiction: { code: '330483', name: '桐乡市' },
        year: 2018,
        cohorts: [
          {
            id: 'all',
            name: '全部',
            membership: {},
            indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '10' }],
            classification: { by: 'threshold', thresholds: [{ class: 'A', atLeast: '100' }, { class: 'B' }] },
          },
        ],
      };
      await repo.saveScheme(scheme, ctx);
      expect(await repo.getScheme('tongxiang-test')).toEqual({ id: 'tongxiang-test', document: scheme });
      expect(await repo.getScheme('nope')).toBeUndefined();
      const bad = {
        ...scheme,
        cohorts: [{ ...scheme.cohorts[0], indicators: [{ indicator: 'taxPerMu', weight: '-1', benchmark: '10' }] }],
      };
      await expect(repo.saveScheme(bad, ctx)).rejects.toThrow(/positive/);
      expect((await repo.getScheme('tongxiang-test'))?.document).toEqual(scheme);
      expect((await repo.listAudit()).map((a) => a.action)).toEqual(['saveScheme']);
    });

    // ---- evaluation runs (issue 11) -------------------------------------------------------

    const runScheme = {
      id: 'run-test',
      name: '测试方案',
      jurisdiction: { code: '330483', name: '桐乡市' },
      year: 2018,
      rounding: { report: { totals: 2, percentiles: 2 } },
      cohorts: [
        {
          id: 'all',
          name: '全部',
          membership: {},
          indicators: [{ indicator: 'taxPerMu', weight: '100', benchmark: '3' }],
          classification: {
            by: 'percentile',
            bands: [
              { class: 'A', share: '25' },
              { class: 'B', share: '50' },
              { class: 'C', share: '25' },
            ],
          },
        },
      ],
    };
    const admin = (at: string) => ({ actor: 'cityAdmin:330483:test', at });

    async function startedRun(id = 'run-1') {
      await seed();
      const registry = (await repo.loadRegistry('330483')) ?? fail();
      const start = startRun({
        id,
        regionCode: '330483',
        scheme: runScheme,
        input: { enterprises: [...registry.enterprises.values()], annualData: [...registry.annualData.values()] },
        by: admin('2019-03-01T02:00:00.000Z'),
      });
      await repo.createRun(start, ctx);
      return start;
    }

    it('stores a run and its results exactly (NUMERIC reported, fractions exact)', async () => {
      const start = await startedRun();
      expect(await repo.getRun('run-1')).toEqual(start.run);
      const results = await repo.loadRunResults('run-1');
      expect(results).toEqual([...start.results].sort((a, b) => (a.uscc < b.uscc ? -1 : 1)));
      // 31.25万元 / 3.5亩 / 3 × 100 = 6250/21, not a finite decimal: kept as a fraction.
      expect(results.find((r) => r.uscc === uscc(3))?.total?.toString()).toBe('6250/21');
      expect(results.map((r) => [r.rank, r.class])).toEqual([
        [3, 'B'],
        [2, 'B'],
        [1, 'A'],
        [4, 'C'],
      ]);
      expect(await repo.getRunResults('run-1', [uscc(2), uscc(9)])).toEqual([
        start.results.find((r) => r.uscc === uscc(2)),
        undefined,
      ]);
      expect((await repo.listRuns({ regionCode: '330483', year: 2018 })).map((r) => r.id)).toEqual(['run-1']);
      expect(await repo.listRuns({ regionCode: '330483', year: 2017 })).toEqual([]);
      await expect(repo.createRun(start, ctx)).rejects.toThrow(ValidationError);
      expect((await repo.listAudit()).at(-1)).toMatchObject({ action: 'evaluationRun.start' });
    });

    it('pages results by rank and by USCC with town, cohort and class filters; counts classes', async () => {
      await startedRun();
      const page1 = await repo.listRunResults('run-1', { orderBy: 'rank', first: 2 });
      expect(page1.map((r) => r.rank)).toEqual([1, 2]);
      const after = runResultKey(page1[1] ?? fail(), 'rank');
      const page2 = await repo.listRunResults('run-1', { orderBy: 'rank', first: 5, after });
      expect(page2.map((r) => r.rank)).toEqual([3, 4]);
      expect((await repo.listRunResults('run-1', { townCode: SHIMEN })).map((r) => r.uscc)).toEqual([uscc(1), uscc(2)]);
      expect((await repo.listRunResults('run-1', { class: 'B', orderBy: 'rank' })).map((r) => r.uscc)).toEqual([
        uscc(2),
        uscc(1),
      ]);
      expect(await repo.listRunResults('run-1', { cohortId: 'none' })).toEqual([]);
      expect((await repo.listRunResults('run-1', { after: uscc(2) })).map((r) => r.uscc)).toEqual([uscc(3), uscc(4)]);
      const summary = summarizeRun(await repo.countRunClasses('run-1'));
      expect(summary.total).toEqual({ A: 1, B: 2, C: 1, D: 0, T: 0, none: 0 });
      expect(summary.byTown[ZHOUQUAN]).toMatchObject({ A: 1, C: 1 });
    });

    it('stores transitions; refuses stale revisions, changes to final runs and a second final run', async () => {
      const start = await startedRun();
      const published = publishRun(
        start.run,
        { from: '2019-03-05', to: '2019-03-11' },
        admin('2019-03-04T01:00:00.000Z'),
      );
      await repo.updateRun({ run: published, results: [] }, ctx);
      const firm = start.results.find((r) => r.uscc === uscc(1));
      const filed = fileObjection(
        published,
        firm,
        { uscc: uscc(1), category: 'landArea', reason: '用地面积有误' },
        { actor: 'townOperator:330483108000:li', at: '2019-03-06T01:00:00.000Z' },
      );
      await repo.updateRun({ run: filed, results: [] }, ctx);
      // Based on an older revision: refused, nothing written.
      await expect(repo.updateRun({ run: published, results: [] }, ctx)).rejects.toThrow(InvalidTransitionError);
      const raised = resolveObjection(
        filed,
        { objectionId: 'run-1.1', outcome: 'override', reason: '核实后提档', overrideClass: 'A' },
        admin('2019-03-12T01:00:00.000Z'),
        { firm },
      );
      await repo.updateRun(raised, ctx);
      expect(await repo.getRun('run-1')).toEqual(raised.run);
      expect((await repo.getRunResults('run-1', [uscc(1)]))[0]).toMatchObject({ computedClass: 'B', class: 'A' });
      expect(summarizeRun(await repo.countRunClasses('run-1')).total).toMatchObject({ A: 2, B: 1 });

      const final = finalizeRun(raised.run, [], admin('2019-03-12T02:00:00.000Z'));
      await repo.updateRun({ run: final, results: [] }, ctx);
      expect((await repo.getRun('run-1'))?.status).toBe('final');
      const again = { ...final, revision: final.revision + 1 };
      await expect(repo.updateRun({ run: again, results: [] }, ctx)).rejects.toThrow(/final/);

      // Another run of the same scheme, year and region cannot also become final.
      const registry = (await repo.loadRegistry('330483')) ?? fail();
      const second = startRun({
        id: 'run-2',
        regionCode: '330483',
        scheme: runScheme,
        input: { enterprises: [...registry.enterprises.values()], annualData: [...registry.annualData.values()] },
        by: admin('2019-03-13T02:00:00.000Z'),
      });
      await repo.createRun(second, ctx);
      const p2 = publishRun(second.run, { from: '2019-03-13', to: '2019-03-17' }, admin('2019-03-13T03:00:00.000Z'));
      await repo.updateRun({ run: p2, results: [] }, ctx);
      const f2 = finalizeRun(p2, [], admin('2019-03-20T03:00:00.000Z'));
      await expect(repo.updateRun({ run: f2, results: [] }, ctx)).rejects.toThrow(/one final|oneFinal/);
      expect((await repo.getRun('run-2'))?.status).toBe('publicNotice');
      expect((await repo.listAudit()).map((a) => a.action).filter((a) => a.startsWith('evaluationRun'))).toEqual([
        'evaluationRun.start',
        'evaluationRun.publish',
        'evaluationRun.fileObjection',
        'evaluationRun.resolveObjection',
        'evaluationRun.finalize',
        'evaluationRun.start',
        'evaluationRun.publish',
      ]);
    });

    it('resolves an objection with a correction: the record and the run in one transaction (cycle steps)', async () => {
      await seed();
      await repo.saveScheme(runScheme, ctx);
      const city = admin('2019-03-01T02:00:00.000Z');
      const { run } = await startEvaluationRun(
        repo,
        { regionCode: '330483', schemeId: 'run-test', year: 2018, id: 'run-c' },
        city,
      );
      await publishEvaluationRun(repo, { runId: 'run-c', notice: { from: '2019-03-05', to: '2019-03-11' } }, city);
      // Ids in another spelling name the same run and firm (NFKC, trim, upper case).
      const filed = await fileRunObjection(
        repo,
        { runId: ' run-c ', uscc: ` ${uscc(1).toLowerCase()} `, category: 'landArea', reason: '用地面积应为0.5亩' },
        { actor: 'townOperator:330483108000:li', at: '2019-03-06T01:00:00.000Z' },
      );
      expect(filed.objection).toMatchObject({ id: 'run-c.1', uscc: uscc(1) });
      const [record] = await repo.listAnnualData({ year: 2018, usccs: [uscc(1)] });
      const corrected = { ...annualDataToInput(record ?? fail()), landArea: '0.5' };
      const review = admin('2019-03-12T01:00:00.000Z');
      const request = { objectionId: 'run-c.1', outcome: 'correction', reason: '核实更正', annualData: corrected };
      const before = await repo.getRun('run-c');

      // The run moved on since it was read: the correction's record is not written either.
      const current = (await repo.getRun('run-c')) ?? fail();
      const stale = { run: { ...current, revision: current.revision + 5 }, results: [] };
      await expect(repo.updateRun(stale, ctx, { records: { annualData: [corrected] } })).rejects.toThrow(
        InvalidTransitionError,
      );
      expect((await repo.listAnnualData({ year: 2018, usccs: [uscc(1)] }))[0]?.landArea?.toString()).toBe(
        record?.landArea?.toString(),
      );
      // A record that does not validate: the run is not written either.
      const next = { run: { ...current, revision: current.revision + 1 }, results: [] };
      await expect(
        repo.updateRun(next, ctx, { records: { annualData: [{ ...corrected, uscc: uscc(9) }] } }),
      ).rejects.toThrow(ValidationError);
      expect(await repo.getRun('run-c')).toEqual(before);

      const resolved = await resolveRunObjection(repo, request, review);
      expect(resolved.changed.records).toBe(1);
      expect(resolved.objection.resolution).toMatchObject({ outcome: 'correction' });
      expect((await repo.listAnnualData({ year: 2018, usccs: [uscc(1)] }))[0]?.landArea?.toString()).toBe('0.5亩');
      expect((await repo.getRun('run-c'))?.dataRevision).not.toBe(run.dataRevision);
      // 41.25 (tax 2018) / 0.5亩 = 82.5 万元/亩: the firm is now the best of the run.
      expect((await repo.getRunResults('run-c', [uscc(1)]))[0]).toMatchObject({ rank: 1, class: 'A' });
      const actions = (await repo.listAudit()).map((a) => a.action);
      expect(actions.slice(-2)).toEqual(['saveRecords', 'evaluationRun.resolveObjection']);
      // A second resolution of the same objection is refused and writes nothing.
      await expect(resolveRunObjection(repo, request, review)).rejects.toThrow(/already resolved/);
    });
  });
}

function fail(): never {
  throw new Error('registry missing');
}
