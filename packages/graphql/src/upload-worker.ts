/**
 * The worker-thread side of the gateway's upload planner (upload-reader.ts):
 * a long-lived thread of the upload pool that plans one import at a time
 * with @mujun/intake's `planIntake` — unzipping, parsing, checking every
 * cell, reconciling with the registry, the duplicate check, the merge and
 * the completeness report — and posts back the report and the records to
 * write. The gateway's event loop only authorises, sends and writes.
 *
 * The registry comes in input form (`RegistryView`) and is parsed here once
 * per registry (by its key): a worker plans many uploads against the same one.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { Registry } from '@mujun/core';
import { parseAnnualData, parseEnterprise, parseRegion } from '@mujun/core';
import { annualDataKey } from '@mujun/core/model';
import { planIntake } from '@mujun/intake';
import type { PlanJob, PlanReply, RegistryView } from './upload-reader';

let cached: { key: number; registry: Registry } | undefined;

/**
 * The part of a registry a plan reads (the region's towns, its firms, the
 * year's stored data), parsed by the core's own rules. Parcels and parks are
 * left out: no step of the plan reads them.
 */
function registryOf(view: RegistryView): Registry {
  const enterprises = new Map(view.enterprises.map((input) => [input.uscc, parseEnterprise(input)]));
  const annualData = new Map(
    view.annualData.map((input) => {
      const d = parseAnnualData(input);
      return [annualDataKey(d.uscc, d.year), d];
    }),
  );
  return { region: parseRegion(view.region), enterprises, parcels: new Map(), parks: new Map(), annualData };
}

parentPort?.on('message', (job: PlanJob) => {
  const reply = (m: Omit<PlanReply, 'id' | 'heapMb'>) => {
    // The heap this worker holds after the job: the pool retires a worker left large.
    const heapMb = Math.round(getHeapStatistics().total_heap_size / 1048576);
    parentPort?.postMessage({ id: job.id, heapMb, ...m } satisfies PlanReply);
  };
  void (async () => {
    if (job.registry.view) cached = { key: job.registry.key, registry: registryOf(job.registry.view) };
    if (!cached || cached.key !== job.registry.key) throw new Error('the registry was not sent');
    const plan = await planIntake({
      files: job.files,
      year: job.year,
      registry: cached.registry,
      limits: job.limits,
      ...(job.acceptValid ? { acceptValid: true } : {}),
      ...(job.allowedTowns ? { allowedTowns: new Set(job.allowedTowns) } : {}),
    });
    reply({
      plan: {
        report: plan.report,
        records: plan.records,
        rejected: job.keepRejected ? plan.rejected : [],
        headers: job.keepRejected ? [...plan.headers] : [],
      },
    });
  })().catch((e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }));
});

// Loaded: a standby worker takes over from a retired one only now.
parentPort?.postMessage({ ready: true });
