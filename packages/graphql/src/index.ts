/**
 * @mujun/graphql — mujun's GraphQL gateway: a Pothos schema over
 * `@mujun/core` and a graphql-yoga server.
 */
export {
  AuthenticationError,
  type AuthOptions,
  actorOf,
  authenticate,
  canRead,
  canWrite,
  canWriteCity,
  canWriteTown,
  type MintOptions,
  mintDevToken,
  type Principal,
  principalFromClaims,
  type Role,
} from './auth';
export { type RunOptions, runGateway } from './bin';
export { createBuilder, type MujunBuilder, type MujunSchemaTypes, type MujunTypes } from './builder';
export { createLoaders, DEFAULT_LIMITS, type Limits, type Loaders, type MujunContext } from './context';
export { NotAuthorisedError, ValidationError, VersionConflictError } from './errors';
export { createGateway, type GatewayOptions, type MujunGateway } from './gateway';
export { authMessages, gatewayMessages } from './messages';
export { type Connection, decodeCursor, encodeCursor, type PageRequest, pageRequest } from './paging';
export { createRefs, type MujunRefs } from './refs';
export { createMujunBuilder, createSchema, printSortedSchema, schema, TYPE_FAMILIES, type TypeFamily } from './schema';
export { type SeedFunction, seedFromExample, seedTongxiang2018 } from './seed';
