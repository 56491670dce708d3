/**
 * Runs the TSDoc `@example` blocks of the packages' sources: each ```ts block
 * under an `@example` tag becomes a module that imports from the package
 * entries (`@mujun/core` …, mapped to the sources like every test) and runs
 * its `assert` calls. A wrong example fails here.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGES, ROOT } from './api-report';

interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every ```ts block following an `@example` tag in a doc comment. */
function examplesOf(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment[0].split('\n').map((l) => l.replace(/^\s*\*? ?/, ''));
    const start = text.slice(0, comment.index).split('\n').length;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]?.startsWith('@example')) continue;
      const open = lines.findIndex((l, j) => j > i && l.startsWith('```ts'));
      const close = lines.findIndex((l, j) => j > open && l.startsWith('```'));
      if (open < 0 || close < 0) throw new Error(`${file}:${start + i}: @example without a \`\`\`ts block`);
      found.push({ file, line: start + open, code: lines.slice(open + 1, close).join('\n') });
    }
  }
  return found;
}

const examples = PACKAGES.flatMap((pkg) => sources(join(ROOT, 'packages', pkg, 'src')).flatMap(examplesOf));
const tmp = join(ROOT, 'node_modules', '.cache', 'tsdoc-examples');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('TSDoc examples', () => {
  it('covers the headline exports', () => {
    expect(examples.length).toBeGreaterThanOrEqual(28);
  });

  examples.forEach((example, n) => {
    const where = `${relative(ROOT, example.file)}:${example.line}`;
    it(where, async () => {
      expect(example.code, `${where}: an example must assert what it shows`).toMatch(/\bassert\./);
      expect(example.code, `${where}: an example imports from a package entry`).toMatch(/from '@mujun\//);
      const path = join(tmp, `example-${n}.ts`);
      writeFileSync(path, example.code);
      await import(path);
    });
  });
});
