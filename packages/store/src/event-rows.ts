import { type CampaignEvent, canonicalEvent } from '@mujun/core';

/** The columns of `campaign_event` for one applied event at ledger position `seq`. */
export const EVENT_COLUMNS = [
  ['region_code', 'text'],
  ['seq', 'bigint'],
  ['id', 'text'],
  ['type', 'text'],
  ['town_code', 'text'],
  ['date', 'date'],
  ['stage', 'text'],
  ['area_mu', 'numeric'],
  ['floor_area_mu', 'numeric'],
  ['items', 'integer'],
  ['canonical', 'text'],
] as const;

/** `canonical` is the event's canonical JSON (the ledger keeps it; computed when not given). */
export function eventRow(regionCode: string, seq: number, event: CampaignEvent, canonical?: string): unknown[] {
  let stage: string | null = null;
  let areaMu: string | null = null;
  let floorArea: string | null = null;
  let items: number | null = null;
  switch (event.type) {
    case 'vacatingStage':
      stage = event.stage;
      areaMu = event.area.toDecimal('mu').toFixed();
      break;
    case 'idleLandRevitalised':
    case 'inParkLandRemediated':
      areaMu = event.area.toDecimal('mu').toFixed();
      break;
    case 'parkFloorAreaCompleted':
      // In 亩, like every area column: 亩 always has a finite decimal form, m² may not.
      floorArea = event.floorArea.toDecimal('mu').toFixed();
      break;
    case 'backwardCapacityEliminated':
      items = event.items;
      break;
    default:
      break;
  }
  return [
    regionCode,
    seq,
    event.id,
    event.type,
    event.townCode,
    event.date,
    stage,
    areaMu,
    floorArea,
    items,
    canonical ?? canonicalEvent(event),
  ];
}
