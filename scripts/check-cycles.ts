/**
 * No import cycle inside a package. dpdm builds each package's module graph
 * from its `src/` (TypeScript's parser; `import type` counts, since a cycle of
 * types is a module that wants splitting; imports of another package are not
 * followed), then every strongly connected component of two or more modules
 * (or a module importing itself) is a cycle. A cycle passes only when
 * scripts/cycles.config.ts lists exactly its set of modules; a listed
 * exception that no longer matches a cycle fails too, so the list only
 * shrinks.
 *
 *   pnpm check:cycles          (part of `pnpm test`)
 */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDependencyTree } from 'dpdm';
import { ALLOWED_CYCLES, type AllowedCycle } from './cycles.config';

/** One cycle: the modules of a strongly connected component, and one loop through them. */
export interface Cycle {
  /** Paths relative to the root the graph was read from, `/`-separated, sorted. */
  readonly modules: readonly string[];
  /** One import loop through the component (`a → b → a`), for the message. */
  readonly loop: readonly string[];
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const slash = (p: string) => p.split(sep).join('/');

/**
 * The import cycles among the modules under `srcDir` (static imports and
 * re-exports, types included; dynamic `import()` is lazy and not counted).
 * `root` is what paths are reported relative to; `tsconfig` resolves path aliases.
 */
export async function findCycles(srcDir: string, root: string, tsconfig?: string): Promise<Cycle[]> {
  const within = `${slash(srcDir)}/`;
  const tree = await parseDependencyTree(sourceFiles(srcDir), {
    cwd: root,
    context: root,
    tsconfig,
    transform: false,
    skipDynamicImports: true,
    exclude: /node_modules/,
  });
  // dpdm keys modules by their path relative to `context`.
  const abs = (id: string) => slash(join(root, id));
  const graph = new Map<string, string[]>();
  for (const [id, deps] of Object.entries(tree)) {
    if (!abs(id).startsWith(within)) continue;
    const next = (deps ?? [])
      .filter((d) => d.id !== null && String(d.kind) !== 'DynamicImport' && abs(d.id).startsWith(within))
      .map((d) => slash(d.id as string));
    graph.set(slash(id), [...new Set(next)]);
  }
  return stronglyConnected(graph)
    .filter((c) => c.length > 1 || (graph.get(c[0] as string) ?? []).includes(c[0] as string))
    .map((component) => ({ modules: [...component].sort(), loop: loopThrough(graph, component) }))
    .sort((a, b) => ((a.modules[0] ?? '') < (b.modules[0] ?? '') ? -1 : 1));
}

/** Tarjan's strongly connected components, iteratively (no deep recursion). */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [string, number];
      const [v, i] = frame;
      if (i === 0 && !index.has(v)) {
        index.set(v, counter);
        low.set(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
      }
      const next = graph.get(v) ?? [];
      if (i < next.length) {
        frame[1] = i + 1;
        const w = next[i] as string;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(v) as number));
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest loop from the component's first module back to itself, inside the component. */
function loopThrough(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const v = queue[k] as string;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path: string[] = [];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) path.unshift(u);
        return [start, ...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

/** What is wrong: cycles no exception lists, and exceptions no cycle matches any more. */
export function judgeCycles(found: readonly Cycle[], allowed: readonly AllowedCycle[]): string[] {
  const key = (modules: readonly string[]) => [...modules].sort().join('\n');
  const allowedKeys = new Map(allowed.map((a) => [key(a.modules), a]));
  const foundKeys = new Set(found.map((c) => key(c.modules)));
  const problems: string[] = [];
  for (const c of found)
    if (!allowedKeys.has(key(c.modules)))
      problems.push(
        `import cycle (${c.modules.length} modules): ${c.loop.join(' → ')}\n  modules: ${c.modules.join(', ')}`,
      );
  for (const a of allowed)
    if (!foundKeys.has(key(a.modules)))
      problems.push(
        `the exception "${a.name}" in scripts/cycles.config.ts matches no cycle any more: remove it (or list the cycle's modules exactly)\n  modules: ${a.modules.join(', ')}`,
      );
  return problems;
}

async function main(): Promise<void> {
  const root = join(import.meta.dirname, '..');
  const found: Cycle[] = [];
  for (const pkg of readdirSync(join(root, 'packages')).sort()) {
    const src = join(root, 'packages', pkg, 'src');
    try {
      if (!statSync(src).isDirectory()) continue;
    } catch {
      continue;
    }
    found.push(...(await findCycles(src, root, join(root, 'tsconfig.json'))));
  }
  const problems = judgeCycles(found, ALLOWED_CYCLES);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`check:cycles: ${problems.length} problem(s)`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `check:cycles: no import cycle inside a package (${ALLOWED_CYCLES.length} temporary exception(s) listed)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
