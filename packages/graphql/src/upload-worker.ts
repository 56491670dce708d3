/**
 * The worker-thread side of `workerFileReader` (upload-reader.ts): reads one
 * uploaded department file with @mujun/intake's `readIntakeFile` and posts
 * back what it read. Unzipping, XML and CSV parsing, and checking every
 * cell happen here, off the gateway's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type IntakeFile, type IntakeLimits, readIntakeFile } from '@mujun/intake';

interface Job {
  readonly file: IntakeFile;
  readonly year: number;
  readonly limits: IntakeLimits;
}

const job = workerData as Job;
readIntakeFile(job.file, job.year, job.limits).then(
  (read) => parentPort?.postMessage({ read }),
  (e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);
