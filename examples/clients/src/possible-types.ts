import { readFileSync } from 'node:fs';
import { buildSchema, isAbstractType } from 'graphql';

/**
 * Apollo Client's `possibleTypes` (which object types each union and
 * interface stands for), read from the committed SDL — what the codegen
 * `fragment-matcher` plugin writes — so the cache can match `... on` fragments
 * of result unions such as `SaveEnterprisesResult`.
 */
export function possibleTypesOf(sdlUrl: URL): Record<string, string[]> {
  const schema = buildSchema(readFileSync(sdlUrl, 'utf8'));
  const possibleTypes: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isAbstractType(type)) continue;
    possibleTypes[type.name] = schema.getPossibleTypes(type).map((t) => t.name);
  }
  return possibleTypes;
}
