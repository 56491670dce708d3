export { type EventParseResult, safeParseCampaignEvents } from './bulk';
export * from './durations';
export * from './events';
export {
  type AppliedEvent,
  applyBatch,
  type BatchOptions,
  type BatchResult,
  CampaignLedger,
  type EventError,
  emptyLedger,
  FUTURE_EVENT_MARGIN_DAYS,
  parcelStages,
  rebindLedger,
  remediationFlags,
  replayLedger,
} from './ledger';
export * from './measures';
export * from './references';
export * from './statistics';
