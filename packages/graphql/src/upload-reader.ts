import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type IntakeFile,
  type IntakeFileReader,
  type IntakeLimits,
  type ReadIntakeFile,
  readerFailure,
  readIntakeFile,
  resolveLimits,
} from '@mujun/intake';

/** Heap a worker reading one upload may use (MiB) before it is stopped; the gateway's own heap is untouched. */
export const UPLOAD_WORKER_HEAP_MB = 256;

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

/**
 * Reads each uploaded file in a worker thread of its own (`readIntakeFile`
 * there), so that a large or hostile file costs the gateway's event loop
 * nothing while it is unzipped, parsed and checked: other clients keep being
 * served. The worker's heap is capped (`heapMb`): a file that would need more
 * is a file-level error (`file.worker`), and the gateway lives on. The bytes
 * are moved to the worker, not copied.
 */
export function workerFileReader(options: { readonly heapMb?: number } = {}): IntakeFileReader {
  const heapMb = options.heapMb ?? UPLOAD_WORKER_HEAP_MB;
  return (file: IntakeFile, year: number, limits: IntakeLimits) =>
    new Promise<ReadIntakeFile>((resolve) => {
      const module = workerModule();
      const bytes = file.bytes.slice();
      const job = { file: { ...file, bytes }, year, limits };
      let settled = false;
      const settle = (read: ReadIntakeFile) => {
        if (settled) return;
        settled = true;
        resolve(read);
      };
      const worker = new Worker(module.script, {
        eval: module.eval,
        workerData: job,
        transferList: [bytes.buffer as ArrayBuffer],
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
      });
      worker.once('message', (m: { read?: ReadIntakeFile; error?: string }) => {
        settle(m.read ?? readerFailure(file.name, m.error ?? 'no answer'));
        void worker.terminate();
      });
      worker.once('error', (e) => {
        const oom = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        settle(readerFailure(file.name, oom ? `it needs more than ${heapMb} MiB` : e.message));
      });
      worker.once('exit', (code) => settle(readerFailure(file.name, `the reader stopped (exit ${code})`)));
    });
}

/** How the gateway reads uploads: the limits in force and the reader. */
export interface UploadIntake {
  readonly limits: IntakeLimits;
  readonly reader: IntakeFileReader;
}

/**
 * The upload intake of a gateway: limits from its option over
 * `MUJUN_INTAKE_MAX_*` over the defaults; each upload read in a worker
 * thread unless `worker: false` (then in the gateway's own thread).
 */
export function uploadIntake(
  options: { readonly limits?: Partial<IntakeLimits>; readonly worker?: boolean; readonly heapMb?: number } = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): UploadIntake {
  return {
    limits: resolveLimits(options.limits ?? {}, env),
    reader:
      options.worker === false
        ? readIntakeFile
        : workerFileReader(options.heapMb === undefined ? {} : { heapMb: options.heapMb }),
  };
}
