import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS, migrate, openStore } from '@mujun/store';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRows } from '../src/sql-helpers';
import { smallRegistry } from './fixtures';

const ctx = { actor: 'test:store' };
let shared: PGlite | undefined;
afterAll(async () => {
  await shared?.close();
});
async function fresh(schema: string) {
  shared ??= await PGlite.create();
  return openStore({ pglite: shared, schema });
}

describe('schema', () => {
  it('holds quantities in NUMERIC only: no float or double column anywhere', async () => {
    const store = await fresh('s_numeric');
    const rows = await store.sql.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 's_numeric' AND data_type IN ('real', 'double precision', 'money')`,
    );
    expect(rows).toEqual([]);
    const numeric = await store.sql.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 's_numeric' AND data_type = 'numeric'`,
    );
    expect(numeric.length).toBeGreaterThanOrEqual(14);
  });

  it('records migrations and applies each once', async () => {
    const store = await fresh('s_migrations');
    expect(await migrate(store.sql)).toEqual([]);
    const rows = await store.sql.query<{ version: number }>('SELECT version FROM mujun_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('enforces domain rules in SQL too: a parcel area is positive', async () => {
    const store = await fresh('s_checks');
    await store.repository.saveRegion(smallRegistry().region, ctx);
    await expect(
      store.sql.query(
        `INSERT INTO parcel (id, region_code, town_code, area_mu, category) VALUES ('X', '330483', '330483108000', 0, 'inUse')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it("checks an event's town in SQL too: per statement on insert (row or COPY), and a town with events stays", async () => {
    const store = await fresh('s_event_town');
    await store.repository.saveRegion(smallRegistry().region, ctx);
    const columns = ['region_code', 'seq', 'id', 'type', 'town_code', 'date', 'canonical'];
    const row = (seq: number, town: string) => ['330483', seq, `E${seq}`, 'parkEntered', town, '2018-01-02', '{}'];
    await expect(
      store.sql.query(`INSERT INTO campaign_event (${columns.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        ...row(0, '330483999000'),
      ]),
    ).rejects.toThrow(/foreign key constraint "campaign_event_town_code_fkey"/);
    await expect(
      copyRows(store.sql, 'campaign_event', columns, [row(0, '330483108000'), row(1, '330483999000')]),
    ).rejects.toMatchObject({ code: '23503', detail: expect.stringContaining('330483999000') });
    expect(await store.sql.query('SELECT seq FROM campaign_event')).toEqual([]);
    await copyRows(store.sql, 'campaign_event', columns, [row(0, '330483108000')]);
    await expect(store.sql.query(`DELETE FROM town WHERE code = '330483108000'`)).rejects.toThrow(
      /violates foreign key constraint "campaign_event_town_code_fkey" on table "campaign_event"/,
    );
    await expect(store.sql.query(`UPDATE town SET code = '330483199000' WHERE code = '330483108000'`)).rejects.toThrow(
      /foreign key/,
    );
    // An update that keeps the code passes.
    await store.sql.query(`UPDATE town SET name = name WHERE code = '330483108000'`);
  });

  it('keeps the audit trail append-only', async () => {
    const store = await fresh('s_audit');
    await store.repository.saveRegion(smallRegistry().region, ctx);
    await expect(store.sql.query(`UPDATE audit SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(store.sql.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
    expect((await store.repository.listAudit())[0]?.actor).toBe('test:store');
  });
});

describe('PGlite data folder', () => {
  it('persists across close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mujun-pglite-'));
    try {
      const first = await openStore({ dataDir: dir });
      const data = smallRegistry();
      await first.repository.saveRegion(data.region, ctx);
      await first.repository.saveRecords('330483', data, ctx);
      await first.close();
      const second = await openStore({ dataDir: dir });
      const registry = await second.repository.loadRegistry('330483');
      expect(registry?.enterprises.size).toBe(4);
      expect(registry?.annualData.size).toBe(8);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
