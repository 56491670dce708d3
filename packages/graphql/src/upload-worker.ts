/**
 * The worker-thread side of the gateway's upload planner (upload-reader.ts):
 * a long-lived thread of the upload pool that plans one import at a time
 * with @mujun/intake's `planIntake` — unzipping, parsing, checking every
 * cell, reconciling with the registry, the duplicate check, the merge and
 * the completeness report — and posts back the report and the records to
 * write. The gateway's event loop only authorises, sends and writes.
 *
 * The registry comes in input form (`RegistryView`) and is parsed here once
 * per worker; after a write, only what changed comes (`RegistryDelta`): a
 * worker plans many uploads against the registry it holds.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import type { Registry } from '@mujun/core';
import { parseAnnualData, parseEnterprise, parseRegion } from '@mujun/core';
import { annualDataKey } from '@mujun/core/model';
import { planIntake } from '@mujun/intake';
import type { PlanJob, PlanReply, RegistryDelta, RegistryView } from './upload-reader';

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

/** The registry of `delta.base` with the delta's changes (new maps: the base is not modified). */
function applyDelta(base: Registry, delta: RegistryDelta, year: number): Registry {
  const enterprises = new Map(base.enterprises);
  for (const uscc of delta.removedEnterprises) enterprises.delete(uscc);
  for (const input of delta.enterprises) enterprises.set(input.uscc, parseEnterprise(input));
  const annualData = new Map(base.annualData);
  for (const uscc of delta.removedAnnualData) annualData.delete(annualDataKey(uscc, year));
  for (const input of delta.annualData) {
    const d = parseAnnualData(input);
    annualData.set(annualDataKey(d.uscc, d.year), d);
  }
  const region = delta.region ? parseRegion(delta.region) : base.region;
  return { region, enterprises, parcels: base.parcels, parks: base.parks, annualData };
}

parentPort?.on('message', (job: PlanJob) => {
  const reply = (m: Omit<PlanReply, 'id' | 'heapMb'>) => {
    // The heap this worker holds after the job: the pool retires a worker left large.
    const heapMb = Math.round(getHeapStatistics().total_heap_size / 1048576);
    parentPort?.postMessage({ id: job.id, heapMb, ...m } satisfies PlanReply);
  };
  void (async () => {
    const { key, view, delta } = job.registry;
    if (view) cached = { key, registry: registryOf(view) };
    else if (delta) {
      if (cached?.key !== delta.base) throw new Error('the registry’s base was not sent');
      cached = { key, registry: applyDelta(cached.registry, delta, job.year) };
    }
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
