import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycles under lib/. A cycle makes module initialisation order matter (a constant read
 * before its module ran is undefined), so it is caught here on the source text rather than as a
 * crash in one bundler. Type-only imports count too: they are cheap to keep acyclic.
 */

const ROOT = path.resolve(__dirname, '../..');
const LIB = path.join(ROOT, 'lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Every module a file names: imports and re-exports (type-only too), side-effect imports, import() and require(). */
function specifiersOf(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] as string));
}

/** The file an import resolves to, as tsconfig's `@/*` → `./*` and the bundler resolution see it; null for packages. */
function resolveImport(fromFile: string, specifier: string, exists: (file: string) => boolean): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const candidates = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base];
  return candidates.find(exists) ?? null;
}

/** One cycle per back edge of a depth-first walk, each as the files from a module back to itself. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

const isFile = (file: string): boolean => existsSync(file) && statSync(file).isFile();

function libGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(LIB)) {
    const targets = specifiersOf(readFileSync(file, 'utf8'))
      .map((s) => resolveImport(file, s, isFile))
      .filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

describe('import cycles', () => {
  it('lib/ has none', () => {
    const graph = libGraph();
    expect(graph.size).toBeGreaterThan(100);
    const cycles = findCycles(graph).map((c) => c.map(rel).join(' → '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('sees every way of naming a module, and the @/ alias', () => {
    expect(
      specifiersOf("import { a } from './a';\nimport type { B } from \"../b\";\nexport { c } from '@/lib/c';"),
    ).toEqual(['./a', '../b', '@/lib/c']);
    expect(specifiersOf("import {\n  d,\n} from './d';\nimport './e';\nconst f = await import('./f');")).toEqual([
      './d',
      './e',
      './f',
    ]);
    const from = path.join(LIB, 'demo/x.ts');
    const known = new Set([path.join(LIB, 'demo/fleet.ts'), path.join(LIB, 'catalog/index.ts')]);
    expect(resolveImport(from, './fleet', (f) => known.has(f))).toBe(path.join(LIB, 'demo/fleet.ts'));
    expect(resolveImport(from, '@/lib/catalog', (f) => known.has(f))).toBe(path.join(LIB, 'catalog/index.ts'));
    expect(resolveImport(from, 'zod', () => true)).toBeNull();
  });

  it('reports a cycle with its path', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});
