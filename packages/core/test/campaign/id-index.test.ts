import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/campaign/id-index';

/*
 * The ledger's id index against a Map, over random adds and newest-first or
 * arbitrary deletes: few distinct ids over a small table, so that probes run
 * long, wrap around the table's end and backward-shift deletion moves entries.
 */

/** Ids of few characters: many share a home slot in a small table. */
const id = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '石', '门'), minLength: 1, maxLength: 3 });

type Op =
  | { kind: 'add'; id: string; between: number | undefined }
  | { kind: 'delete'; pick: number }
  | { kind: 'reserve'; count: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    // A lookup first (as the ledger does), and sometimes a delete between the lookup and the add.
    arbitrary: fc
      .tuple(id, fc.option(fc.nat(), { nil: undefined }))
      .map(([i, between]) => ({ kind: 'add' as const, id: i, between })),
  },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: 'delete' as const, pick })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((count) => ({ kind: 'reserve' as const, count })) },
);

describe('IdIndex', () => {
  it('finds what a Map finds after any adds, deletes and reserves', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 20, maxLength: 200, size: 'max' }),
        fc.array(id, { maxLength: 20 }),
        (ops, probes) => {
          // Positions are slots of `ids`; a deleted id's slot keeps its string (the index must not rely on it being gone).
          const ids: string[] = [];
          const index = new IdIndex((p) => ids[p] as string);
          const model = new Map<string, number>();
          for (const o of ops) {
            if (o.kind === 'add') {
              if (model.has(o.id)) continue;
              expect(index.get(o.id)).toBe(-1);
              const live = [...model.keys()];
              if (o.between !== undefined && live.length > 0) {
                const victim = live[o.between % live.length] as string;
                index.delete(victim);
                model.delete(victim);
              }
              ids.push(o.id);
              index.add(o.id, ids.length - 1);
              model.set(o.id, ids.length - 1);
            } else if (o.kind === 'delete') {
              const live = [...model.keys()];
              if (live.length === 0) continue;
              const victim = live[o.pick % live.length] as string;
              index.delete(victim);
              model.delete(victim);
            } else index.reserve(o.count);
            expect(index.size).toBe(model.size);
            for (const [k, p] of model) expect(index.get(k)).toBe(p);
          }
          for (const k of [...model.keys(), ...probes, ...ids]) expect(index.get(k)).toBe(model.get(k) ?? -1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes back the newest ids first, as a rejected batch does', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `E${i}`);
    const index = new IdIndex((p) => ids[p] as string);
    index.reserve(ids.length);
    ids.forEach((x, i) => {
      index.add(x, i);
    });
    for (let i = ids.length - 1; i >= 1000; i--) index.delete(ids[i] as string);
    expect(index.size).toBe(1000);
    expect(index.get('E999')).toBe(999);
    expect(index.get('E1000')).toBe(-1);
    expect(index.get('E0')).toBe(0);
  });
});
