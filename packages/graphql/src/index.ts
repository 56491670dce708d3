/**
 * @mujun/graphql — mujun's GraphQL gateway: a Pothos schema over
 * `@mujun/core` and a graphql-yoga server.
 */

export { controlCharacterIssues, hasControlCharacter, noControlCharacters } from './arguments';
export {
  AuthenticationError,
  type AuthOptions,
  actorOf,
  authenticate,
  type ClaimMapping,
  canRead,
  canWrite,
  canWriteCity,
  canWriteTown,
  checkTokenLifetime,
  createVerifier,
  type MintOptions,
  mintDevToken,
  type Principal,
  principalFromClaims,
  type Role,
  TOKEN_CLOCK_SKEW_SECONDS,
  type TokenVerifier,
} from './auth';
export { type RunOptions, runGateway } from './bin';
export {
  type BuilderOptions,
  createBuilder,
  type MujunBuilder,
  type MujunSchemaTypes,
  type MujunTypes,
} from './builder';
export { memoOnLedger, observeWrites } from './cache';
export { createLoaders, DEFAULT_LIMITS, type Limits, type Loaders, type MujunContext } from './context';
export { DASHBOARD_PATH, type DashboardConfig, type DashboardOidc, withDashboard } from './dashboard';
export { NotAuthorisedError, ValidationError, VersionConflictError } from './errors';
export type { ExactFieldOptions } from './exact-field';
export { createGateway, type GatewayOptions, type MujunGateway } from './gateway';
export { authMessages, gatewayMessages } from './messages';
export { type Connection, decodeCursor, encodeCursor, type PageRequest, pageRequest } from './paging';
export {
  authorizeWrite,
  type InputReference,
  type OperationPolicy,
  parseWriteInput,
  type ReferenceKind,
  referencesOf,
  WRITE_POLICY,
  type WriteOperation,
} from './policy';
export { createRefs, type MujunRefs } from './refs';
export { GATEWAY_RULES } from './rules';
export { createMujunBuilder, createSchema, printSortedSchema, schema, TYPE_FAMILIES, type TypeFamily } from './schema';
export { type SeedFunction, seedFromExample, seedTongxiang2018 } from './seed';
export {
  createSubgraphSchema,
  MAX_REPRESENTATIONS,
  printSubgraphSdl,
  SUBGRAPH_ENTITIES,
  subgraphSchema,
} from './subgraph';
