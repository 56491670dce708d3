import { ERROR_PREFIX } from '@mujun/core/internal';

/**
 * Every message the gateway writes, in one module: tests assert them and
 * operators can grep for them. Core's rule ids and their sentences are in
 * `@mujun/core`'s `RULES` (core/src/rules.ts); the prefix is core's.
 */

export const PREFIX = ERROR_PREFIX;

export const authMessages = {
  scheme: `${PREFIX} the Authorization header must be "Bearer <token>"`,
  noSecret: `${PREFIX} this gateway has no token secret (set MUJUN_JWT_SECRET): bearer tokens cannot be verified`,
  shortSecret: `${PREFIX} the token secret must be at least 32 bytes`,
  expired: `${PREFIX} the bearer token has expired`,
  badPublicKey: `${PREFIX} the public key is not a PEM SPKI key for RS256 or ES256`,
  algorithm: (alg: string, accepted: readonly string[]) =>
    `${PREFIX} the bearer token is signed with ${alg}; this gateway accepts ${accepted.join(', ')}`,
  tooLong: (max: number) =>
    `${PREFIX} the bearer token lives longer than this gateway's maximum of ${max} seconds: ask for a shorter one`,
  issuedInFuture: (skew: number) =>
    `${PREFIX} the bearer token is issued in the future ("iat" more than ${skew} seconds ahead of this gateway's clock): check the issuer's clock`,
  claim: (claim: string, reason: string) =>
    reason === 'missing'
      ? `${PREFIX} the bearer token has no "${claim}" claim`
      : `${PREFIX} the bearer token's "${claim}" claim is not what this gateway expects`,
  invalid: (reason: string) => `${PREFIX} the bearer token is not valid (${reason})`,
  townClaim: `${PREFIX} a townOperator token needs a "town" claim holding a 12-digit town code`,
  cityClaim: `${PREFIX} a cityAdmin token needs a "city" claim holding a 6-digit city code`,
  role: (role: unknown) =>
    `${PREFIX} the token role ${JSON.stringify(role)} is not one of viewer, townOperator, cityAdmin`,
  readDenied: `${PREFIX} this gateway does not serve anonymous requests: send a bearer token`,
  writeDenied: `${PREFIX} writing needs a townOperator or cityAdmin token`,
  liveEvaluationDenied: `${PREFIX} a live evaluation of current data is for the city's admins: read a published run (evaluationRuns) instead`,
  cityAdminOnly: `${PREFIX} this write is city-wide: it needs a cityAdmin token of the city`,
  cityDenied: (city: string) => `${PREFIX} this token may not write records of city ${city}`,
  townDenied: (field: string, town: string) => `${PREFIX} ${field}: this token may not write records of town ${town}`,
} as const;

export const gatewayMessages = {
  unexpected: 'Unexpected error.',
  productionNeedsKey: `${PREFIX} production mode needs a token key: set MUJUN_JWT_SECRET (HS256, 32+ bytes), MUJUN_JWT_PUBLIC_KEY_FILE (PEM, RS256/ES256) or MUJUN_JWKS_FILE (a JWKS document)`,
  corsOrigin: (origin: string) =>
    `${PREFIX} CORS origin ${JSON.stringify(origin)} is not an origin such as https://dash.example.gov.cn ("*" is never allowed)`,
  notJson: 'is not a JSON document',
  control: 'may not contain control characters (U+0000–U+001F other than tab and line breaks, or U+007F)',
  bodyTooLarge: (max: number) =>
    `${PREFIX} the request body is larger than this gateway's limit of ${max} bytes (MUJUN_MAX_BODY_BYTES)`,
  introspectionDisabled: (field: string) =>
    `GraphQL introspection has been disabled, but the requested query contained the field "${field}" (MUJUN_INTROSPECTION)`,
  schemeCity: (code: string, city: string) => `the scheme's jurisdiction is ${code}, not the city ${city} written`,
  drawnTooLarge: (positions: number, max: number) =>
    `the drawn polygon has ${positions} positions; at most ${max} are accepted`,
  outputOnly: (type: string) => `${type} is an output type only`,
  unknownRegion: (city: string) => `no region with the code ${city}; see the regions query for those loaded`,
  unknownTown: (town: string, city: string) => `${town} is neither a code nor a name of a town of ${city}`,
  unknownPark: (park: string, city: string) => `no park ${park} in ${city}; see the parks of the region`,
  unknownIndustry: (industry: string) =>
    `${industry} is not a GB/T 4754-2017 section letter or code such as "C", "17" or "1751"`,
  unknownCohort: (cohort: string, ids: readonly string[]) =>
    `the scheme has no cohort ${cohort}; its cohorts are ${ids.join(', ')}`,
  townOutsideCity: (town: string, city: string) => `town ${town} does not lie in city ${city}`,
  pageTooLarge: (arg: string, n: number, max: number) => `${arg} is ${n}; a page holds at most ${max} rows`,
  pageNegative: (arg: string, n: number) => `${arg} is ${n}; it must be 0 or more`,
  firstAndLast: 'give first (forward) or last (backward), not both',
  badCursor: (cursor: string) => `"${cursor}" is not a cursor of this list`,
  unknownRun: (id: string) => `no evaluation run ${id} that you may read`,
  noPolicies: (scheme: string) => `scheme ${scheme} has no policy table (policies)`,
  resultsWorkbookDenied: `${PREFIX} the results workbook carries every firm's figures: a city admin of the run's city only`,
  policyDenied: `${PREFIX} policy lists carry firms' figures: a town operator or city admin of the city only`,
  ranksHidden: 'the scheme publishes classes 排名不分先后: results cannot be ordered by rank for you',
  statusHidden:
    "a firm's status is shown only to the city's admins and its own town's operators: filter by status with town set to your own town",
  figuresHidden: (arg: string) =>
    `${arg} filters by firms' figures, which are shown only to the city's admins and to a town's operators for their own town: set town to your own town`,
  yearNeeded: (arg: string) => `${arg} needs a year to know which annual data to compare`,
  decimalFloat: (literal: string) =>
    `Decimal cannot represent the float literal ${literal}: floats are not exact, write it as a string "${literal}"`,
  decimalNumber: (value: number) =>
    Number.isInteger(value)
      ? `Decimal cannot represent the JS number ${value}: beyond 2^53 a JS number is not exact; send a string`
      : `Decimal cannot represent the JS number ${value}: it has a fraction and is not exact; send a string`,
  decimalFormat: (value: string) => `Decimal cannot represent "${value}": expected a decimal string such as "24.097"`,
  decimalType: (kind: string) => `Decimal cannot represent a ${kind}: send a decimal string such as "24.097"`,
  dateTimeFormat: (value: string) =>
    `DateTime cannot represent "${value}": expected ISO 8601 with seconds and an offset, e.g. 2026-12-07T22:56:39Z or 2026-12-08T06:56:39+08:00`,
  dateFormat: (value: string) => `Date cannot represent "${value}": expected a calendar date YYYY-MM-DD`,
  dashboardArgument: `${PREFIX} --dashboard needs the folder of a dashboard build, e.g. examples/dashboard/dist`,
  dashboardMissing: (dir: string) =>
    `${PREFIX} no dashboard build in ${dir} (index.html missing): run pnpm --filter @mujun/example-dashboard build`,
  representations: (count: number, max: number) =>
    `${PREFIX} _entities was sent ${count} representations; a request may send at most ${max}`,
  representationNotObject: (index: number) =>
    `${PREFIX} representations[${index}] is not an object with __typename and its key`,
  representationType: (index: number, typename: unknown, entities: readonly string[]) =>
    `${PREFIX} representations[${index}]: __typename ${JSON.stringify(typename)} is not an entity of mujun's subgraph (${entities.join(', ')})`,
  representationKey: (index: number, typename: string, key: string) =>
    `${PREFIX} representations[${index}]: a ${typename} representation needs its key "${key}" as a string`,
  representationUscc: (index: number, reason: string) => `${PREFIX} representations[${index}].uscc: ${reason}`,
  oidcClientMissing: `${PREFIX} MUJUN_OIDC_ISSUER is set but MUJUN_OIDC_CLIENT_ID is not: give the dashboard's client id at the provider`,
  oidcIssuer: (issuer: string) => `${PREFIX} MUJUN_OIDC_ISSUER must be an absolute URL, not ${issuer}`,
  complexity: (kind: string, actual: number, max: number | undefined) =>
    `query ${kind.toLowerCase()} is ${actual}, above the limit of ${max ?? '?'}`,
} as const;
