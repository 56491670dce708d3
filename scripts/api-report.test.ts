import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport, PACKAGES, reportPath, serialise } from './api-report';

// Reads the built declarations: `pnpm test` builds before it runs the unit tests.
describe('API report', () => {
  for (const pkg of PACKAGES) {
    it(`@mujun/${pkg}: the built exports are the committed list`, () => {
      const built = serialise(buildReport(pkg));
      const committed = readFileSync(reportPath(pkg), 'utf8');
      expect(
        built,
        `@mujun/${pkg}'s exports changed: if intended, run \`pnpm build && pnpm api-report\` and commit packages/${pkg}/api/exports.json`,
      ).toBe(committed);
    });
  }

  it('keeps the unstable helpers, the engine internals and the labels out of the root of @mujun/core', () => {
    const report = buildReport('core');
    const names = (entry: string) => report[entry]?.map((e) => e.name) ?? [];
    const root = new Set(names('.'));
    // Nothing of the unstable entry or of the labels is at the root.
    for (const entry of ['./internal', './labels'])
      for (const name of names(entry)) expect(root.has(name), `${name} of ${entry}`).toBe(false);
    expect(names('./internal')).toEqual(
      expect.arrayContaining([
        'unknownRegion',
        'roundRational',
        'USCC_WEIGHTS',
        'scoreCohort',
        'CELL_CAPPED',
        'withRows',
      ]),
    );
    expect(names('./labels')).toEqual(expect.arrayContaining(['UNIT_LABELS', 'EVALUATION_STATUS_LABELS']));
    // What a newcomer needs stays.
    for (const name of [
      'evaluate',
      'evaluationPreset',
      'parseEnterprise',
      'CampaignLedger',
      'MemoryRepository',
      'TONGXIANG_2018',
    ])
      expect(root.has(name), name).toBe(true);
  });
});
