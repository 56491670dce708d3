import { eventToJson } from '../campaign/events';
import { applyBatch, type CampaignLedger, emptyLedger, rebindLedger } from '../campaign/ledger';
import { registryReferences } from '../campaign/references';
import { invalid } from '../errors';
import { type AnnualDataColumns, annualDataColumns } from '../evaluation/columns';
import type { FirmLocation, GeometryRecord, GeometrySubject } from '../geo/record';
import type { LandGrant } from '../grants/model';
import type { EnterpriseAnnualData } from '../model/annual-data';
import type { Enterprise } from '../model/enterprise';
import { parseWith } from '../model/fields';
import { type Region, regionSchema } from '../model/region';
import { applyRegistryChanges, parseRegistry, type Registry, type RegistryInput } from '../model/registry';
import { annualDataToInput, enterpriseToInput, parcelToInput, parkToInput, regionToInput } from '../model/serialize';
import type { EvaluationRun, RunResult, RunTransition } from '../runs/run';
import type { TargetSetInput } from '../targets/target-set';
import { checkedGrants, filterGrants, type GrantQuery, grantsAuditDetail } from './grants-repository';
import {
  checkedImport,
  checkWriteContext,
  regionExists,
  requireRegion,
  unknownRegion,
  versionConflict,
} from './invariants';
import {
  type AppendEventsResult,
  type AppendOptions,
  batchOptionsOf,
  type ImportProgress,
  type ImportResult,
  importRowCount,
  type Repository,
  replayOver,
} from './ledger-repository';
import type { AnnualDataQuery, AuditEntry, EnterpriseQuery, RegistryChanges, WriteContext } from './repository';
import {
  checkRunUpdate,
  type RunClassCount,
  type RunResultQuery,
  type RunUpdateWith,
  runAuditDetail,
  runResultKey,
} from './runs-repository';
import { checkedScheme, checkedTargetSet, type StoredScheme, type StoredTargetSet } from './targets-repository';

/** The current input form of a validated registry. */
export function registryToInput(r: Registry): RegistryInput {
  return {
    region: regionToInput(r.region),
    enterprises: [...r.enterprises.values()].map(enterpriseToInput),
    parcels: [...r.parcels.values()].map(parcelToInput),
    parks: [...r.parks.values()].map(parkToInput),
    annualData: [...r.annualData.values()].map(annualDataToInput),
  };
}

/**
 * The repository in memory: for tests, scripts and the conformance suite's
 * reference. Same rules as the PostgreSQL store: validated, all or nothing,
 * audited. `now` is injected so results are reproducible.
 *
 * @example
 * ```ts
 * import assert from 'node:assert/strict';
 * import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
 *
 * const repository = new MemoryRepository();
 * await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'example' });
 * assert.equal((await repository.getRegion('330483'))?.name, '桐乡市');
 * assert.deepEqual((await repository.listRegions()).map((r) => r.code), ['330483']);
 * ```
 */
export class MemoryRepository implements Repository {
  private readonly registries = new Map<string, Registry>();
  private readonly ledgers = new Map<string, CampaignLedger>();
  private readonly audit: AuditEntry[] = [];
  private readonly targetSets = new Map<string, StoredTargetSet>();
  private readonly schemes = new Map<string, StoredScheme>();
  private readonly runs = new Map<string, { run: EvaluationRun; results: Map<string, RunResult> }>();
  private readonly grants = new Map<string, Map<string, LandGrant>>();
  /** Shapes by region, keyed `subject|id`. */
  private readonly geometries = new Map<string, Map<string, GeometryRecord>>();
  /** Firm locations by region, keyed by USCC. */
  private readonly locations = new Map<string, Map<string, FirmLocation>>();
  private readonly now: () => string;

  constructor(options: { now?: () => string } = {}) {
    this.now = options.now ?? (() => new Date().toISOString());
  }

  /** A number that changes whenever any write is made (response caches key on it). */
  async dataRevision(): Promise<number> {
    return this.audit.length;
  }

  private record(ctx: WriteContext, action: string, detail: unknown): void {
    this.audit.push({
      seq: this.audit.length + 1,
      at: this.now(),
      actor: ctx.actor,
      requestId: ctx.requestId ?? null,
      action,
      detail,
    });
  }

  async saveRegion(input: unknown, ctx: WriteContext): Promise<Region> {
    checkWriteContext(ctx);
    const region = parseWith(regionSchema, input, 'region');
    const current = this.registries.get(region.code);
    const base: RegistryInput = current ? { ...registryToInput(current), region: input } : { region: input };
    const next = parseRegistry(base);
    this.rebaseLedger(region.code, next);
    this.registries.set(region.code, next);
    this.record(ctx, 'saveRegion', { code: region.code, towns: region.towns.length });
    return region;
  }

  async listRegions(): Promise<Region[]> {
    return [...this.registries.values()].map((r) => r.region).sort((a, b) => a.code.localeCompare(b.code));
  }

  async getRegion(code: string): Promise<Region | undefined> {
    return this.registries.get(code)?.region;
  }

  async saveRecords(regionCode: string, changes: RegistryChanges, ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    this.applyRecords(regionCode, changes, ctx);
  }

  /** saveRecords without awaiting: validates, then stores (synchronously, so it is atomic with its caller). */
  private applyRecords(regionCode: string, changes: RegistryChanges, ctx: WriteContext): void {
    const current = requireRegion(this.registries.get(regionCode), regionCode);
    // Only the changes are validated; events are replayed only when a change could affect them.
    const { registry: next, ledgerUnaffected } = applyRegistryChanges(current, changes);
    const ledger = this.ledgers.get(regionCode);
    if (ledger && ledgerUnaffected) this.ledgers.set(regionCode, rebindLedger(ledger, registryReferences(next)));
    else this.rebaseLedger(regionCode, next);
    this.registries.set(regionCode, next);
    this.record(ctx, 'saveRecords', changeCounts(regionCode, changes));
  }

  async loadRegistry(regionCode: string): Promise<Registry | undefined> {
    return this.registries.get(regionCode);
  }

  async getEnterprises(usccs: readonly string[]): Promise<(Enterprise | undefined)[]> {
    return usccs.map((u) => {
      for (const r of this.registries.values()) {
        const e = r.enterprises.get(u);
        if (e) return e;
      }
      return undefined;
    });
  }

  async listEnterprises(query: EnterpriseQuery): Promise<Enterprise[]> {
    const r = this.registries.get(query.regionCode);
    if (!r) return [];
    const rows = [...r.enterprises.values()]
      .filter((e) => query.townCode === undefined || e.townCode === query.townCode)
      .filter((e) => query.after === undefined || e.uscc > query.after)
      .sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
    return query.first === undefined ? rows : rows.slice(0, query.first);
  }

  async listParcels(regionCode: string) {
    return [...(this.registries.get(regionCode)?.parcels.values() ?? [])].sort((a, b) => cmp(a.id, b.id));
  }

  async listParks(regionCode: string) {
    return [...(this.registries.get(regionCode)?.parks.values() ?? [])].sort((a, b) => cmp(a.id, b.id));
  }

  async listAnnualData(query: AnnualDataQuery): Promise<EnterpriseAnnualData[]> {
    const wanted = query.usccs ? new Set(query.usccs) : undefined;
    const out: EnterpriseAnnualData[] = [];
    for (const [code, r] of this.registries) {
      if (query.regionCode !== undefined && code !== query.regionCode) continue;
      for (const d of r.annualData.values()) {
        if (d.year === query.year && (!wanted || wanted.has(d.uscc))) out.push(d);
      }
    }
    return out.sort((a, b) => cmp(a.uscc, b.uscc));
  }

  async listAnnualDataColumns(query: AnnualDataQuery): Promise<AnnualDataColumns> {
    return annualDataColumns(await this.listAnnualData(query));
  }

  /** The region's events replayed over a changed registry: a change that breaks a recorded event is refused. */
  private rebaseLedger(regionCode: string, registry: Registry): void {
    const current = this.ledgers.get(regionCode);
    const events = current ? current.events().map((e) => eventToJson(e.event)) : [];
    this.ledgers.set(regionCode, replayOver(registry, events));
  }

  async ledgerVersion(regionCode: string): Promise<number> {
    return this.ledgers.get(regionCode)?.version ?? 0;
  }

  async loadLedger(regionCode: string): Promise<CampaignLedger | undefined> {
    return this.ledgers.get(regionCode);
  }

  async appendEvents(
    regionCode: string,
    events: readonly unknown[],
    options: AppendOptions,
    ctx: WriteContext,
  ): Promise<AppendEventsResult> {
    checkWriteContext(ctx);
    const registry = requireRegion(this.registries.get(regionCode), regionCode);
    const ledger = this.ledgers.get(regionCode) ?? emptyLedger(registryReferences(registry));
    const conflict = versionConflict(options, ledger.version);
    if (conflict) return conflict;
    const result = applyBatch(ledger, events, batchOptionsOf(options));
    if (!result.ok) return { ok: false, reason: 'invalid', errors: result.errors };
    this.ledgers.set(regionCode, result.state);
    this.record(
      ctx,
      'appendEvents',
      appendDetail(regionCode, ledger.version, result.state.version, result.skipped.length),
    );
    return { ok: true, version: result.state.version, applied: result.applied, skipped: result.skipped };
  }

  async importRegion(
    input: RegistryInput,
    events: readonly unknown[],
    ctx: WriteContext,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    const { registry, ledger } = checkedImport(input, events, ctx);
    const code = registry.region.code;
    if (this.registries.has(code)) throw regionExists(code);
    this.registries.set(code, registry);
    this.ledgers.set(code, ledger);
    const rows = importRowCount(registry, ledger);
    onProgress?.({ phase: 'events', rows, total: rows });
    this.record(ctx, 'importRegion', { ...changeCounts(code, input), events: ledger.version });
    return { regionCode: code, version: ledger.version, rows };
  }

  async saveTargets(
    regionCode: string,
    year: number,
    set: TargetSetInput,
    ctx: WriteContext,
  ): Promise<StoredTargetSet> {
    checkWriteContext(ctx);
    const stored = checkedTargetSet(this.registries.get(regionCode)?.region, regionCode, year, set);
    this.targetSets.set(`${regionCode}|${year}`, stored);
    this.record(ctx, 'saveTargets', targetSetDetail(stored));
    return stored;
  }

  async listTargets(regionCode: string, year: number): Promise<StoredTargetSet | undefined> {
    return this.targetSets.get(`${regionCode}|${year}`);
  }

  async saveScheme(document: unknown, ctx: WriteContext): Promise<StoredScheme> {
    checkWriteContext(ctx);
    const stored = checkedScheme(document);
    this.schemes.set(stored.id, stored);
    this.record(ctx, 'saveScheme', { id: stored.id });
    return stored;
  }

  async getScheme(id: string): Promise<StoredScheme | undefined> {
    return this.schemes.get(id);
  }

  async createRun(start: RunTransition, ctx: WriteContext): Promise<EvaluationRun> {
    checkWriteContext(ctx);
    const { run, results } = start;
    if (this.runs.has(run.id)) throw invalid('run.id', 'unique', `run ${run.id} already exists`);
    if (!this.registries.has(run.regionCode)) throw unknownRegion(run.regionCode);
    this.runs.set(run.id, { run, results: new Map(results.map((r) => [r.uscc, r])) });
    this.record(ctx, 'evaluationRun.start', runAuditDetail(run, results.length));
    return run;
  }

  async updateRun(next: RunTransition, ctx: WriteContext, with_?: RunUpdateWith): Promise<EvaluationRun> {
    checkWriteContext(ctx);
    const slot = this.runs.get(next.run.id);
    checkRunUpdate(
      slot?.run,
      next.run,
      [...this.runs.values()].map((s) => s.run),
    );
    if (!slot) throw unknownRegion(next.run.regionCode);
    // Records and run together: the records are validated (and may throw) before either is stored.
    if (with_?.records) this.applyRecords(next.run.regionCode, with_.records, ctx);
    const results = new Map(slot.results);
    for (const r of next.results) results.set(r.uscc, r);
    this.runs.set(next.run.id, { run: next.run, results });
    this.record(
      ctx,
      `evaluationRun.${next.run.trail.at(-1)?.action ?? 'update'}`,
      runAuditDetail(next.run, next.results.length),
    );
    return next.run;
  }

  async getRun(id: string): Promise<EvaluationRun | undefined> {
    return this.runs.get(id)?.run;
  }

  async listRuns(query: { regionCode: string; year?: number }): Promise<EvaluationRun[]> {
    return [...this.runs.values()]
      .map((s) => s.run)
      .filter((r) => r.regionCode === query.regionCode && (query.year === undefined || r.year === query.year))
      .sort((a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id));
  }

  async getRunResults(runId: string, usccs: readonly string[]): Promise<(RunResult | undefined)[]> {
    const results = this.runs.get(runId)?.results;
    return usccs.map((u) => results?.get(u));
  }

  async loadRunResults(runId: string): Promise<RunResult[]> {
    return [...(this.runs.get(runId)?.results.values() ?? [])].sort((a, b) => cmp(a.uscc, b.uscc));
  }

  async listRunResults(runId: string, query: RunResultQuery): Promise<RunResult[]> {
    const order = query.orderBy ?? 'uscc';
    const after = query.after;
    const rows = [...(this.runs.get(runId)?.results.values() ?? [])]
      .filter(
        (r) =>
          (query.townCode === undefined || r.townCode === query.townCode) &&
          (query.cohortId === undefined || r.cohortId === query.cohortId) &&
          (query.class === undefined || r.class === query.class) &&
          (after === undefined || runResultKey(r, order) > after),
      )
      .sort((a, b) => cmp(runResultKey(a, order), runResultKey(b, order)));
    return query.first === undefined ? rows : rows.slice(0, query.first);
  }

  async countRunClasses(runId: string): Promise<RunClassCount[]> {
    const counts = new Map<
      string,
      { townCode: string; cohortId: string | null; class: RunResult['class']; count: number }
    >();
    for (const r of this.runs.get(runId)?.results.values() ?? []) {
      const k = `${r.townCode}|${r.cohortId ?? ''}|${r.class ?? ''}`;
      const c = counts.get(k);
      if (c) c.count += 1;
      else counts.set(k, { townCode: r.townCode, cohortId: r.cohortId, class: r.class, count: 1 });
    }
    return [...counts.values()];
  }

  async saveGrants(regionCode: string, grants: readonly unknown[], ctx: WriteContext): Promise<LandGrant[]> {
    checkWriteContext(ctx);
    const checked = checkedGrants(this.registries.get(regionCode)?.region, regionCode, grants);
    const slot = new Map(this.grants.get(regionCode));
    for (const g of checked) slot.set(g.id, g);
    this.grants.set(regionCode, slot);
    this.record(ctx, 'saveGrants', grantsAuditDetail(regionCode, checked));
    return checked;
  }

  async listGrants(query: GrantQuery): Promise<LandGrant[]> {
    return filterGrants(this.grants.get(query.regionCode)?.values() ?? [], query);
  }

  async saveGeometries(regionCode: string, records: readonly GeometryRecord[], ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    const registry = requireRegion(this.registries.get(regionCode), regionCode);
    const known: Record<GeometrySubject, (id: string) => boolean> = {
      parcel: (id) => registry.parcels.has(id),
      park: (id) => registry.parks.has(id),
      town: (id) => registry.region.towns.some((t) => t.code === id),
    };
    records.forEach((r, i) => {
      if (!known[r.subject](r.id)) {
        throw invalid(`geometries.${i}.id`, REFERENCE_RULE[r.subject], `no ${r.subject} ${r.id} in ${regionCode}`);
      }
    });
    const slot = new Map(this.geometries.get(regionCode));
    for (const r of records) slot.set(`${r.subject}|${r.id}`, r);
    this.geometries.set(regionCode, slot);
    this.record(ctx, 'saveGeometries', { region: regionCode, records: records.length });
  }

  async listGeometries(regionCode: string, subject?: GeometrySubject): Promise<GeometryRecord[]> {
    return [...(this.geometries.get(regionCode)?.values() ?? [])]
      .filter((r) => subject === undefined || r.subject === subject)
      .sort((a, b) => cmp(a.subject, b.subject) || cmp(a.id, b.id));
  }

  async saveFirmLocations(regionCode: string, locations: readonly FirmLocation[], ctx: WriteContext): Promise<void> {
    checkWriteContext(ctx);
    const registry = requireRegion(this.registries.get(regionCode), regionCode);
    locations.forEach((l, i) => {
      if (!registry.enterprises.has(l.uscc)) {
        throw invalid(`locations.${i}.uscc`, 'reference.enterprise', `no enterprise ${l.uscc} in ${regionCode}`);
      }
    });
    const slot = new Map(this.locations.get(regionCode));
    for (const l of locations) slot.set(l.uscc, l);
    this.locations.set(regionCode, slot);
    this.record(ctx, 'saveFirmLocations', { region: regionCode, locations: locations.length });
  }

  async listFirmLocations(regionCode: string): Promise<FirmLocation[]> {
    return [...(this.locations.get(regionCode)?.values() ?? [])].sort((a, b) => cmp(a.uscc, b.uscc));
  }

  async listAudit(query: { afterSeq?: number; first?: number } = {}): Promise<AuditEntry[]> {
    const rows = this.audit.filter((a) => a.seq > (query.afterSeq ?? 0));
    return query.first === undefined ? rows : rows.slice(0, query.first);
  }
}

const REFERENCE_RULE = { parcel: 'reference.parcel', park: 'reference.park', town: 'reference.town' } as const;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function changeCounts(regionCode: string, changes: RegistryChanges) {
  return {
    regionCode,
    enterprises: changes.enterprises?.length ?? 0,
    parcels: changes.parcels?.length ?? 0,
    parks: changes.parks?.length ?? 0,
    annualData: changes.annualData?.length ?? 0,
  };
}

export function appendDetail(regionCode: string, fromVersion: number, toVersion: number, skipped: number) {
  return { regionCode, fromVersion, toVersion, applied: toVersion - fromVersion, skipped };
}

/** What the audit trail records of a saved target set. */
export function targetSetDetail(set: StoredTargetSet) {
  return {
    regionCode: set.regionCode,
    year: set.year,
    targets: set.targets.length,
    ranking: set.ranking !== undefined,
  };
}
