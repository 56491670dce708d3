import {
  type AnnualDataQuery,
  type AppendEventsResult,
  type AppendOptions,
  type AppliedEvent,
  type AuditEntry,
  annualDataSchema,
  applyBatch,
  applyRegistryChanges,
  type CampaignLedger,
  type Enterprise,
  type EnterpriseAnnualData,
  type EnterpriseQuery,
  type EvaluationRun,
  enterpriseSchema,
  type ImportProgress,
  type ImportResult,
  type LandParcel,
  landParcelSchema,
  type Park,
  parkSchema,
  parseRegistry,
  type Region,
  type Registry,
  type RegistryChanges,
  type RegistryInput,
  type Repository,
  type RunClassCount,
  type RunResult,
  type RunResultQuery,
  regionSchema,
  type StoredScheme,
  type StoredTargetSet,
  type TargetSetInput,
  type WriteContext,
} from '@mujun/core';
import { rebindLedger, registryReferences } from '@mujun/core/campaign';
import type { DrawnAreaMembers, FirmLocation, GeometryRecord, GeometrySubject, Shape } from '@mujun/core/geo';
import type { GrantQuery, LandGrant } from '@mujun/core/grants';
import {
  type AnnualDataColumns,
  type AnnualDataRow,
  appendDetail,
  batchOptionsOf,
  type CellIssue,
  changeCounts,
  checkedImport,
  checkedScheme,
  checkedTargetSet,
  checkWriteContext,
  importRowCount,
  loadAnnualDataColumns,
  regionExists,
  registryToInput,
  replayOver,
  requireRegion,
  targetSetDetail,
  versionConflict,
} from '@mujun/core/internal';
import { annualDataKey, parseWith } from '@mujun/core/model';
import type { RunUpdateWith } from '@mujun/core/repository';
import type { RunTransition } from '@mujun/core/runs';
import { audit } from './audit';
import type { Sql } from './driver';
import { EVENT_COLUMNS, eventRow, ROLL_UP_DAILY } from './event-rows';
import * as geometry from './geometry';
import * as grants from './grants';
import { storeMessages } from './messages';
import { ANNUAL_DATA_COLUMNS, annualDataRows, type RegistryRecords, registryRows } from './record-rows';
import {
  ANNUAL_COLUMNS,
  annualFromRow,
  enterpriseFromRow,
  parcelFromRow,
  parkFromRows,
  type Row,
  regionFromRows,
} from './rows';
import * as runs from './runs';
import { drawnAreaMembersInStore, hasPostgis } from './spatial';
import { copyRows, excluded, insertMany, upsertMany } from './sql-helpers';

const ENTERPRISE_SELECT = `SELECT uscc, name, town_code, industry, registered_on::text AS registered_on, park_id, flags, four_without
  FROM enterprise`;
const PARCEL_SELECT = `SELECT id, town_code, area_mu, category, park_id, holder_uscc, supplied_on::text AS supplied_on FROM parcel`;
/** The year's annual data as strings named by field (null as ''): rows `loadAnnualDataColumns` reads. */
const ANNUAL_COLUMNS_SELECT = `SELECT a.uscc, a.year::text AS year, a.scale, ${ANNUAL_COLUMNS.map(
  ([f, c]) => `COALESCE(a.${c}::text, '') AS "${f}"`,
).join(', ')} FROM annual_data a`;
const ANNUAL_SELECT = `SELECT a.uscc, a.year, a.scale, ${ANNUAL_COLUMNS.map(([, c]) => `a.${c}`).join(', ')} FROM annual_data a`;

/** The WHERE clause of an annual-data query over `annual_data a JOIN enterprise e`. */
function annualWhere(query: AnnualDataQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [query.year];
  let where = 'a.year = $1';
  if (query.regionCode !== undefined) {
    params.push(query.regionCode);
    where += ` AND e.region_code = $${params.length}`;
  }
  if (query.usccs !== undefined) {
    params.push([...query.usccs]);
    where += ` AND a.uscc = ANY($${params.length}::text[])`;
  }
  return { where, params };
}

/**
 * The registry on PostgreSQL (PGlite or a server). Every write is one
 * transaction, serialised per region by an advisory lock, validated as a
 * whole registry by the core before anything is written, and audited.
 */
export class SqlRepository implements Repository {
  /** The last ledger seen per region, valid while version and registry revision match the database. */
  private readonly ledgers = new Map<string, { version: number; revision: number; ledger: CampaignLedger }>();
  /**
   * The last registry read or written per region, valid while the registry
   * revision matches the database: a write validates only its changes
   * against it (`applyRegistryChanges`) instead of reading and checking the
   * whole registry again. Another instance's write bumps the revision, so
   * the next read here sees it.
   */
  private readonly registries = new Map<string, { revision: number; registry: Registry }>();

  constructor(readonly sql: Sql) {}

  // ---- ledger ------------------------------------------------------------

  private async ledgerState(sql: Sql, regionCode: string): Promise<{ version: number; revision: number } | undefined> {
    const [row] = await sql.query<{ version: string | number; registry_revision: string | number }>(
      'SELECT version, registry_revision FROM ledger_state WHERE region_code = $1',
      [regionCode],
    );
    return row ? { version: Number(row.version), revision: Number(row.registry_revision) } : undefined;
  }

  /**
   * The ledger at the database's current state, replayed only when the cache
   * is stale: over `registry` when the caller holds the registry at
   * `state.revision` (a write does), else over the registry read again.
   */
  private async ledgerAt(
    sql: Sql,
    regionCode: string,
    state: { version: number; revision: number },
    registry?: Registry,
  ): Promise<CampaignLedger> {
    const cached = this.ledgers.get(regionCode);
    if (cached && cached.version === state.version && cached.revision === state.revision) return cached.ledger;
    // A write of 100k annual records would otherwise read and check its 100k enterprises a second time.
    const base = registry ?? parseRegistry(requireRegion(await this.regionInput(sql, regionCode), regionCode));
    // Events are append-only and numbered: the first `version` of them are the ledger at that version,
    // whatever a concurrent writer has committed since the state was read.
    const ledger = replayOver(base, await this.eventJson(sql, regionCode, state.version));
    if (ledger.version !== state.version) {
      throw new Error(
        `[mujun] store: ledger of ${regionCode} has ${ledger.version} events but version ${state.version}`,
      );
    }
    this.ledgers.set(regionCode, { ...state, ledger });
    return ledger;
  }

  private async eventJson(sql: Sql, regionCode: string, upTo = Number.MAX_SAFE_INTEGER): Promise<unknown[]> {
    const rows = await sql.query<{ canonical: string }>(
      'SELECT canonical FROM campaign_event WHERE region_code = $1 AND seq < $2 ORDER BY seq',
      [regionCode, upTo],
    );
    return rows.map((r) => JSON.parse(r.canonical) as unknown);
  }

  async ledgerVersion(regionCode: string): Promise<number> {
    return (await this.ledgerState(this.sql, regionCode))?.version ?? 0;
  }

  async loadLedger(regionCode: string): Promise<CampaignLedger | undefined> {
    const state = await this.ledgerState(this.sql, regionCode);
    return state ? this.ledgerAt(this.sql, regionCode, state) : undefined;
  }

  async appendEvents(
    regionCode: string,
    events: readonly unknown[],
    options: AppendOptions,
    ctx: WriteContext,
  ): Promise<AppendEventsResult> {
    checkWriteContext(ctx);
    let fresh: { version: number; revision: number; ledger: CampaignLedger } | undefined;
    const result = await this.sql.transaction(async (tx): Promise<AppendEventsResult> => {
      await lockRegion(tx, regionCode);
      const state = requireRegion(await this.ledgerState(tx, regionCode), regionCode);
      const conflict = versionConflict(options, state.version);
      if (conflict) return conflict;
      const ledger = await this.ledgerAt(tx, regionCode, state);
      const applied = applyBatch(ledger, events, batchOptionsOf(options));
      if (!applied.ok) return { ok: false, reason: 'invalid', errors: applied.errors };
      await copyRows(
        tx,
        'campaign_event',
        EVENT_COLUMNS,
        applied.applied.map((e, i) => eventRow(regionCode, ledger.version + i, e)),
      );
      const version = applied.state.version;
      if (version > ledger.version) await tx.query(ROLL_UP_DAILY, [regionCode, ledger.version, version]);
      await tx.query('UPDATE ledger_state SET version = $2 WHERE region_code = $1', [regionCode, version]);
      await audit(tx, ctx, 'appendEvents', appendDetail(regionCode, ledger.version, version, applied.skipped.length));
      fresh = { version, revision: state.revision, ledger: applied.state };
      return { ok: true, version, applied: applied.applied, skipped: applied.skipped };
    });
    // Only a committed batch may become the cached ledger.
    if (fresh) this.ledgers.set(regionCode, fresh);
    return result;
  }

  /**
   * Registry changes must keep every recorded event valid: replay (or, when
   * the changes cannot affect any event, keep `unaffected`'s events over the
   * new references), then bump the revision. Returns what to cache once the
   * transaction has committed.
   */
  private async rebaseLedger(
    tx: Sql,
    regionCode: string,
    registry: Registry,
    unaffected?: CampaignLedger,
  ): Promise<() => void> {
    await tx.query('INSERT INTO ledger_state (region_code) VALUES ($1) ON CONFLICT (region_code) DO NOTHING', [
      regionCode,
    ]);
    const ledger = unaffected
      ? rebindLedger(unaffected, registryReferences(registry))
      : replayOver(registry, await this.eventJson(tx, regionCode));
    const [row] = await tx.query<{ version: string | number; registry_revision: string | number }>(
      'UPDATE ledger_state SET registry_revision = registry_revision + 1 WHERE region_code = $1 RETURNING version, registry_revision',
      [regionCode],
    );
    const state = { version: Number(row?.version), revision: Number(row?.registry_revision) };
    return () => {
      this.ledgers.set(regionCode, { ...state, ledger });
      this.registries.set(regionCode, { revision: state.revision, registry });
    };
  }

  /**
   * The registry at the database's revision `state.revision`, from the cache
   * when it is current, else read whole and checked (and cached when `cache`,
   * i.e. read under the region lock, where the rows and the revision agree).
   */
  private async registryAt(
    sql: Sql,
    regionCode: string,
    state: { revision: number } | undefined,
    cache: boolean,
  ): Promise<Registry | undefined> {
    const cached = this.registries.get(regionCode);
    if (state && cached && cached.revision === state.revision) return cached.registry;
    const input = await this.regionInput(sql, regionCode);
    if (!input) return undefined;
    const registry = parseRegistry(input);
    if (state && cache) this.registries.set(regionCode, { revision: state.revision, registry });
    return registry;
  }

  // ---- reads -------------------------------------------------------------

  private async regionInput(sql: Sql, code: string): Promise<RegistryInput | undefined> {
    const [region] = await sql.query('SELECT code, name, valid_from, valid_to FROM region WHERE code = $1', [code]);
    if (!region) return undefined;
    const towns = await sql.query(
      'SELECT code, name, full_name, kind FROM town WHERE region_code = $1 ORDER BY position',
      [code],
    );
    const parks = await sql.query(
      'SELECT id, name, town_code, kind, entry_criteria FROM park WHERE region_code = $1 ORDER BY id',
      [code],
    );
    const phases = await sql.query(
      `SELECT p.park_id, p.phase, p.floor_area_m2, p.planned_completion::text AS planned_completion
         FROM park_phase p JOIN park k ON k.id = p.park_id WHERE k.region_code = $1 ORDER BY p.park_id, p.phase`,
      [code],
    );
    const parcels = await sql.query(`${PARCEL_SELECT} WHERE region_code = $1 ORDER BY id`, [code]);
    const enterprises = await sql.query(`${ENTERPRISE_SELECT} WHERE region_code = $1 ORDER BY uscc`, [code]);
    const links = await sql.query<{ uscc: string; parcel_id: string }>(
      `SELECT l.uscc, l.parcel_id FROM enterprise_parcel l JOIN enterprise e ON e.uscc = l.uscc
        WHERE e.region_code = $1 ORDER BY l.uscc, l.position`,
      [code],
    );
    const annual = await sql.query(
      `${ANNUAL_SELECT} JOIN enterprise e ON e.uscc = a.uscc WHERE e.region_code = $1 ORDER BY a.uscc, a.year`,
      [code],
    );
    const parcelsOf = groupBy(
      links,
      (l) => l.uscc,
      (l) => l.parcel_id,
    );
    const phasesOf = groupBy(
      phases,
      (p) => String(p.park_id),
      (p) => p,
    );
    return {
      region: regionFromRows(region, towns),
      parks: parks.map((p) => parkFromRows(p, phasesOf.get(String(p.id)) ?? [])),
      parcels: parcels.map(parcelFromRow),
      enterprises: enterprises.map((e) => enterpriseFromRow(e, parcelsOf.get(String(e.uscc)) ?? [])),
      annualData: annual.map(annualFromRow),
    };
  }

  async loadRegistry(regionCode: string): Promise<Registry | undefined> {
    const state = await this.ledgerState(this.sql, regionCode);
    const cached = this.registries.get(regionCode);
    if (state && cached && cached.revision === state.revision) return cached.registry;
    // Read under the region lock so that the rows and the revision cached with them agree.
    return this.sql.transaction(async (tx) => {
      await lockRegion(tx, regionCode);
      return this.registryAt(tx, regionCode, await this.ledgerState(tx, regionCode), true);
    });
  }

  async listRegions(): Promise<Region[]> {
    const regions = await this.sql.query('SELECT code, name, valid_from, valid_to FROM region ORDER BY code');
    const towns = await this.sql.query(
      'SELECT region_code, code, name, full_name, kind FROM town ORDER BY region_code, position',
    );
    const townsOf = groupBy(
      towns,
      (t) => String(t.region_code),
      (t) => t,
    );
    return regions.map((r) => parseWith(regionSchema, regionFromRows(r, townsOf.get(String(r.code)) ?? []), 'region'));
  }

  async getRegion(code: string): Promise<Region | undefined> {
    return (await this.listRegions()).find((r) => r.code === code);
  }

  async getEnterprises(usccs: readonly string[]): Promise<(Enterprise | undefined)[]> {
    if (usccs.length === 0) return [];
    const rows = await this.sql.query(`${ENTERPRISE_SELECT} WHERE uscc = ANY($1::text[])`, [[...usccs]]);
    const byUscc = await this.enterprisesFromRows(rows);
    return usccs.map((u) => byUscc.get(u));
  }

  private async enterprisesFromRows(rows: Row[]): Promise<Map<string, Enterprise>> {
    const usccs = rows.map((r) => String(r.uscc));
    const links = usccs.length
      ? await this.sql.query<{ uscc: string; parcel_id: string }>(
          'SELECT uscc, parcel_id FROM enterprise_parcel WHERE uscc = ANY($1::text[]) ORDER BY uscc, position',
          [usccs],
        )
      : [];
    const parcelsOf = groupBy(
      links,
      (l) => l.uscc,
      (l) => l.parcel_id,
    );
    const out = new Map<string, Enterprise>();
    for (const r of rows) {
      const e = parseWith(enterpriseSchema, enterpriseFromRow(r, parcelsOf.get(String(r.uscc)) ?? []), 'enterprise');
      out.set(e.uscc, e);
    }
    return out;
  }

  async listEnterprises(query: EnterpriseQuery): Promise<Enterprise[]> {
    const params: unknown[] = [query.regionCode];
    let where = 'region_code = $1';
    if (query.townCode !== undefined) {
      params.push(query.townCode);
      where += ` AND town_code = $${params.length}`;
    }
    if (query.after !== undefined) {
      params.push(query.after);
      where += ` AND uscc > $${params.length}`;
    }
    let limit = '';
    if (query.first !== undefined) {
      params.push(query.first);
      limit = ` LIMIT $${params.length}`;
    }
    const rows = await this.sql.query(`${ENTERPRISE_SELECT} WHERE ${where} ORDER BY uscc${limit}`, params);
    return [...(await this.enterprisesFromRows(rows)).values()];
  }

  async listParcels(regionCode: string): Promise<LandParcel[]> {
    const rows = await this.sql.query(`${PARCEL_SELECT} WHERE region_code = $1 ORDER BY id`, [regionCode]);
    return rows.map((r) => parseWith(landParcelSchema, parcelFromRow(r), 'parcel'));
  }

  async listParks(regionCode: string): Promise<Park[]> {
    const input = await this.regionInput(this.sql, regionCode);
    return (input?.parks ?? []).map((p) => parseWith(parkSchema, p, 'park'));
  }

  async listAnnualData(query: AnnualDataQuery): Promise<EnterpriseAnnualData[]> {
    const { where, params } = annualWhere(query);
    const rows = await this.sql.query(
      `${ANNUAL_SELECT} JOIN enterprise e ON e.uscc = a.uscc WHERE ${where} ORDER BY a.uscc`,
      params,
    );
    return rows.map((r) => parseWith(annualDataSchema, annualFromRow(r), 'annualData'));
  }

  /**
   * The rows of `listAnnualData(query)`, in the same order, as the engine's
   * columns: each NUMERIC read as text straight into a scaled integer column
   * (`loadAnnualDataColumns`), no record object per firm.
   */
  async listAnnualDataColumns(query: AnnualDataQuery): Promise<AnnualDataColumns> {
    const { where, params } = annualWhere(query);
    const rows = await this.sql.query<AnnualDataRow>(
      `${ANNUAL_COLUMNS_SELECT} JOIN enterprise e ON e.uscc = a.uscc WHERE ${where} ORDER BY a.uscc`,
      params,
    );
    const loaded = loadAnnualDataColumns(rows);
    if (!loaded.ok) throw new Error(storeMessages.storedAnnualDataInvalid(loaded.issues[0] as CellIssue));
    return loaded.columns;
  }

  /** A number that changes whenever any write commits (response caches key on it). */
  async dataRevision(): Promise<number> {
    const [row] = await this.sql.query<{ revision: string | number }>('SELECT revision FROM data_revision');
    return Number(row?.revision ?? 0);
  }

  async listAudit(query: { afterSeq?: number; first?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.sql.query<Row>(
      `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, request_id, action, detail
         FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [query.afterSeq ?? 0, query.first ?? 1_000_000],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: String(r.at),
      actor: String(r.actor),
      requestId: r.request_id === null ? null : String(r.request_id),
      action: String(r.action),
      detail: r.detail,
    }));
  }

  // ---- writes ------------------------------------------------------------

  async saveRegion(input: unknown, ctx: WriteContext): Promise<Region> {
    checkWriteContext(ctx);
    const region = parseWith(regionSchema, input, 'region');
    let commit: (() => void) | undefined;
    await this.sql.transaction(async (tx) => {
      await lockRegion(tx, region.code);
      const current = await this.regionInput(tx, region.code);
      // Re-validate what references the towns: a town still in use cannot go.
      const next = parseRegistry(current ? { ...current, region: input } : { region: input });
      await tx.query(
        `INSERT INTO region (code, name, valid_from, valid_to) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to`,
        [region.code, region.name, region.validFrom ?? null, region.validTo ?? null],
      );
      await tx.query('DELETE FROM town WHERE region_code = $1 AND NOT (code = ANY($2::text[]))', [
        region.code,
        region.towns.map((t) => t.code),
      ]);
      const townColumns = ['code', 'region_code', 'position', 'name', 'full_name', 'kind'];
      await insertMany(
        tx,
        'town',
        townColumns,
        region.towns.map((t, i) => [t.code, region.code, i, t.name, t.fullName, t.kind]),
        `ON CONFLICT (code) DO UPDATE SET ${excluded(townColumns.slice(1))}`,
      );
      commit = await this.rebaseLedger(tx, region.code, next);
      await audit(tx, ctx, 'saveRegion', { code: region.code, towns: region.towns.length });
    });
    commit?.();
    return region;
  }

  async saveRecords(regionCode: string, changes: RegistryChanges, ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    let commit: (() => void) | undefined;
    await this.sql.transaction(async (tx) => {
      commit = await this.writeChanges(tx, regionCode, changes, ctx);
    });
    commit?.();
  }

  /**
   * Validates changes against the current registry and writes them in `tx`
   * (saveRecords, and a run update carrying a correction). @returns what to
   * do once the transaction has committed
   */
  private async writeChanges(
    tx: Sql,
    regionCode: string,
    changes: RegistryChanges,
    ctx: WriteContext,
  ): Promise<(() => void) | undefined> {
    let commit: (() => void) | undefined;
    {
      await lockRegion(tx, regionCode);
      const state = await this.ledgerState(tx, regionCode);
      const current = requireRegion(await this.registryAt(tx, regionCode, state, true), regionCode);
      // The changes must validate against the current registry before a single row is written.
      const { registry: next, ledgerUnaffected, changed: touched } = applyRegistryChanges(current, changes);
      const pick = <T>(map: ReadonlyMap<string, T>, keys: ReadonlySet<string>) =>
        [...keys].map((k) => map.get(k)).filter((v): v is T => v !== undefined);
      // An annual record the current registry lacks has no row: `current` is the database's
      // registry at this revision, read or checked under the region lock. Those rows are
      // COPYed straight into the table (a key that did exist would fail the COPY, and the
      // transaction with it); only the records that replace a stored row are upserted.
      const annual = pick(next.annualData, touched.annualData);
      const stored = (d: EnterpriseAnnualData) => current.annualData.has(annualDataKey(d.uscc, d.year));
      await writeRecords(tx, regionCode, {
        parks: pick(next.parks, touched.parks),
        parcels: pick(next.parcels, touched.parcels),
        enterprises: pick(next.enterprises, touched.enterprises),
        annualData: annual.filter(stored),
      });
      const added = annual.filter((d) => !stored(d));
      if (added.length > 0) await copyRows(tx, 'annual_data', ANNUAL_DATA_COLUMNS, annualDataRows(added));
      const unaffected = ledgerUnaffected && state ? await this.ledgerAt(tx, regionCode, state, current) : undefined;
      commit = await this.rebaseLedger(tx, regionCode, next, unaffected);
      await audit(tx, ctx, 'saveRecords', changeCounts(regionCode, changes));
    }
    return commit;
  }

  /**
   * Loads a whole region — registry and campaign events — into an empty store
   * region in one transaction: everything is validated by the core in memory
   * first (registry cross-checks, every ledger invariant), then written with
   * multi-row inserts. `onProgress` hears rows written so far.
   */
  async importRegion(
    input: RegistryInput,
    events: readonly unknown[],
    ctx: WriteContext,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    const { registry, ledger } = checkedImport(input, events, ctx);
    return this.importValidated(registry, ledger, ctx, onProgress);
  }

  /**
   * The write half of `importRegion`, for a registry and ledger the caller has
   * already validated with the core (`parseRegistry`, `replayOver`).
   */
  async importValidated(
    registry: Registry,
    ledger: CampaignLedger,
    ctx: WriteContext,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    checkWriteContext(ctx);
    const regionCode = registry.region.code;
    const applied = ledger.events();
    const total = importRowCount(registry, ledger);
    let done = 0;
    const step = (phase: ImportProgress['phase'], rows: number) => {
      done += rows;
      onProgress?.({ phase, rows: done, total });
    };
    await this.sql.transaction(async (tx) => {
      await lockRegion(tx, regionCode);
      const [existing] = await tx.query('SELECT 1 FROM region WHERE code = $1', [regionCode]);
      if (existing) throw regionExists(regionCode);
      await tx.query('INSERT INTO region (code, name, valid_from, valid_to) VALUES ($1, $2, $3, $4)', [
        regionCode,
        registry.region.name,
        registry.region.validFrom ?? null,
        registry.region.validTo ?? null,
      ]);
      await insertMany(
        tx,
        'town',
        ['code', 'region_code', 'position', 'name', 'full_name', 'kind'],
        registry.region.towns.map((t, i) => [t.code, regionCode, i, t.name, t.fullName, t.kind]),
      );
      step('registry', 1 + registry.region.towns.length);
      await writeRecords(
        tx,
        regionCode,
        {
          parks: [...registry.parks.values()],
          parcels: [...registry.parcels.values()],
          enterprises: [...registry.enterprises.values()],
          annualData: [...registry.annualData.values()],
        },
        { fresh: true },
      );
      step(
        'registry',
        registry.parks.size + registry.parcels.size + registry.enterprises.size + registry.annualData.size,
      );
      // One streamed COPY: rows are made as the server takes them.
      await copyRows(
        tx,
        'campaign_event',
        EVENT_COLUMNS,
        eventRows(regionCode, applied, (n) => step('events', n)),
      );
      // The planner has no statistics of the rows just loaded and would sort them all by day
      // and town; hashing the (few thousand) day groups takes half the time.
      await tx.exec("SET LOCAL enable_sort = off; SET LOCAL work_mem = '64MB'");
      await tx.query(ROLL_UP_DAILY, [regionCode, 0, ledger.version]);
      await tx.query('INSERT INTO ledger_state (region_code, version) VALUES ($1, $2)', [regionCode, ledger.version]);
      await audit(tx, ctx, 'importRegion', {
        regionCode,
        enterprises: registry.enterprises.size,
        parcels: registry.parcels.size,
        parks: registry.parks.size,
        annualData: registry.annualData.size,
        events: applied.length,
      });
    });
    this.ledgers.set(regionCode, { version: ledger.version, revision: 0, ledger });
    this.registries.set(regionCode, { revision: 0, registry });
    return { regionCode, version: ledger.version, rows: total };
  }

  // ---- target sets and schemes ---------------------------------------------

  async saveTargets(
    regionCode: string,
    year: number,
    set: TargetSetInput,
    ctx: WriteContext,
  ): Promise<StoredTargetSet> {
    checkWriteContext(ctx);
    const stored = checkedTargetSet(await this.getRegion(regionCode), regionCode, year, set);
    await this.sql.transaction(async (tx) => {
      await lockRegion(tx, regionCode);
      await tx.query(
        `INSERT INTO target_set (region_code, year, targets, ranking, warning) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (region_code, year) DO UPDATE
           SET targets = EXCLUDED.targets, ranking = EXCLUDED.ranking, warning = EXCLUDED.warning, saved_at = now()`,
        [
          regionCode,
          year,
          JSON.stringify(stored.targets),
          stored.ranking === undefined ? null : JSON.stringify(stored.ranking),
          stored.warning === undefined ? null : JSON.stringify(stored.warning),
        ],
      );
      await audit(tx, ctx, 'saveTargets', targetSetDetail(stored));
    });
    return stored;
  }

  async listTargets(regionCode: string, year: number): Promise<StoredTargetSet | undefined> {
    const [row] = await this.sql.query<{ targets: unknown; ranking: unknown; warning: unknown }>(
      'SELECT targets, ranking, warning FROM target_set WHERE region_code = $1 AND year = $2',
      [regionCode, year],
    );
    if (!row) return undefined;
    return {
      regionCode,
      year,
      targets: jsonValue(row.targets) as unknown[],
      ...(row.ranking === null || row.ranking === undefined ? {} : { ranking: jsonValue(row.ranking) }),
      ...(row.warning === null || row.warning === undefined ? {} : { warning: jsonValue(row.warning) }),
    };
  }

  async saveScheme(document: unknown, ctx: WriteContext): Promise<StoredScheme> {
    checkWriteContext(ctx);
    const stored = checkedScheme(document);
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO evaluation_scheme (id, document) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, saved_at = now()`,
        [stored.id, JSON.stringify(stored.document)],
      );
      await audit(tx, ctx, 'saveScheme', { id: stored.id });
    });
    return stored;
  }

  async getScheme(id: string): Promise<StoredScheme | undefined> {
    const [row] = await this.sql.query<{ document: unknown }>('SELECT document FROM evaluation_scheme WHERE id = $1', [
      id,
    ]);
    return row ? { id, document: jsonValue(row.document) } : undefined;
  }

  // ---- land grants (grants.ts) ---------------------------------------------

  async saveGrants(regionCode: string, input: readonly unknown[], ctx: WriteContext): Promise<LandGrant[]> {
    checkWriteContext(ctx);
    return grants.saveGrants(this.sql, await this.getRegion(regionCode), regionCode, input, ctx, {
      lockRegion,
      audit,
    });
  }

  async listGrants(query: GrantQuery): Promise<LandGrant[]> {
    return grants.listGrants(this.sql, query);
  }

  async saveGeometries(regionCode: string, records: readonly GeometryRecord[], ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    await geometry.saveGeometries(this.sql, regionCode, records, ctx);
  }

  async listGeometries(regionCode: string, subject?: GeometrySubject): Promise<GeometryRecord[]> {
    return geometry.listGeometries(this.sql, regionCode, subject);
  }

  /** PostGIS's answer where the server has it; otherwise undefined (the caller's library computes it). */
  async drawnAreaMembers(regionCode: string, drawn: Shape): Promise<DrawnAreaMembers | undefined> {
    if (!(await hasPostgis(this.sql))) return undefined;
    return drawnAreaMembersInStore(this.sql, regionCode, drawn, 'postgis');
  }

  async saveFirmLocations(regionCode: string, locations: readonly FirmLocation[], ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    await geometry.saveFirmLocations(this.sql, regionCode, locations, ctx);
  }

  async listFirmLocations(regionCode: string): Promise<FirmLocation[]> {
    return geometry.listFirmLocations(this.sql, regionCode);
  }

  // ---- evaluation runs (runs.ts) -------------------------------------------

  async createRun(start: RunTransition, ctx: WriteContext): Promise<EvaluationRun> {
    checkWriteContext(ctx);
    return runs.createRun(this.sql, start, ctx, audit);
  }

  async updateRun(next: RunTransition, ctx: WriteContext, with_?: RunUpdateWith): Promise<EvaluationRun> {
    checkWriteContext(ctx);
    const records = with_?.records;
    if (!records) return this.sql.transaction((tx) => runs.updateRunIn(tx, next, ctx, audit));
    // The correction and the run in one transaction: either both are stored or neither.
    let commit: (() => void) | undefined;
    const run = await this.sql.transaction(async (tx) => {
      commit = await this.writeChanges(tx, next.run.regionCode, records, ctx);
      return runs.updateRunIn(tx, next, ctx, audit);
    });
    commit?.();
    return run;
  }

  getRun(id: string): Promise<EvaluationRun | undefined> {
    return runs.getRun(this.sql, id);
  }

  listRuns(query: { regionCode: string; year?: number }): Promise<EvaluationRun[]> {
    return runs.listRuns(this.sql, query);
  }

  getRunResults(runId: string, usccs: readonly string[]): Promise<(RunResult | undefined)[]> {
    return runs.getRunResults(this.sql, runId, usccs);
  }

  loadRunResults(runId: string): Promise<RunResult[]> {
    return runs.loadRunResults(this.sql, runId);
  }

  listRunResults(runId: string, query: RunResultQuery): Promise<RunResult[]> {
    return runs.listRunResults(this.sql, runId, query);
  }

  countRunClasses(runId: string): Promise<RunClassCount[]> {
    return runs.countRunClasses(this.sql, runId);
  }

  /** The current registry of a region in input form, e.g. for an export. */
  async exportRegistry(regionCode: string): Promise<RegistryInput | undefined> {
    const r = await this.loadRegistry(regionCode);
    return r ? registryToInput(r) : undefined;
  }
}

/**
 * Upserts validated records (parks, parcels, enterprises, annual data) of one
 * region, in the transaction `tx` (a large upsert stages its rows with COPY
 * in a temporary table of that transaction). `fresh`: the region was just
 * created in this transaction, so no row can exist yet and every table is
 * loaded with COPY instead of upserts.
 */
export async function writeRecords(
  tx: Sql,
  regionCode: string,
  records: RegistryRecords,
  options: { readonly fresh?: boolean } = {},
): Promise<void> {
  for (const { table, columns, key, rows, replaces } of registryRows(regionCode, records)) {
    if (options.fresh) {
      await copyRows(tx, table, columns, rows);
    } else if (replaces) {
      if (replaces.keys.length === 0) continue;
      await tx.query(`DELETE FROM ${table} WHERE ${replaces.column} = ANY($1::text[])`, [replaces.keys]);
      await upsertMany(tx, table, columns, rows);
    } else {
      const suffix = `ON CONFLICT (${columns.slice(0, key).join(', ')}) DO UPDATE SET ${excluded(columns.slice(key))}`;
      await upsertMany(tx, table, columns, rows, suffix);
    }
  }
}

/** The `campaign_event` rows of applied events, made one by one; `onRows` hears each 20,000 (and the rest). */
function* eventRows(
  regionCode: string,
  applied: readonly AppliedEvent[],
  onRows: (rows: number) => void,
): Generator<unknown[]> {
  const every = 20_000;
  for (let i = 0; i < applied.length; i++) {
    const a = applied[i] as AppliedEvent;
    yield eventRow(regionCode, a.seq, a.event, a.canonical);
    if ((i + 1) % every === 0) onRows(every);
  }
  if (applied.length % every > 0) onRows(applied.length % every);
}

/** Serialises writers of one region across connections and store instances. */
async function lockRegion(tx: Sql, regionCode: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('mujun.region:' || $1))", [regionCode]);
}

/** A jsonb value as the driver hands it over (parsed, or text on some drivers). */
function jsonValue(v: unknown): unknown {
  return typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
}

function groupBy<T, V>(rows: readonly T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
}
