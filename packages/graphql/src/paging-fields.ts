import type { FieldRef } from '@pothos/core';
import type { MujunTypes } from './builder';

/** `totalCount` on every connection: rows matching the query's filters, whatever the page. */
export function totalCountField(
  t: PothosSchemaTypes.ObjectFieldBuilder<MujunTypes, object>,
): Record<'totalCount', FieldRef<MujunTypes, number, 'Object'>> {
  return {
    totalCount: t.int({
      description: "Rows matching the query's filters, on every page.",
      resolve: (c) => (c as { totalCount?: number }).totalCount ?? 0,
    }),
  };
}
