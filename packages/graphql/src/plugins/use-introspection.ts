import { GraphQLError, getNamedType, isIntrospectionType, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayMessages } from '../messages';

/**
 * The fields that hand out the whole schema: graphql's `__schema` and the
 * federation subgraph's `_service { sdl }` (which a federation gateway reads
 * to compose). They follow one switch, `createGateway`'s `introspection`.
 */
export const SCHEMA_DUMP_FIELDS: readonly string[] = ['__schema', '_service'];

/**
 * A validation rule refusing the whole-schema fields (`SCHEMA_DUMP_FIELDS`)
 * anywhere in a document. A lookup of one named type, `__type(name:)`, still
 * answers: it is cheap, the GraphQL-over-HTTP spec's server audit relies on
 * it (`{ __type(name: $name) { name } }` MUST succeed), and mujun's SDL is
 * public anyway (`@mujun/graphql/schema.graphql` ships in the package). What
 * is kept from anonymous callers in production is the full dump tooling
 * crawls, and its cost.
 */
export const NoSchemaDumpRule: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (!SCHEMA_DUMP_FIELDS.includes(name)) return;
    // `_service` only where it is the subgraph's root field, `__schema` anywhere graphql serves it.
    const parent = context.getParentType();
    const type = context.getType();
    if (name === '_service' && parent !== context.getSchema().getQueryType()) return;
    if (name === '__schema' && type && !isIntrospectionType(getNamedType(type))) return;
    context.reportError(new GraphQLError(gatewayMessages.introspectionDisabled(name), { nodes: node }));
  },
});

/**
 * Turns introspection off: `__schema` and the subgraph's `_service` are
 * refused at validation, before anything runs (see `NoSchemaDumpRule`).
 */
export function useNoIntrospection(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaDumpRule) };
}
