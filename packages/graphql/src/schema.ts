import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { type BuilderOptions, createBuilder, type MujunBuilder } from './builder';
import { createRefs, type MujunRefs } from './refs';
import { addAnnualDataTypes } from './types/annual-data';
import { addCampaignTypes } from './types/campaign';
import { addEnterpriseTypes } from './types/enterprise';
import { addErrorTypes } from './types/errors';
import { addEvaluationTypes } from './types/evaluation';
import { addEvaluationRunTypes } from './types/evaluation-runs';
import { addGeoTypes } from './types/geo';
import { addGrantTypes } from './types/grants';
import { addIntakeTypes } from './types/intake';
import { addMeTypes } from './types/me';
import { addParcelTypes } from './types/parcel';
import { addParkTypes } from './types/park';
import { addQuantityTypes } from './types/quantities';
import { addRegionTypes } from './types/region';
import { addRegistryWriteTypes } from './types/registry-writes';
import { addScalars } from './types/scalars';
import { addPublicSchemeTypes } from './types/scheme-public';
import { addStatisticsTypes } from './types/statistics';
import { addTargetTypes } from './types/targets';

/** A type family: one file under `src/types/` adding its types and root fields. */
export type TypeFamily = (builder: MujunBuilder, refs: MujunRefs) => void;

/**
 * mujun's type families, in order: the registry, then the campaign ledger,
 * statistics, targets and rankings, the per-mu evaluation and evaluation runs.
 */
export const TYPE_FAMILIES: readonly TypeFamily[] = [
  addScalars,
  addErrorTypes,
  addQuantityTypes,
  addRegionTypes,
  addEnterpriseTypes,
  addAnnualDataTypes,
  addParcelTypes,
  addParkTypes,
  addMeTypes,
  addRegistryWriteTypes,
  addCampaignTypes,
  addStatisticsTypes,
  addTargetTypes,
  addEvaluationTypes,
  addPublicSchemeTypes,
  addEvaluationRunTypes,
  addIntakeTypes,
  addGrantTypes,
  addGeoTypes,
];

/**
 * A builder holding all of mujun's types, not yet built: add your own types
 * and fields (`builder.queryField`, `builder.objectField(refs.Enterprise, ...)`)
 * then call `builder.toSchema()`. Each call makes a fresh builder.
 */
export function createMujunBuilder(options: BuilderOptions = {}): { builder: MujunBuilder; refs: MujunRefs } {
  const builder = createBuilder(options);
  const refs = createRefs(builder);
  builder.queryType({
    description:
      'Reads. Every field needs the viewer scope (anonymous requests are viewers unless configured otherwise).',
    authScopes: { viewer: true },
  });
  builder.mutationType({ description: 'Writes: a town operator or a city admin token.' });
  for (const addTypes of TYPE_FAMILIES) addTypes(builder, refs);
  return { builder, refs };
}

/**
 * Builds mujun's schema, letting `extend` add types and fields first, e.g.
 *
 * ```ts
 * const schema = createSchema((builder, refs) => {
 *   builder.objectField(refs.Enterprise, 'riskNote', (t) => t.string({ resolve: (e) => ... }));
 * });
 * ```
 */
export function createSchema(extend?: TypeFamily): GraphQLSchema {
  const { builder, refs } = createMujunBuilder();
  extend?.(builder, refs);
  return builder.toSchema();
}

/** mujun's schema as built (without extensions). */
export const schema: GraphQLSchema = createSchema();

/** The SDL as committed in `schema.graphql`: sorted, so a diff shows what changed. */
export function printSortedSchema(s: GraphQLSchema = schema): string {
  return `${printSchema(lexicographicSortSchema(s))}\n`;
}
