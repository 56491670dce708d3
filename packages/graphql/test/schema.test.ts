import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSchema, printSortedSchema, schema } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';

const committed = fileURLToPath(new URL('../schema.graphql', import.meta.url));

describe('schema', () => {
  it('prints the SDL committed in packages/graphql/schema.graphql (no drift)', () => {
    const printed = printSortedSchema(schema);
    const onDisk = readFileSync(committed, 'utf8');
    // A failing test here means a type changed: regenerate and commit the file.
    expect(
      printed === onDisk,
      'packages/graphql/schema.graphql differs from the schema: run `pnpm schema:print` and commit the file',
    ).toBe(true);
  });

  it('keeps the contract names frontends rely on', () => {
    const sdl = printSortedSchema(schema);
    // Arguments carry descriptions, so the SDL prints them one per line.
    expect(sdl).toMatch(/\sregion\(\n(?:.*\n)*?\s+city: ID!\n\s+\): Region\n/);
    expect(sdl).toMatch(/enterprises\(\n(?:.*\n)*?\s+city: ID!/);
    expect(sdl).toContain('scalar Decimal');
    expect(sdl).toContain('scalar Date');
    expect(sdl).toContain('union SaveEnterprisesResult = NotAuthorised | SaveEnterprisesSuccess | ValidationError');
    for (const type of ['Area', 'Money', 'Rate', 'ValidationError', 'VersionConflict', 'NotAuthorised', 'FieldError']) {
      expect(sdl).toContain(`type ${type} `);
    }
  });

  it('builds a fresh schema per call, so an extension does not leak into mujun own', () => {
    const extended = createSchema((builder) => {
      builder.queryField('extra', (t) => t.string({ resolve: () => 'x' }));
    });
    expect(extended.getQueryType()?.getFields().extra).toBeDefined();
    expect(schema.getQueryType()?.getFields().extra).toBeUndefined();
  });
});
