/**
 * The worker-thread side of `workerFileReader` (upload-reader.ts): waits,
 * loaded, for one uploaded department file, reads it with @mujun/intake's
 * `readIntakeFile` and posts back what it read. Unzipping, XML and CSV
 * parsing, and checking every cell happen here, off the gateway's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { type IntakeFile, type IntakeLimits, readIntakeFile } from '@mujun/intake';

interface Job {
  readonly file: IntakeFile;
  readonly year: number;
  readonly limits: IntakeLimits;
}

parentPort?.once('message', (job: Job) => {
  readIntakeFile(job.file, job.year, job.limits).then(
    (read) => parentPort?.postMessage({ read }),
    (e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
