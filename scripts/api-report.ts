/**
 * The API report: every export of every published entry point (from the built
 * `.d.ts`, i.e. what a user actually gets), with its kind, committed as
 * `packages/<pkg>/api/exports.json`. Adding or removing an export is then a
 * visible diff in review.
 *
 *   pnpm api-report           regenerate the committed lists (after `pnpm build`)
 *   pnpm api-report --check   exit 1 when the built exports differ from them
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGES = ['core', 'store', 'intake', 'graphql', 'cli'] as const;

export type ExportKind = 'class' | 'function' | 'const' | 'enum' | 'namespace' | 'interface' | 'type';
export interface ExportEntry {
  readonly name: string;
  readonly kind: ExportKind;
}
/** Entry point (`.`, `./exact`, …) → its exports, sorted by name. */
export type ApiReport = Record<string, ExportEntry[]>;

interface Manifest {
  exports?: Record<string, string | { import?: { types?: string } }>;
}

function kindOf(symbol: ts.Symbol): ExportKind {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Enum) return 'enum';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Module) return 'namespace';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  return 'type';
}

/** The report of one package, read from its built declaration files. */
export function buildReport(pkg: string): ApiReport {
  const dir = join(ROOT, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const entries: [string, string][] = [];
  for (const [key, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'string' || target.import?.types === undefined) continue;
    const file = join(dir, target.import.types);
    if (!existsSync(file)) throw new Error(`${pkg}: ${file} is missing; run \`pnpm build\` first`);
    entries.push([key, file]);
  }
  const program = ts.createProgram(
    entries.map(([, f]) => f),
    {
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    },
  );
  const checker = program.getTypeChecker();
  const report: ApiReport = {};
  for (const [key, file] of entries) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${pkg}: cannot read the exports of ${file}`);
    report[key] = checker
      .getExportsOfModule(moduleSymbol)
      .map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return { name: s.getName(), kind: kindOf(target) };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  return report;
}

export function reportPath(pkg: string): string {
  return join(ROOT, 'packages', pkg, 'api', 'exports.json');
}

export function serialise(report: ApiReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Packages whose built exports differ from the committed report. */
export function stalePackages(): string[] {
  return PACKAGES.filter((pkg) => {
    const path = reportPath(pkg);
    return !existsSync(path) || readFileSync(path, 'utf8') !== serialise(buildReport(pkg));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = stalePackages();
    if (stale.length > 0) {
      console.error(
        `API report out of date for ${stale.join(', ')}: run \`pnpm build && pnpm api-report\` and commit.`,
      );
      process.exit(1);
    }
  } else {
    for (const pkg of PACKAGES) {
      const report = buildReport(pkg);
      mkdirSync(dirname(reportPath(pkg)), { recursive: true });
      writeFileSync(reportPath(pkg), serialise(report));
      const summary = Object.entries(report)
        .map(([entry, names]) => {
          const values = names.filter((n) => n.kind !== 'interface' && n.kind !== 'type').length;
          return `${entry} ${names.length} (${values} values, ${names.length - values} types)`;
        })
        .join('; ');
      console.log(`@mujun/${pkg}: ${summary}`);
    }
  }
}
