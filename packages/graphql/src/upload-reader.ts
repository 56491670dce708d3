import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EnterpriseAnnualDataInput, EnterpriseInput, Registry } from '@mujun/core';
import { annualDataToInput, enterpriseToInput, regionToInput } from '@mujun/core/model';
import {
  DEFAULT_LIMITS,
  type IntakeFile,
  type IntakeLimits,
  type IntakePlan,
  type IntakePlanner,
  type IntakeReport,
  planIntake,
  readerFailure,
  resolveLimits,
  type SourceRow,
} from '@mujun/intake';

/** Heap a worker planning uploads may use (MiB) before it is stopped; the gateway's own heap is untouched. */
export const UPLOAD_WORKER_HEAP_MB = 256;

/** A worker holding more heap than this (MiB) after an upload is retired and replaced: its memory goes back. */
export const UPLOAD_WORKER_RETIRE_MB = 96;

/** Longest an upload may be planned (ms) before its worker is stopped: a file-level error, not a stuck queue. */
export const UPLOAD_WORKER_TIME_MS = 60_000;

/**
 * Worker threads kept for uploads: one per core left to the gateway, at most
 * two (each may use `heapMb`; two hostile files at once stay bounded).
 */
export const defaultUploadWorkers = (): number => Math.max(1, Math.min(2, availableParallelism() - 1));

/** What a worker needs of a registry to plan an import of one year, in input form (structured-clone safe). */
export interface RegistryView {
  readonly region: ReturnType<typeof regionToInput>;
  readonly enterprises: readonly EnterpriseInput[];
  readonly annualData: readonly EnterpriseAnnualDataInput[];
}

/**
 * A registry view as changes to the one of key `base` (the same region and
 * year): after a write, a worker gets the few firms and records that changed,
 * not the whole registry again.
 */
export interface RegistryDelta {
  readonly base: number;
  readonly region?: ReturnType<typeof regionToInput>;
  readonly enterprises: readonly EnterpriseInput[];
  readonly removedEnterprises: readonly string[];
  readonly annualData: readonly EnterpriseAnnualDataInput[];
  /** USCCs whose record of the year is gone. */
  readonly removedAnnualData: readonly string[];
}

/**
 * One plan sent to a worker, with the registry of key `registry.key`: nothing
 * more when the worker holds it, its `delta` when the worker holds the base,
 * else its whole `view`.
 */
export interface PlanJob {
  readonly id: number;
  readonly files: readonly IntakeFile[];
  readonly year: number;
  readonly limits: IntakeLimits;
  readonly acceptValid: boolean;
  readonly allowedTowns?: readonly string[];
  readonly keepRejected: boolean;
  readonly registry: { readonly key: number; readonly view?: RegistryView; readonly delta?: RegistryDelta };
}

/** A worker's answer: the plan (headers as entries), or why it failed; and the heap it holds after. */
export interface PlanReply {
  readonly id: number;
  readonly heapMb: number;
  readonly plan?: {
    readonly report: IntakeReport;
    readonly records: IntakePlan['records'];
    readonly rejected: readonly SourceRow[];
    readonly headers: readonly (readonly [string, readonly string[]])[];
  };
  readonly error?: string;
}

/**
 * The worker's module beside this one: the built JavaScript, or (tests, dev)
 * the TypeScript source, loaded by a bootstrap that registers tsx's loader
 * in the worker's own thread first.
 */
function workerModule(): { script: string | URL; eval: boolean } {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const dir = dirname(here);
  for (const name of ['upload-worker.js', 'upload-worker.mjs']) {
    const path = join(dir, name);
    if (existsSync(path)) return { script: pathToFileURL(path), eval: false };
  }
  const source = pathToFileURL(join(dir, 'upload-worker.ts')).href;
  // tsx's ESM API by its exports map (require.resolve would give its CommonJS build).
  const manifest = createRequire(here).resolve('tsx/package.json');
  const exportsMap = JSON.parse(readFileSync(manifest, 'utf8')).exports['./esm/api'].import.default as string;
  const tsx = pathToFileURL(join(dirname(manifest), exportsMap)).href;
  return {
    script: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); });`,
    eval: true,
  };
}

/** A registry as sent to workers for a year: its key, the changes from the previous one, its view when asked. */
interface Snapshot {
  readonly key: number;
  readonly registry: Registry;
  readonly year: number;
  readonly delta?: RegistryDelta;
  view?: RegistryView;
}

/** Snapshots by registry object and year: repositories hand out one registry object per revision. */
const snapshots = new WeakMap<Registry, Map<number, Snapshot>>();
/** The latest snapshot of each region and year, the base of the next one's delta. */
const latest = new Map<string, Snapshot>();
let nextKey = 1;

/**
 * The snapshot of a registry for a year. Its delta from the previous
 * registry of the region compares entries by identity (a repository's new
 * revision keeps the objects it did not change), so the gateway's thread
 * converts only what a write changed; the whole view is made only for a
 * worker that holds no base (its first upload, or after a replacement).
 */
function registrySnapshot(registry: Registry, year: number): Snapshot {
  let byYear = snapshots.get(registry);
  if (!byYear) {
    byYear = new Map();
    snapshots.set(registry, byYear);
  }
  const found = byYear.get(year);
  if (found) return found;
  const region = `${registry.region.code}:${year}`;
  const previous = latest.get(region);
  const snapshot: Snapshot = {
    key: nextKey++,
    registry,
    year,
    ...(previous ? { delta: deltaOf(previous, registry, year) } : {}),
  };
  byYear.set(year, snapshot);
  latest.set(region, snapshot);
  return snapshot;
}

function deltaOf(previous: Snapshot, registry: Registry, year: number): RegistryDelta {
  const before = previous.registry;
  const enterprises: EnterpriseInput[] = [];
  for (const [uscc, e] of registry.enterprises)
    if (before.enterprises.get(uscc) !== e) enterprises.push(enterpriseToInput(e));
  const removedEnterprises: string[] = [];
  for (const uscc of before.enterprises.keys()) if (!registry.enterprises.has(uscc)) removedEnterprises.push(uscc);
  const annualData: EnterpriseAnnualDataInput[] = [];
  const removedAnnualData: string[] = [];
  for (const [key, d] of registry.annualData) {
    if (d.year === year && before.annualData.get(key) !== d) annualData.push(annualDataToInput(d));
  }
  for (const [key, d] of before.annualData)
    if (d.year === year && !registry.annualData.has(key)) removedAnnualData.push(d.uscc);
  return {
    base: previous.key,
    ...(registry.region === before.region ? {} : { region: regionToInput(registry.region) }),
    enterprises,
    removedEnterprises,
    annualData,
    removedAnnualData,
  };
}

function viewOf(snapshot: Snapshot): RegistryView {
  if (!snapshot.view) {
    const { registry, year } = snapshot;
    const annualData: EnterpriseAnnualDataInput[] = [];
    for (const d of registry.annualData.values()) if (d.year === year) annualData.push(annualDataToInput(d));
    const enterprises: EnterpriseInput[] = [];
    for (const e of registry.enterprises.values()) enterprises.push(enterpriseToInput(e));
    snapshot.view = { region: regionToInput(registry.region), enterprises, annualData };
  }
  return snapshot.view;
}

interface Slot {
  worker: Worker | undefined;
  /** The registry key the worker holds. */
  registryKey: number | undefined;
  job: { readonly id: number; readonly settle: (reply: PlanReply | { readonly failure: string }) => void } | undefined;
  /** The worker that takes over once it has loaded its modules (`ready`): the next upload never waits for one. */
  standby: Worker | undefined;
  standbyReady: boolean;
}

export interface UploadPoolOptions {
  /** Worker threads (default `defaultUploadWorkers()`). */
  readonly workers?: number;
  /** Heap of each worker, MiB (default `UPLOAD_WORKER_HEAP_MB`). */
  readonly heapMb?: number;
  /** Retire a worker holding more heap than this after an upload, MiB (default `UPLOAD_WORKER_RETIRE_MB`). */
  readonly retireMb?: number;
  /** Longest one upload may take, ms (default `UPLOAD_WORKER_TIME_MS`). */
  readonly timeMs?: number;
}

/**
 * A small pool of long-lived worker threads that plan uploads, kept warm: a
 * worker loads its modules once, not once per upload, and a worker that
 * crashes, runs out of its heap (`resourceLimits`) or overruns the time
 * limit fails its own upload only (a file-level error) and is replaced at
 * once. Uploads beyond the pool's size wait their turn.
 *
 * (piscina, the usual pool, fits Node 20 but loads a worker by file name
 * only, while the gateway's tests run its TypeScript through a tsx
 * bootstrap; and a crash must become a report, which needs the slot's own
 * bookkeeping anyway. This is that bookkeeping and no more.)
 */
export class UploadPool {
  readonly #slots: Slot[];
  readonly #queue: {
    readonly job: Omit<PlanJob, 'registry'>;
    readonly snapshot: Snapshot;
    readonly settle: (reply: PlanReply | { readonly failure: string }) => void;
  }[] = [];
  readonly #heapMb: number;
  readonly #retireMb: number;
  readonly #timeMs: number;
  #nextId = 1;

  constructor(options: UploadPoolOptions = {}) {
    this.#slots = Array.from({ length: Math.max(1, options.workers ?? defaultUploadWorkers()) }, () => ({
      worker: undefined,
      registryKey: undefined,
      job: undefined,
      standby: undefined,
      standbyReady: false,
    }));
    this.#heapMb = options.heapMb ?? UPLOAD_WORKER_HEAP_MB;
    this.#retireMb = options.retireMb ?? UPLOAD_WORKER_RETIRE_MB;
    this.#timeMs = options.timeMs ?? UPLOAD_WORKER_TIME_MS;
  }

  /** Starts every worker now (else each starts on its first upload). */
  warm(): void {
    for (const slot of this.#slots) if (!slot.worker) slot.worker = this.#start(slot);
  }

  /** Stops every worker; uploads under way fail as files. */
  async close(): Promise<void> {
    await Promise.all(
      this.#slots.map(async (slot) => {
        const standby = slot.standby;
        slot.standby = undefined;
        await Promise.all([this.#drop(slot, 'the gateway is closing', false), standby?.terminate()]);
      }),
    );
  }

  /** The worker threads serving now (for tests: a crashed or retired one is replaced). */
  get threadIds(): number[] {
    return this.#slots.flatMap((s) => (s.worker ? [s.worker.threadId] : []));
  }

  /** Plans an import in a worker; a failed worker is a `{ failure }`, never a throw. */
  plan(job: Omit<PlanJob, 'id' | 'registry'>, registry: Registry): Promise<PlanReply | { readonly failure: string }> {
    const id = this.#nextId++;
    const snapshot = registrySnapshot(registry, job.year);
    return new Promise((settle) => {
      this.#queue.push({ job: { ...job, id }, snapshot, settle });
      this.#pump();
    });
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.job) continue;
      this.#swap(slot);
      const next = this.#queue.shift();
      if (!next) return;
      if (!slot.worker) slot.worker = this.#start(slot);
      const worker = slot.worker;
      const { job, snapshot } = next;
      const timer = setTimeout(() => {
        if (slot.job?.id === job.id) void this.#drop(slot, `it took longer than ${this.#timeMs / 1000} s`, true);
      }, this.#timeMs);
      timer.unref();
      slot.job = {
        id: job.id,
        settle: (r) => {
          clearTimeout(timer);
          next.settle(r);
        },
      };
      const { key, delta } = snapshot;
      const registry =
        slot.registryKey === key
          ? { key }
          : delta && slot.registryKey === delta.base
            ? { key, delta }
            : { key, view: viewOf(snapshot) };
      slot.registryKey = key;
      worker.postMessage(
        { ...job, registry } satisfies PlanJob,
        job.files.map((f) => f.bytes.buffer as ArrayBuffer),
      );
    }
  }

  /** An idle slot whose standby is ready takes it: the old worker (and the heap it grew) goes. */
  #swap(slot: Slot): void {
    if (slot.job || !slot.standby || !slot.standbyReady) return;
    const old = slot.worker;
    slot.worker = slot.standby;
    slot.registryKey = undefined;
    slot.standby = undefined;
    slot.standbyReady = false;
    void old?.terminate();
  }

  /** A new worker of a slot: its answers count only while it is the slot's worker, its `ready` while standby. */
  #start(slot: Slot): Worker {
    const module = workerModule();
    const worker = new Worker(module.script, {
      eval: module.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb, maxYoungGenerationSizeMb: 32 },
    });
    // An idle pool keeps no process alive (tests, CLI tools that create a gateway).
    worker.unref();
    worker.on('message', (reply: PlanReply | { readonly ready: true }) => {
      if ('ready' in reply) {
        if (slot.standby === worker) {
          slot.standbyReady = true;
          this.#swap(slot);
        }
        return;
      }
      const job = slot.job;
      if (slot.worker !== worker || !job || job.id !== reply.id) return;
      slot.job = undefined;
      // A failed plan may have failed before the worker took the registry sent with it.
      if (reply.error !== undefined) slot.registryKey = undefined;
      job.settle(reply);
      // Grown past `retireMb` (a large file): a fresh worker loads beside it and takes over when ready.
      if (reply.heapMb > this.#retireMb && !slot.standby) slot.standby = this.#start(slot);
      this.#pump();
    });
    const failed = (why: string) => {
      if (slot.worker === worker) void this.#drop(slot, why, true);
      else if (slot.standby === worker) {
        slot.standby = undefined;
        slot.standbyReady = false;
      }
    };
    worker.on('error', (e) => {
      const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      failed(oom ? `it needs more than ${this.#heapMb} MiB` : e.message);
    });
    worker.on('exit', (code) => failed(`the reader stopped (exit ${code})`));
    return worker;
  }

  /**
   * Stops a slot's worker and fails its upload with `why`; unless closing,
   * the standby (or a new worker, on the next upload) replaces it and the
   * queue goes on.
   */
  async #drop(slot: Slot, why: string, replace: boolean): Promise<void> {
    const { worker, job } = slot;
    slot.worker = undefined;
    slot.registryKey = undefined;
    slot.job = undefined;
    job?.settle({ failure: why });
    if (replace) {
      // The standby if one is loading; else the next upload starts a worker (a worker that
      // cannot even start fails one upload at a time, never a loop of restarts).
      if (slot.standby) {
        slot.worker = slot.standby;
        slot.standby = undefined;
        slot.standbyReady = false;
      }
      this.#pump();
    }
    await worker?.terminate();
  }
}

/**
 * Plans each upload in the pool's workers: the main thread sends the files
 * (moved, not copied) and the registry's view, and gets back the report and
 * the records to write. A worker that failed gives the same report as a
 * file the reader refused: one `file.worker` error per file, nothing written.
 */
export function workerPlanner(pool: UploadPool): IntakePlanner {
  return async (options) => {
    const files = options.files.map((f) => ({ ...f, bytes: f.bytes.slice() }));
    const answer = await pool.plan(
      {
        files,
        year: options.year,
        limits: options.limits ?? DEFAULT_LIMITS,
        acceptValid: options.acceptValid === true,
        ...(options.allowedTowns ? { allowedTowns: [...options.allowedTowns] } : {}),
        keepRejected: options.keepRejected,
      },
      options.registry,
    );
    const failure = 'failure' in answer ? answer.failure : answer.error;
    if (failure !== undefined || !('plan' in answer) || !answer.plan) {
      const why = failure ?? 'no answer';
      return planIntake({ ...options, reader: async (f) => readerFailure(f.name, why) });
    }
    return { ...answer.plan, headers: new Map(answer.plan.headers) };
  };
}

/** How the gateway plans uploads: the limits in force, the planner, and its pool of workers (if any). */
export interface UploadIntake {
  readonly limits: IntakeLimits;
  readonly planner: IntakePlanner;
  readonly pool?: UploadPool;
}

/**
 * The upload intake of a gateway: limits from its option over
 * `MUJUN_INTAKE_MAX_*` over the defaults; each upload planned in the
 * pool's worker threads unless `worker: false` (then in the gateway's own
 * thread).
 */
export function uploadIntake(
  options: { readonly limits?: Partial<IntakeLimits>; readonly worker?: boolean } & UploadPoolOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): UploadIntake {
  const limits = resolveLimits(options.limits ?? {}, env);
  if (options.worker === false) return { limits, planner: planIntake };
  const { limits: _limits, worker: _worker, ...poolOptions } = options;
  const pool = new UploadPool(poolOptions);
  return { limits, planner: workerPlanner(pool), pool };
}
