import { type EvaluationRun, findTown, type Region } from '@mujun/core';
import {
  type CanonicalInput,
  canonicalWriteInput,
  foldId,
  type IdKind,
  WRITE_SHAPES,
  type WriteShape,
} from '@mujun/core/cycle';
import { runIdOfObjection } from '@mujun/core/internal';
import type { Principal } from './auth';
import { canWrite, canWriteCity, canWriteTown } from './auth';
import { type MujunContext, perRequest } from './context';
import { NotAuthorisedError } from './errors';
import { requireRegion, requireRun } from './lookups';
import { authMessages } from './messages';

/**
 * The write policy (写入授权), decided in this one module: which roles may call
 * each mutation, and which fields of its input reference records whose town
 * must be writable by the principal. Resolvers call `authorizeWrite` before
 * touching anything; nothing else in the gateway decides who may write.
 *
 * Rules:
 * - viewers and anonymous requests write nothing;
 * - a principal writes only in its own city (`input.city`);
 * - `scope: 'town'` operations: every referenced record (a town named in the
 *   input, an existing enterprise, parcel or park named by id — including the
 *   record being replaced, so nothing moves out of a town) must lie in a town
 *   the principal may write: a town operator its own town, a city admin any
 *   town of its city;
 * - `scope: 'city'` operations (city-wide documents: target sets, schemes,
 *   evaluation runs) need a city admin of that city;
 * - an operation on an existing evaluation run (评价批次: 公示, 异议, 复核, 定档,
 *   撤回) names it by `run` (a run id, or an objection id naming its run): the
 *   city written is the run's, so a run of another city is refused like
 *   `input.city` of another city; its `fields` (top-level references, e.g. the
 *   objected firm) are checked by the firm's town in the run's results; the
 *   records a write makes along the way (an upheld objection's correction of
 *   the firm's annual data) are references too, checked by the registry.
 *
 * A reference that names no existing record is left to validation, which
 * refuses it with a `reference.*` rule: the policy only ever says no for a
 * record that exists and lies outside the principal's reach.
 *
 * The policy reads canonical values only: `authorizeWrite` takes a
 * `CanonicalInput`, which only `parseWriteInput` (core's `canonicalWriteInput`
 * over the operation's row) makes — every id NFKC-normalised and trimmed, a
 * USCC upper-cased and check-digit verified, an id that does not parse
 * refused as a ValidationError naming its field. A parcel or park id that
 * equals another town's id up to case counts as that record.
 */

/**
 * What a referencing input field points at. `runFirm`: a firm (by USCC) among
 * the results of the operation's run, lying in the town it was evaluated in.
 */
export type ReferenceKind = IdKind;

/**
 * How one operation is authorised: its scope, and where the ids of its input
 * lie (`WriteShape`: `list` rows and their `references`, other `fields` by
 * dotted path, the `run` or objection named — the city written is then the
 * run's, not `input.city`). Registry and campaign rows take their shape from
 * core's `WRITE_SHAPES`, the table the cycle steps canonicalise by.
 */
export interface OperationPolicy extends WriteShape {
  /** `town`: town operators (their own town) and city admins; `city`: city admins only. */
  readonly scope: 'town' | 'city';
}

/**
 * Every mutation's policy; each takes `input.city` (6 digits) or names a run (`run`). Adding a mutation is adding a row here (the
 * policy test enumerates this table, so a row without a test case fails).
 */
export const WRITE_POLICY = {
  saveEnterprises: { scope: 'town', ...WRITE_SHAPES.saveEnterprises },
  saveAnnualData: { scope: 'town', ...WRITE_SHAPES.saveAnnualData },
  saveParcels: { scope: 'town', ...WRITE_SHAPES.saveParcels },
  saveParks: { scope: 'town', ...WRITE_SHAPES.saveParks },
  recordCampaignEvents: { scope: 'town', ...WRITE_SHAPES.recordCampaignEvents },
  saveTargets: { scope: 'city' },
  saveScheme: { scope: 'city' },
  startEvaluationRun: { scope: 'city' },
  publishEvaluationRun: { scope: 'city', run: { field: 'runId', via: 'run' } },
  fileObjection: { scope: 'town', run: { field: 'runId', via: 'run' }, fields: { uscc: 'runFirm' } },
  // An upheld objection's correction writes the firm's annual data: that record is checked like any saveAnnualData row.
  resolveObjection: {
    scope: 'city',
    run: { field: 'objectionId', via: 'objection' },
    fields: { 'correction.annualData.uscc': 'enterprise' },
  },
  finalizeEvaluationRun: { scope: 'city', run: { field: 'runId', via: 'run' } },
  withdrawEvaluationRun: { scope: 'city', run: { field: 'runId', via: 'run' } },
  // 标准地: city-wide documents; the step checks every town written on its canonical values too.
  saveLandGrants: { scope: 'city' },
  // 图斑导入: shapes from 自然资源 for the whole city (town boundaries among them).
  importGeometries: { scope: 'city' },
} as const satisfies Record<string, OperationPolicy>;

export type WriteOperation = keyof typeof WRITE_POLICY;

/**
 * The input of `operation` with every id in canonical form, ready for
 * `authorizeWrite` (and for acting on).
 * @throws ValidationError naming each id field that does not parse
 */
export function parseWriteInput<T extends object>(operation: WriteOperation, input: T): CanonicalInput<T> {
  const policy: OperationPolicy = WRITE_POLICY[operation];
  return canonicalWriteInput(policy, input);
}

/** One reference found in an input: its path (`input.enterprises.0.parcelIds.1`), kind and value. */
export interface InputReference {
  readonly field: string;
  readonly kind: ReferenceKind;
  readonly value: string;
}

/** The value at a dotted path of an input, or undefined when a step is missing. */
function valueAt(input: Record<string, unknown>, path: string): unknown {
  let at: unknown = input;
  for (const step of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[step];
  }
  return at;
}

/** The references an operation's input makes, in input order, each with its input path. */
export function referencesOf(policy: OperationPolicy, input: CanonicalInput<object>): InputReference[] {
  const found: InputReference[] = [];
  for (const [key, kind] of Object.entries(policy.fields ?? {})) {
    const v = valueAt(input as Record<string, unknown>, key);
    if (v !== null && v !== undefined) found.push({ field: `input.${key}`, kind, value: String(v) });
  }
  if (policy.list === undefined || policy.references === undefined) return found;
  const rows = (input as Record<string, unknown>)[policy.list];
  if (!Array.isArray(rows)) return found;
  rows.forEach((row: unknown, i) => {
    if (row === null || typeof row !== 'object') return;
    for (const [key, kind] of Object.entries(policy.references ?? {})) {
      const v = (row as Record<string, unknown>)[key];
      const field = `input.${policy.list}.${i}.${key}`;
      if (Array.isArray(v)) {
        v.forEach((x, j) => {
          if (x !== null && x !== undefined) found.push({ field: `${field}.${j}`, kind, value: String(x) });
        });
      } else if (v !== null && v !== undefined) {
        found.push({ field, kind, value: String(v) });
      }
    }
  });
  return found;
}

function denyRole(p: Principal, scope: OperationPolicy['scope']): never {
  if (!canWrite(p) && scope === 'town') {
    throw new NotAuthorisedError(authMessages.writeDenied, { requiredRole: 'townOperator' });
  }
  throw new NotAuthorisedError(authMessages.cityAdminOnly, { requiredRole: 'cityAdmin' });
}

/** The towns of a kind's records in a region by case-folded id (`foldId`), built once per request. */
function recordsById(ctx: MujunContext, kind: 'parcel' | 'park', regionCode: string) {
  return perRequest(ctx, `policy:${kind}:${regionCode}`, async () => {
    const rows =
      kind === 'parcel'
        ? await ctx.loaders.parcelsOfRegion.load(regionCode)
        : await ctx.loaders.parksOfRegion.load(regionCode);
    const towns = new Map<string, string[]>();
    for (const r of rows) {
      const key = foldId(r.id);
      const list = towns.get(key);
      if (list) list.push(r.townCode);
      else towns.set(key, [r.townCode]);
    }
    return towns;
  });
}

/** The town codes the existing records `ref` names lie in (none when no such record exists). */
async function townsOfReference(
  ctx: MujunContext,
  region: Region,
  run: EvaluationRun | undefined,
  ref: InputReference,
): Promise<readonly (string | undefined)[]> {
  switch (ref.kind) {
    case 'runFirm':
      return run === undefined ? [] : [(await ctx.repository.getRunResults(run.id, [ref.value]))[0]?.townCode];
    case 'town':
      return [findTown(region, ref.value)?.code];
    case 'enterprise':
      return [(await ctx.loaders.enterprise.load(ref.value))?.townCode];
    case 'parcel':
    case 'park':
      return (await recordsById(ctx, ref.kind, region.code)).get(foldId(ref.value)) ?? [];
    case 'run':
    case 'objection':
    case 'event':
      // A run is checked through `policy.run`; an event id names no record of a town.
      return [];
  }
}

/** The run an operation names, or undefined when its policy names none. @throws ValidationError for an unknown run */
function runOf(ctx: MujunContext, policy: OperationPolicy, input: Readonly<Record<string, unknown>>) {
  if (policy.run === undefined) return undefined;
  const id = String(input[policy.run.field] ?? '');
  return requireRun(ctx, policy.run.via === 'objection' ? runIdOfObjection(id) : id, `input.${policy.run.field}`);
}

/**
 * Refuses the write unless the principal may make it: its role, its city (or
 * its run's) and the town of every record the input references (see the
 * module comment), read from the canonical input only (`parseWriteInput`).
 * Returns the region written, for the resolver.
 * @throws NotAuthorisedError naming the first refused input field; ValidationError for an unknown city or run
 */
export async function authorizeWrite(
  ctx: MujunContext,
  operation: WriteOperation,
  input: CanonicalInput<object>,
): Promise<Region> {
  const policy: OperationPolicy = WRITE_POLICY[operation];
  const fields = input as Readonly<Record<string, unknown>>;
  const p = ctx.principal;
  if (!canWrite(p)) denyRole(p, policy.scope);
  const run = await runOf(ctx, policy, fields);
  const cityCode = run?.regionCode ?? String(fields.city ?? '');
  if (!canWriteCity(p, cityCode)) {
    throw new NotAuthorisedError(authMessages.cityDenied(cityCode), {
      requiredRole: 'cityAdmin',
      division: cityCode,
    });
  }
  if (policy.scope === 'city' && p.role !== 'cityAdmin') denyRole(p, 'city');
  const region = await requireRegion(ctx, cityCode, policy.run ? `input.${policy.run.field}` : 'input.city');
  for (const ref of referencesOf(policy, input)) {
    for (const town of await townsOfReference(ctx, region, run, ref)) {
      if (town !== undefined && !canWriteTown(p, town)) {
        throw new NotAuthorisedError(authMessages.townDenied(ref.field, town), {
          requiredRole: 'cityAdmin',
          division: town,
        });
      }
    }
  }
  return region;
}
