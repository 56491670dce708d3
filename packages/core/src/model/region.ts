import { z } from 'zod';
import { divisionLevel, isWithin } from '../ids/division-code';
import { divisionCodeField, nameField, parseWith } from './fields';

/** 镇 (`town`) or 街道 (`subdistrict`). */
export const townKindSchema = z.enum(['town', 'subdistrict']);
export type TownKind = z.infer<typeof townKindSchema>;

/**
 * A town-level division (乡镇/街道) of a city. `code` is its 12-digit
 * 统计用区划代码; `name` the short name used in rankings (石门), `fullName`
 * the official one (石门镇).
 */
export const townSchema = z.object({
  code: divisionCodeField,
  name: nameField,
  fullName: nameField,
  kind: townKindSchema,
});
export type Town = z.output<typeof townSchema>;
export type TownInput = z.input<typeof townSchema>;

/**
 * A county-level city (县级市, e.g. 桐乡市 330483) and its towns, as of a
 * period: town boundaries change, so a region carries the years it is valid for.
 */
export const regionSchema = z
  .object({
    code: divisionCodeField,
    name: nameField,
    validFrom: z.number().int().optional(),
    validTo: z.number().int().optional(),
    towns: z.array(townSchema).min(1, { message: 'a region needs at least one town' }),
  })
  .superRefine((region, ctx) => {
    if (region.code.length !== 6) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'a region code is the 6-digit county-level code',
        params: { rule: 'region.codeLevel' },
      });
    }
    const seenCodes = new Set<string>();
    const seenNames = new Set<string>();
    region.towns.forEach((town, i) => {
      if (divisionLevel(town.code) !== 'town') {
        ctx.addIssue({
          code: 'custom',
          path: ['towns', i, 'code'],
          message: `${town.code} is not a town-level (乡镇/街道) code`,
          params: { rule: 'town.codeLevel' },
        });
      } else if (!isWithin(town.code, region.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['towns', i, 'code'],
          message: `${town.code} is not within ${region.code}`,
          params: { rule: 'town.withinRegion' },
        });
      }
      if (seenCodes.has(town.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['towns', i, 'code'],
          message: 'duplicate town code',
          params: { rule: 'town.unique' },
        });
      }
      if (seenNames.has(town.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['towns', i, 'name'],
          message: 'duplicate town name',
          params: { rule: 'town.unique' },
        });
      }
      seenCodes.add(town.code);
      seenNames.add(town.name);
    });
  });
export type Region = z.output<typeof regionSchema>;
export type RegionInput = z.input<typeof regionSchema>;

/** Validates a region. @throws ValidationError naming each bad field */
export function parseRegion(input: unknown): Region {
  return parseWith(regionSchema, input, 'region');
}

/** The town of `region` with this code or short name, if any. */
export function findTown(region: Region, codeOrName: string): Town | undefined {
  return region.towns.find((t) => t.code === codeOrName || t.name === codeOrName || t.fullName === codeOrName);
}
