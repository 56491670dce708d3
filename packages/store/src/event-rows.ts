import type { CampaignEvent } from '@mujun/core';
import { canonicalEvent } from '@mujun/core/campaign';

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

/** Adds the events at ledger positions [from, to) of a region to `campaign_daily`. */
export const ROLL_UP_DAILY = `
INSERT INTO campaign_daily (region_code, town_code, date, type, stage, events, items, area_mu, floor_area_mu)
SELECT region_code, town_code, date, type, coalesce(stage, ''), count(*), coalesce(sum(items), 0),
       coalesce(sum(area_mu), 0), coalesce(sum(floor_area_mu), 0)
  FROM campaign_event
 WHERE region_code = $1 AND seq >= $2 AND seq < $3
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (region_code, date, town_code, type, stage) DO UPDATE SET
  events = campaign_daily.events + EXCLUDED.events,
  items = campaign_daily.items + EXCLUDED.items,
  area_mu = campaign_daily.area_mu + EXCLUDED.area_mu,
  floor_area_mu = campaign_daily.floor_area_mu + EXCLUDED.floor_area_mu`;
