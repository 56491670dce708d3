/**
 * Release rehearsal: what a user gets from npm, not what the workspace links.
 * Every publishable package is packed (`pnpm pack`), the tarballs are
 * installed into a fresh project in the OS temp folder (no workspace, strict
 * isolated node_modules, third-party deps from the registry), and the README's
 * first example and a gateway answering one query run there under ESM and
 * CommonJS. A file missing from `files`, a `workspace:` range left in a
 * manifest or a dependency used but not declared fails it. Then
 * `changeset version` runs on a scratch copy of the repository.
 *
 * Needs the packages built (`pnpm test` builds first) and the npm registry
 * (or a warm pnpm store).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from '../packages/intake/test/zip';
import { PACKAGES, ROOT } from './api-report';

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });

/** The README's first ```ts block, its `expr; // 'value'` comments turned into assertions. */
function readmeExample(): { imports: string; body: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```ts block');
  const lines = block.split('\n');
  const imports = lines.filter((l) => l.startsWith('import ')).join('\n');
  let assertions = 0;
  const body = lines
    .filter((l) => !l.startsWith('import '))
    .map((line) => {
      const m = /^(.*?);\s*\/\/\s*('[^']*'|true|false)(?![\w'])/.exec(line);
      if (!m) return line;
      assertions++;
      return `assert.equal(${m[1]}, ${m[2]});`;
    })
    .join('\n');
  if (assertions < 3) throw new Error(`README's first example yields only ${assertions} assertions`);
  return { imports, body };
}

/** `import { a, b } from 'x'` → `const { a, b } = require('x')`. */
const toRequire = (imports: string) =>
  imports.replace(/^import \{([^}]*)\} from '([^']+)';$/gm, "const {$1} = require('$2');");

const gatewayBody = `
const repository = new MemoryRepository();
await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'rehearsal' });
const server = createServer(createGateway({ repository, auth: { secret: 'rehearsal-secret-of-32-characters!' }, logging: false }));
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
try {
  const res = await fetch(\`http://127.0.0.1:\${server.address().port}/graphql\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ region(city: "330483") { name } }' }),
  });
  assert.deepEqual(await res.json(), { data: { region: { name: '桐乡市' } } });
} finally {
  server.close();
}
`;

/**
 * An .xlsx that only exceljs with patches/exceljs.patch reads right, and what it holds:
 * ~150 KB of Chinese shared strings (every 16 KiB inflate chunk boundary falls in them,
 * most inside a character), a formula with a boolean result, and a shared string with a
 * phonetic guide (<rPh>, added with exceljs's own JSZip as Excel writes it); and the same
 * workbook with its entries STORED behind data descriptors.
 */
async function patchedOnlyWorkbook(): Promise<{ bytes: Uint8Array; stored: Uint8Array; expected: string[][] }> {
  const DIGITS = '〇一二三四五六七八九';
  const names = Array.from(
    { length: 3000 },
    (_, i) => `桐乡市${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}号纺织有限公司`,
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['企业名称', '是否']);
  ws.addRow(['桐乡市绣恒纺机有限公司', { formula: 'TRUE()', result: true }]);
  for (const n of names) ws.addRow([n, '否']);
  const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip');
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const xml: string = await zip.file('xl/sharedStrings.xml').async('string');
  const phonetic = '<t>桐乡市绣恒纺机有限公司</t><rPh sb="0" eb="3"><t>トンシャン</t></rPh><phoneticPr fontId="1"/>';
  if (!xml.includes('<t>桐乡市绣恒纺机有限公司</t>')) throw new Error('exceljs wrote no such shared string');
  zip.file('xl/sharedStrings.xml', xml.replace('<t>桐乡市绣恒纺机有限公司</t>', phonetic));
  const bytes: Uint8Array = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  // The same parts STORED, each with a data descriptor without its signature (sizes only in
  // the central directory), as some generators write them.
  const stored = zipOf(
    await Promise.all(
      Object.keys(zip.files)
        .filter((path) => !zip.files[path].dir)
        .map(async (path) => ({
          path,
          data: (await zip.file(path).async('uint8array')) as Uint8Array,
          method: 0 as const,
          descriptor: true,
          descriptorSignature: false,
        })),
    ),
  );
  return {
    bytes,
    stored,
    expected: [['企业名称', '是否'], ['桐乡市绣恒纺机有限公司', 'TRUE'], ...names.map((n) => [n, '否'])],
  };
}

const readXlsxBody = `
const bytes = readFileSync('patched-only.xlsx');
const expected = JSON.parse(readFileSync('patched-only.json', 'utf8'));
const table = await readTable({ name: 'patched-only.xlsx', bytes });
assert.deepEqual(table.rows.map((r) => r.cells.map((c) => c.text)), expected);
const stored = await readTable({ name: 'stored.xlsx', bytes: readFileSync('stored.xlsx') });
assert.deepEqual(stored.rows.map((r) => r.cells.map((c) => c.text)), expected);
`;

describe('release rehearsal', () => {
  let work: string;
  let project: string;
  const tarballs: Record<string, string> = {};

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'mujun-release-'));
    const packs = join(work, 'tarballs');
    mkdirSync(packs);
    for (const pkg of PACKAGES) {
      const dir = join(ROOT, 'packages', pkg);
      if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${pkg}/dist is missing: run \`pnpm build\` first`);
      run('pnpm', ['pack', '--pack-destination', packs], dir);
    }
    for (const file of readdirSync(packs)) {
      const manifest = JSON.parse(run('tar', ['-xzOf', join(packs, file), 'package/package.json'], packs));
      tarballs[manifest.name] = join(packs, file);
    }
    project = join(work, 'project');
    mkdirSync(project);
    const deps = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'rehearsal', private: true, dependencies: deps, pnpm: { overrides: deps } }, null, 2),
    );
    // No lockfile, no workspace: what `pnpm add @mujun/…` does for a user.
    run(
      'pnpm',
      // Hoisting off (pnpm hoists everything into .pnpm/node_modules by default): a package
      // resolves only what its manifest declares. Except @pothos/*: @pothos/plugin-federation
      // imports @pothos/plugin-directives without declaring it (upstream, not ours).
      [
        'install',
        '--ignore-workspace',
        '--no-frozen-lockfile',
        '--config.node-linker=isolated',
        '--config.hoist-pattern=@pothos/*',
      ],
      project,
    );
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs every publishable package without a workspace: range', () => {
    expect(Object.keys(tarballs).sort()).toEqual(PACKAGES.map((p) => `@mujun/${p}`).sort());
    for (const file of Object.values(tarballs)) {
      const manifest = run('tar', ['-xzOf', file, 'package/package.json'], dirname(file));
      expect(manifest).not.toContain('workspace:');
    }
  });

  it("runs the README's first example under ESM and CommonJS", () => {
    const { imports, body } = readmeExample();
    writeFileSync(
      join(project, 'readme.mjs'),
      `import assert from 'node:assert/strict';\n${imports}\n${body}\nconsole.log('ok');\n`,
    );
    writeFileSync(
      join(project, 'readme.cjs'),
      `const assert = require('node:assert/strict');\n${toRequire(imports)}\n${body}\nconsole.log('ok');\n`,
    );
    expect(run('node', ['readme.mjs'], project).trim()).toBe('ok');
    expect(run('node', ['readme.cjs'], project).trim()).toBe('ok');
  });

  it('starts a gateway that answers a query, under ESM and CommonJS', () => {
    writeFileSync(
      join(project, 'gateway.mjs'),
      `import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { MemoryRepository, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway } from '@mujun/graphql';
${gatewayBody}
console.log('ok');
`,
    );
    writeFileSync(
      join(project, 'gateway.cjs'),
      `const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const { MemoryRepository, TONGXIANG_2018_INPUT } = require('@mujun/core');
const { createGateway } = require('@mujun/graphql');
(async () => {
${gatewayBody}
console.log('ok');
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    expect(run('node', ['gateway.mjs'], project).trim()).toBe('ok');
    expect(run('node', ['gateway.cjs'], project).trim()).toBe('ok');
  });

  it("reads an .xlsx as the workspace does (exceljs's patched streaming reader is in the package), under ESM and CommonJS", async () => {
    const { bytes, stored, expected } = await patchedOnlyWorkbook();
    writeFileSync(join(project, 'patched-only.xlsx'), bytes);
    writeFileSync(join(project, 'stored.xlsx'), stored);
    writeFileSync(join(project, 'patched-only.json'), JSON.stringify(expected));
    writeFileSync(
      join(project, 'xlsx.mjs'),
      `import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable } from '@mujun/intake';
${readXlsxBody}
console.log('ok');
`,
    );
    writeFileSync(
      join(project, 'xlsx.cjs'),
      `const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { readTable } = require('@mujun/intake');
(async () => {
${readXlsxBody}
console.log('ok');
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    expect(run('node', ['xlsx.mjs'], project).trim()).toBe('ok');
    expect(run('node', ['xlsx.cjs'], project).trim()).toBe('ok');
  });

  it('loads every subpath entry, and @mujun/store without loading pg', () => {
    const subpaths = Object.keys(JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8')).exports)
      .filter((k) => k !== './package.json')
      .map((k) => `@mujun/core${k.slice(1)}`);
    const script = `
const assert = require('node:assert/strict');
for (const s of ${JSON.stringify([...subpaths, '@mujun/store/pglite', '@mujun/store/postgres', '@mujun/intake', '@mujun/cli'])})
  assert.ok(Object.keys(require(s)).length > 0, s);
// One copy of each class across entries: the root's Rational is the subpath's.
assert.equal(require('@mujun/core').Rational, require('@mujun/core/exact').Rational);
`;
    writeFileSync(join(project, 'entries.cjs'), script);
    run('node', ['entries.cjs'], project);
    writeFileSync(
      join(project, 'store.cjs'),
      `const assert = require('node:assert/strict');
require('@mujun/store');
assert.ok(!Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/]pg[\\\\/]/.test(f)), 'pg was loaded');
`,
    );
    run('node', ['store.cjs'], project);
  });

  it('changeset version on a scratch copy gives pre-1.0 versions and changelogs', () => {
    const scratch = join(work, 'repo');
    const files = run('git', ['ls-files', '-co', '--exclude-standard'], ROOT).split('\n').filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(scratch, f)), { recursive: true });
      cpSync(join(ROOT, f), join(scratch, f));
    }
    const pending = readdirSync(join(scratch, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pending.length).toBeGreaterThan(0);
    run('node', [join(ROOT, 'node_modules/@changesets/cli/bin.js'), 'version'], scratch);
    expect(readdirSync(join(scratch, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')).toEqual([]);
    for (const pkg of PACKAGES) {
      const manifest = JSON.parse(readFileSync(join(scratch, 'packages', pkg, 'package.json'), 'utf8'));
      // Pre-1.0: every change is at most a minor bump from 0.0.0.
      expect(manifest.version, pkg).toMatch(/^0\.(1\.0|0\.1)$/);
      for (const [dep, range] of Object.entries<string>(manifest.dependencies ?? {}))
        if (dep.startsWith('@mujun/')) expect(range, `${pkg} → ${dep}`).toBe('workspace:^');
      const changelog = readFileSync(join(scratch, 'packages', pkg, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`# @mujun/${pkg}\n\n## ${manifest.version}`);
    }
    const core = readFileSync(join(scratch, 'packages/core/CHANGELOG.md'), 'utf8');
    expect(core).toContain('### Minor Changes');
    expect(core).toContain('@mujun/core/internal');
  });
});
