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

  it('keeps the unstable helpers out of the root of @mujun/core', () => {
    const root = buildReport('core')['.']?.map((e) => e.name) ?? [];
    for (const name of [
      'appendDetail',
      'changeCounts',
      'targetSetDetail',
      'unknownRegion',
      'roundRational',
      'USCC_WEIGHTS',
    ])
      expect(root).not.toContain(name);
    expect(buildReport('core')['./internal']?.map((e) => e.name)).toContain('unknownRegion');
  });
});
