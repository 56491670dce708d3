import type { FieldRef } from '@pothos/core';
import type { MujunTypes } from './builder';

/** `totalCount` on every connection: rows matching the query's filters, whatever the page. */
export function totalCountField(
  t: PothosSchemaTypes.ObjectFieldBuilder<MujunTypes, object>,
): Record<'totalCount', FieldRef<MujunTypes, number, 'Object'>> {
  return {
    totalCount: t.int({
      description: "Rows matching the query's filters, on every page.",
      resolve: (c) => {
        const total = (c as { totalCount?: number | (() => Promise<number>) }).totalCount;
        return typeof total === 'function' ? total() : (total ?? 0);
      },
    }),
  };
}
