/**
 * The rule ids the gateway itself reports (arguments, paging, uploads, …),
 * with their sentences; core's are in `@mujun/core`'s `RULES`. Merged into
 * core's `RuleCatalog`, so `FieldIssue.rule` admits exactly these and core's,
 * and `rules.test.ts` checks every id here is used and every id used is here.
 */
export const GATEWAY_RULES = {
  'json.syntax': 'not a JSON document',
  'cursor.format': 'not a cursor of this list',
  'page.negative': 'a page size is 0 or more',
  'page.maxSize': 'a page holds at most the gateway’s maximum of rows',
  'page.firstAndLast': 'give first (forward) or last (backward), not both',
  'filter.yearNeeded': 'the filter needs a year to know which annual data to compare',
  'filter.industry': 'not a GB/T 4754-2017 section letter or code',
  'filter.cohort': 'the scheme has no such cohort',
  'policies.none': 'the scheme has no policy table',
  'rank.hidden': 'the scheme publishes classes 排名不分先后: results cannot be ordered by rank',
  'figures.hidden': "a filter by firms' figures only for those who see every listed firm's figures",
  'status.hidden': "a firm's status is shown only to the city's admins and its own town's operators",
  'upload.type': 'a file is sent as a multipart upload',
  'upload.size': 'the upload is larger than the gateway’s limit',
  'week.range': 'the year has no such ISO week',
  'ranking.none': 'no ranking is configured with the city’s targets for the year',
} as const;

type GatewayRuleTable = { readonly [K in keyof typeof GATEWAY_RULES]: string };

declare module '@mujun/core' {
  interface RuleCatalog extends GatewayRuleTable {}
}
