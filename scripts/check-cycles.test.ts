import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCycles, judgeCycles } from './check-cycles';

// A scratch package: the checker must see a cycle made by a value import and a type import.
const root = mkdtempSync(join(tmpdir(), 'mujun-cycles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writePackage(name: string, files: Record<string, string>): string {
  const src = join(root, name, 'src');
  mkdirSync(src, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(src, file), text);
  return join(root, name, 'src');
}

const A = 'pkg/src/a.ts';
const B = 'pkg/src/b.ts';

describe('check:cycles', () => {
  it('finds a cycle through a type import, and not through a dynamic import', async () => {
    const src = writePackage('pkg', {
      'a.ts': "import { b } from './b';\nexport interface A { readonly n: number }\nexport const a = () => b;\n",
      'b.ts': "import type { A } from './a';\nexport const b = (x: A) => x.n;\n",
      'c.ts': "import { a } from './a';\nexport const c = a;\n",
      'd.ts': "export const d = async () => (await import('./e')).e;\n",
      'e.ts': "import { d } from './d';\nexport const e = d;\n",
    });
    const found = await findCycles(src, root);
    expect(found).toEqual([{ modules: [A, B], loop: [A, B, A] }]);
    expect(judgeCycles(found, [])).toEqual([expect.stringContaining(`import cycle (2 modules): ${A} → ${B} → ${A}`)]);
    expect(judgeCycles(found, [{ name: 'a ↔ b', modules: [B, A] }])).toEqual([]);
  });

  it('fails when a module joins an excepted cycle, and on an exception whose cycle is gone', async () => {
    const src = writePackage('grown', {
      'a.ts': "import { b } from './b';\nimport { c } from './c';\nexport const a = () => b + c;\n",
      'b.ts': "import { a } from './a';\nexport const b = 1;\nexport const f = a;\n",
      'c.ts': "import { a } from './a';\nexport const c = 2;\nexport const g = a;\n",
    });
    const found = await findCycles(src, root);
    expect(found.map((c) => c.modules)).toEqual([['grown/src/a.ts', 'grown/src/b.ts', 'grown/src/c.ts']]);
    const allowed = [{ name: 'a ↔ b', modules: ['grown/src/a.ts', 'grown/src/b.ts'] }];
    const problems = judgeCycles(found, allowed);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('import cycle (3 modules)');
    expect(problems[1]).toContain('the exception "a ↔ b" in scripts/cycles.config.ts matches no cycle any more');
  });

  it('passes a package without cycles', async () => {
    const src = writePackage('clean', {
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': 'export const b = 1;\n',
    });
    expect(await findCycles(src, root)).toEqual([]);
  });
});
