import { type Enterprise, type EvaluationRun, findTown, invalid, type Region, type Town } from '@mujun/core';
import { type MujunContext, perRequest } from './context';
import { gatewayMessages } from './messages';

/** The region of a 6-digit city code. @throws ValidationError naming `field` when there is none */
export async function requireRegion(ctx: MujunContext, city: string, field = 'city'): Promise<Region> {
  const region = /^\d{6}$/.test(city) ? await ctx.loaders.region.load(city) : undefined;
  if (!region) throw invalid(field, 'reference.region', gatewayMessages.unknownRegion(city));
  return region;
}

/** A town of `region` by 12-digit code or name (石门, 石门镇). @throws ValidationError naming `field` */
export function requireTown(region: Region, town: string, field = 'town'): Town {
  const found = findTown(region, town);
  if (!found) throw invalid(field, 'reference.town', gatewayMessages.unknownTown(town, region.code));
  return found;
}

/** The 6-digit city code of a 12-digit town code. */
export function cityOf(townCode: string): string {
  return townCode.slice(0, 6);
}

/** The town record of a town code, from the region loader (cached per request). */
export async function townOf(ctx: MujunContext, townCode: string): Promise<Town> {
  const region = await requireRegion(ctx, cityOf(townCode), 'townCode');
  return requireTown(region, townCode, 'townCode');
}

/** An evaluation run by id, read once per request (the write policy and the resolver share it). */
export function loadRun(ctx: MujunContext, id: string): Promise<EvaluationRun | undefined> {
  return perRequest(ctx, `run:${id}`, () => ctx.repository.getRun(id));
}

/** The run a write names. @throws ValidationError naming `field` when there is none */
export async function requireRun(ctx: MujunContext, id: string, field: string): Promise<EvaluationRun> {
  const run = await loadRun(ctx, id);
  if (!run) throw invalid(field, 'reference.run', gatewayMessages.unknownRun(id));
  return run;
}

/** An enterprise loaded through the request's loader, or undefined. */
export function loadEnterprise(ctx: MujunContext, uscc: string): Promise<Enterprise | undefined> {
  return ctx.loaders.enterprise.load(uscc);
}

/**
 * A JSON document sent as a string argument (a target set, a scheme).
 * @throws ValidationError naming `field` when the text is not JSON (the parser's own text is not echoed)
 */
export function parseJsonArgument(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(field, 'json.syntax', gatewayMessages.notJson);
  }
}
