/**
 * Every message the gateway writes, in one module (as `@mujun/core` keeps its
 * own): tests assert them and operators can grep for them.
 */

export const PREFIX = '[mujun]';

export const authMessages = {
  scheme: `${PREFIX} the Authorization header must be "Bearer <token>"`,
  noSecret: `${PREFIX} this gateway has no token secret (set MUJUN_JWT_SECRET): bearer tokens cannot be verified`,
  shortSecret: `${PREFIX} the token secret must be at least 32 bytes`,
  expired: `${PREFIX} the bearer token has expired`,
  invalid: (reason: string) => `${PREFIX} the bearer token is not valid: ${reason}`,
  townClaim: `${PREFIX} a townOperator token needs a "town" claim holding a 12-digit town code`,
  cityClaim: `${PREFIX} a cityAdmin token needs a "city" claim holding a 6-digit city code`,
  role: (role: unknown) =>
    `${PREFIX} the token role ${JSON.stringify(role)} is not one of viewer, townOperator, cityAdmin`,
  readDenied: `${PREFIX} this gateway does not serve anonymous requests: send a bearer token`,
  writeDenied: `${PREFIX} writing needs a townOperator or cityAdmin token`,
  cityDenied: (city: string) => `${PREFIX} this token may not write records of city ${city}`,
  townDenied: (field: string, town: string) => `${PREFIX} ${field}: this token may not write records of town ${town}`,
} as const;

export const gatewayMessages = {
  unexpected: 'Unexpected error.',
  unknownRegion: (city: string) => `no region with the code ${city}; see the regions query for those loaded`,
  unknownTown: (town: string, city: string) => `${town} is neither a code nor a name of a town of ${city}`,
  townOutsideCity: (town: string, city: string) => `town ${town} does not lie in city ${city}`,
  pageTooLarge: (first: number, max: number) => `first is ${first}; a page holds at most ${max} rows`,
  pageNegative: (first: number) => `first is ${first}; it must be 0 or more`,
  backwardPaging: 'paging backwards (last/before) is not supported: page forward with first/after',
  badCursor: (cursor: string) => `"${cursor}" is not a cursor of this list`,
  yearNeeded: (arg: string) => `${arg} needs a year to know which annual data to compare`,
  decimalFloat: (literal: string) =>
    `Decimal cannot represent the float literal ${literal}: floats are not exact, write it as a string "${literal}"`,
  decimalNumber: (value: number) =>
    `Decimal cannot represent the JS number ${value}: it has a fraction and is not exact; send a string`,
  decimalFormat: (value: string) => `Decimal cannot represent "${value}": expected a decimal string such as "24.097"`,
  decimalType: (kind: string) => `Decimal cannot represent a ${kind}: send a decimal string such as "24.097"`,
  dateFormat: (value: string) => `Date cannot represent "${value}": expected a calendar date YYYY-MM-DD`,
  inexact: (field: string, unit: string) =>
    `${field}: the value in ${unit} has no finite decimal form (e.g. 1亩 = 2000/3 m²); give places (and rounding) to round it`,
  dashboardArgument: `${PREFIX} --dashboard needs the folder of a dashboard build, e.g. examples/dashboard/dist`,
  dashboardMissing: (dir: string) =>
    `${PREFIX} no dashboard build in ${dir} (index.html missing): run pnpm --filter @mujun/example-dashboard build`,
  complexity: (kind: string, actual: number, max: number | undefined) =>
    `query ${kind.toLowerCase()} is ${actual}, above the limit of ${max ?? '?'}`,
} as const;
