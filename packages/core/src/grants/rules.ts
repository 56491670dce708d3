/**
 * Every rule of the land-grant domain (标准地) and its message, in one place;
 * `RULES` in ../rules.ts spreads this table, so a `ValidationError` names these ids.
 */
export const GRANT_RULES = {
  'grant.unit': 'a commitment is stated in its indicator’s unit',
  'grant.comparator': 'a commitment states a value (不少于 / 不超过) or a range (min and max)',
  'grant.stage': 'an annual-data indicator is measured at 达产复核, not at 竣工验收',
  'grant.commitmentDuplicate': 'an indicator is committed twice at the same check',
  'grant.startPrice': 'the start price differs from the one its pricing rule gives',
  'grant.deposit': 'the deposit differs from the one its pricing rule gives',
  'grant.transactionBelowStart': 'the transaction price is below the start price',
  'grant.dateOrder': 'the dates of the grant are out of order',
  'grant.vacatedParcel': 'a grant of vacated land names the parcel it re-supplies',
  'grant.parcelNotVacated':
    'the parcel had not been vacated and accepted (验收) in the campaign ledger by the grant date',
  'grant.consequenceIndicator': 'a cash shortfall is computed for a per-mu money indicator',
  'grant.town': 'the grant lies in a town of the region',
  'grant.grantee': 'the grantee is not in the registry of the region',
} as const;

export type GrantRule = keyof typeof GRANT_RULES;
