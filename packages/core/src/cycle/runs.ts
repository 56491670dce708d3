import { invalid } from '../errors';
import { evaluate } from '../evaluation/evaluate';
import { annualDataSchema } from '../model/annual-data';
import { parseWith } from '../model/fields';
import type { Repository } from '../repository/ledger-repository';
import type { RegistryChanges } from '../repository/repository';
import { runIdOfObjection } from '../repository/runs-repository';
import { requireRegion } from '../repository/write-checks';
import { dataRevision } from '../runs/canonical';
import { badInput } from '../runs/rules';
import {
  checkResolution,
  type EvaluationRun,
  fileObjection,
  finalizeRun,
  type Objection,
  publishRun,
  type RunActor,
  type RunTransition,
  resolveObjection,
  runScheme,
  startRun,
  withdrawRun,
} from '../runs/run';
import { canonicalId, canonicalUscc } from './ids';
import { evaluationPopulation, loadEvaluationPopulation } from './population';
import { resolveScheme } from './schemes';

/*
 * The steps of the yearly cycle (评价批次): start, publish (公示), file an
 * objection (异议), resolve it (复核), finalise (定档), withdraw (撤回). Each
 * parses and canonicalises its input, checks it against the stored run, acts
 * through the repository (all or nothing) and returns what changed. Who may
 * take a step is the caller's to decide (the gateway's write policy) on the
 * canonical values the `parse…` functions return.
 */

/** What a step changed: the run as stored, and how many results and registry records it wrote. */
export interface RunStepResult {
  readonly run: EvaluationRun;
  readonly changed: {
    readonly results: number;
    /** Registry records written with the step (an objection's correction). */
    readonly records: number;
  };
}

/** A step on an objection also returns the objection as stored. */
export interface ObjectionStepResult extends RunStepResult {
  readonly objection: Objection;
}

const writeContext = (by: RunActor, requestId?: string) => ({
  actor: by.actor,
  ...(requestId === undefined ? {} : { requestId }),
});

/** Options of every step: the request id for the audit trail. */
export interface StepOptions {
  readonly requestId?: string;
}

/** The stored run `runId` names. @throws ValidationError (`reference.run`) naming `field` */
export async function requireStoredRun(
  repository: Pick<Repository, 'getRun'>,
  runId: string,
  field: string,
): Promise<EvaluationRun> {
  const run = await repository.getRun(runId);
  if (!run) throw badInput(field, 'reference.run', runId);
  return run;
}

// ---- start -----------------------------------------------------------------

export interface StartRunInput {
  readonly regionCode: string;
  readonly schemeId: string;
  readonly year: number;
  /** The run's id; default `<regionCode>-<year>-<8 hex digits>`. */
  readonly id?: string;
}

/** `startEvaluationRun`'s input, canonical. @throws ValidationError naming the field */
export function parseStartRun(input: StartRunInput): Required<StartRunInput> {
  const regionCode = canonicalId(input.regionCode, 'input.city');
  const schemeId = canonicalId(input.schemeId, 'input.schemeId');
  if (!Number.isSafeInteger(input.year) || input.year < 1949 || input.year > 9999) {
    throw invalid('input.year', 'year.range', `${String(input.year)} is not a statistical year`);
  }
  const id = input.id === undefined ? `${regionCode}-${input.year}-${randomHex(8)}` : canonicalId(input.id, 'input.id');
  return { regionCode, schemeId, year: input.year, id };
}

function randomHex(digits: number): string {
  const bytes = new Uint8Array(Math.ceil(digits / 2));
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, digits);
}

/**
 * 开始评价: evaluates the city's population (`evaluationPopulation`) for the
 * year under the scheme (a preset or one of the city's saved schemes) into a
 * draft run. @throws ValidationError naming the field
 */
export async function startEvaluationRun(
  repository: Repository,
  input: StartRunInput,
  by: RunActor,
  options: StepOptions = {},
): Promise<RunStepResult> {
  const p = parseStartRun(input);
  const region = requireRegion(await repository.getRegion(p.regionCode), p.regionCode);
  const { document, scheme } = await resolveScheme(repository, p.schemeId, p.year, {
    field: 'input.schemeId',
    city: region.code,
  });
  const population = await loadEvaluationPopulation(repository, region.code, scheme);
  const start = startRun({ id: p.id, regionCode: region.code, scheme: document, input: population.input, by });
  const run = await repository.createRun(start, writeContext(by, options.requestId));
  return { run, changed: { results: start.results.length, records: 0 } };
}

// ---- publish, finalise, withdraw ----------------------------------------------

/** 公示: publishes a draft for its notice window (see `publishRun` for the window's rules). */
export async function publishEvaluationRun(
  repository: Repository,
  input: { readonly runId: string; readonly notice: { readonly from: string; readonly to: string } },
  by: RunActor,
  options: StepOptions = {},
): Promise<RunStepResult> {
  const runId = canonicalId(input.runId, 'input.runId');
  const run = await requireStoredRun(repository, runId, 'input.runId');
  const next = publishRun(run, input.notice, by);
  return {
    run: await repository.updateRun({ run: next, results: [] }, writeContext(by, options.requestId)),
    changed: none,
  };
}

/** 定档: after the notice window, every objection resolved; one final run per scheme, year and city. */
export async function finalizeEvaluationRun(
  repository: Repository,
  input: { readonly runId: string },
  by: RunActor,
  options: StepOptions = {},
): Promise<RunStepResult> {
  const runId = canonicalId(input.runId, 'input.runId');
  const run = await requireStoredRun(repository, runId, 'input.runId');
  const others = await repository.listRuns({ regionCode: run.regionCode, year: run.year });
  const next = finalizeRun(run, others, by);
  return {
    run: await repository.updateRun({ run: next, results: [] }, writeContext(by, options.requestId)),
    changed: none,
  };
}

/** 撤回 a draft or a run in notice, with a reason. */
export async function withdrawEvaluationRun(
  repository: Repository,
  input: { readonly runId: string; readonly reason: string },
  by: RunActor,
  options: StepOptions = {},
): Promise<RunStepResult> {
  const runId = canonicalId(input.runId, 'input.runId');
  const run = await requireStoredRun(repository, runId, 'input.runId');
  const next = withdrawRun(run, input.reason, by);
  return {
    run: await repository.updateRun({ run: next, results: [] }, writeContext(by, options.requestId)),
    changed: none,
  };
}

const none = { results: 0, records: 0 } as const;

// ---- objections --------------------------------------------------------------

export interface FileObjectionInput {
  readonly runId: string;
  readonly uscc: string;
  readonly category: string;
  readonly reason: string;
}

/** `fileRunObjection`'s ids, canonical (run id NFKC-trimmed, USCC upper-cased and checked). */
export function parseFileObjection(input: FileObjectionInput): FileObjectionInput {
  return {
    ...input,
    runId: canonicalId(input.runId, 'input.runId'),
    uscc: canonicalUscc(input.uscc, 'input.uscc'),
  };
}

/** 提出异议 for a firm of the run, inside its notice window. */
export async function fileRunObjection(
  repository: Repository,
  input: FileObjectionInput,
  by: RunActor,
  options: StepOptions = {},
): Promise<ObjectionStepResult> {
  const p = parseFileObjection(input);
  const run = await requireStoredRun(repository, p.runId, 'input.runId');
  const [firm] = await repository.getRunResults(run.id, [p.uscc]);
  const next = fileObjection(run, firm, { uscc: p.uscc, category: p.category, reason: p.reason }, by);
  const saved = await repository.updateRun({ run: next, results: [] }, writeContext(by, options.requestId));
  return { run: saved, objection: saved.objections[saved.objections.length - 1] as Objection, changed: none };
}

export interface ResolveObjectionInput {
  readonly objectionId: string;
  readonly outcome: string;
  readonly reason: string;
  readonly overrideClass?: string | null;
  /** For outcome `correction`: the objected firm's corrected annual data for the run's year (input form). */
  readonly annualData?: Readonly<Record<string, unknown>> | null;
}

/** `resolveRunObjection`'s input with its ids canonical; the run id the objection id names. */
export function parseResolveObjection(
  input: ResolveObjectionInput,
): ResolveObjectionInput & { readonly runId: string } {
  const objectionId = canonicalId(input.objectionId, 'input.objectionId');
  const annualData =
    input.annualData == null
      ? null
      : { ...input.annualData, uscc: canonicalUscc(input.annualData.uscc, 'input.correction.annualData.uscc') };
  return { ...input, objectionId, annualData, runId: runIdOfObjection(objectionId) };
}

/**
 * 复核: resolves an open objection. `correction` writes the firm's corrected
 * annual data and the re-evaluated run in ONE repository transaction (the
 * run's revision is checked there: a run changed meanwhile refuses both);
 * `override` sets a class (提档/降档/定档); `dismissed` keeps all.
 * @throws ValidationError or InvalidTransitionError; nothing is written
 */
export async function resolveRunObjection(
  repository: Repository,
  input: ResolveObjectionInput,
  by: RunActor,
  options: StepOptions = {},
): Promise<ObjectionStepResult> {
  const p = parseResolveObjection(input);
  const run = await requireStoredRun(repository, p.runId, 'input.objectionId');
  const request = {
    objectionId: p.objectionId,
    outcome: p.outcome,
    reason: p.reason,
    overrideClass: p.overrideClass ?? null,
  };
  // Every rule is checked before anything is computed or written.
  const objection = checkResolution(run, request);
  let transition: RunTransition;
  let records: RegistryChanges | undefined;
  if (p.outcome === 'correction') {
    const record = correctionRecord(p.annualData, objection.uscc, run.year);
    const scheme = runScheme(run);
    const current = await loadEvaluationPopulation(repository, run.regionCode, scheme);
    // The population with the corrected record in place of the firm's: what the store holds after the write.
    const corrected = evaluationPopulation(
      {
        enterprises: current.input.enterprises,
        annualData: [...current.input.annualData.filter((d) => d.uscc !== objection.uscc), record.parsed],
        parcels: current.input.parcels ?? [],
      },
      scheme,
    );
    const results = new Map((await repository.loadRunResults(run.id)).map((r) => [r.uscc, r]));
    transition = resolveObjection(run, request, by, {
      correction: {
        evaluation: evaluate(scheme, corrected.input),
        dataRevision: dataRevision(corrected.input, run.year),
        current: results,
      },
    });
    records = { annualData: [record.input] };
  } else {
    const [firm] = await repository.getRunResults(run.id, [objection.uscc]);
    transition = resolveObjection(run, request, by, { firm });
  }
  const saved = await repository.updateRun(
    transition,
    writeContext(by, options.requestId),
    records ? { records } : undefined,
  );
  return {
    run: saved,
    objection: saved.objections.find((o) => o.id === p.objectionId) as Objection,
    changed: { results: transition.results.length, records: records?.annualData?.length ?? 0 },
  };
}

/** The corrected record of the objected firm for the run's year. @throws ValidationError */
function correctionRecord(input: Readonly<Record<string, unknown>> | null | undefined, uscc: string, year: number) {
  const field = 'input.correction.annualData';
  if (!input) throw badInput('input.correction', 'correction.needed');
  if (input.uscc !== uscc) throw badInput(`${field}.uscc`, 'correction.firm', uscc);
  if (input.year !== year) throw badInput(`${field}.year`, 'correction.year', String(year));
  const record: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== null && v !== undefined) record[k] = v;
  return { input: record, parsed: parseWith(annualDataSchema, record, field) };
}
