import { invalid } from '../errors';
import { findTown } from '../model/region';
import type { AppendEventsResult, LedgerRepository } from '../repository/ledger-repository';
import type { RegistryRepository } from '../repository/repository';
import { canonicalWriteInput } from './canonical';
import type { StepResult, WriteOptions } from './changes';
import { WRITE_SHAPES } from './registry';

/** A campaign event as a write gives it (`CampaignEventJson`, its town by code or name). */
export type CampaignEventDraft = { readonly id: string; readonly type: string; readonly townCode: string } & Readonly<
  Record<string, unknown>
>;

/** The input of `recordCampaignEvents`. */
export interface RecordCampaignEventsInput {
  readonly city: string;
  readonly events: readonly CampaignEventDraft[];
  /** The ledger version the caller read; if the ledger has moved on, nothing is written. */
  readonly expectedVersion?: number | null | undefined;
}

/**
 * 台账录入: records a batch of campaign events of a city, all or nothing,
 * validated by the ledger: ids canonicalised, `options.authorise` on the
 * canonical batch, each event's town resolved (code or name), then appended.
 * Returns the repository's answer; `changed` lists the events newly applied
 * (none for a refused batch or a replay).
 * @throws ValidationError for an id that does not parse or an unknown city; whatever `options.authorise` throws
 */
export async function recordCampaignEvents(
  repo: LedgerRepository & RegistryRepository,
  raw: RecordCampaignEventsInput,
  options: WriteOptions<RecordCampaignEventsInput> & { readonly futureMarginDays?: number },
): Promise<StepResult<AppendEventsResult>> {
  const root = options.root ?? 'input';
  const input = canonicalWriteInput(WRITE_SHAPES.recordCampaignEvents, raw, root);
  await options.authorise?.(input);
  const region = await repo.getRegion(input.city);
  if (!region) throw invalid(`${root}.city`, 'reference.region', `no region ${input.city}`);
  const events = input.events.map((e) => ({ ...e, townCode: findTown(region, e.townCode)?.code ?? e.townCode }));
  const result = await repo.appendEvents(
    region.code,
    events,
    {
      ...(input.expectedVersion == null ? {} : { expectedVersion: input.expectedVersion }),
      ...(options.futureMarginDays === undefined ? {} : { futureMarginDays: options.futureMarginDays }),
    },
    options.context,
  );
  const applied = result.ok ? result.applied.map((e) => e.id) : [];
  return { value: result, changed: { regionCode: region.code, events: applied } };
}
