import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The design's one direction (DESIGN.md, "The flow of data"): components render what pages
 * hand them, so nothing under components/ may import the server layer (request access, loaders)
 * or the backends. Checked on the source text, so a new file cannot slip past.
 */

const ROOT = path.resolve(__dirname, '..');
const FORBIDDEN = ['lib/server', 'lib/sources'];

/**
 * Type-only imports of ExecutedQuery that predate this rule, in views other engineers own.
 * The list may only shrink: an entry that no longer imports is reported, so it gets removed.
 */
const KNOWN_TYPE_IMPORTS = new Set([
  'components/ui/executed-queries.tsx',
  'components/ui/query-block.tsx',
  'components/onboarding/onboarding-view.tsx',
  'components/alerts/alerts-view.tsx',
  'components/fleet/fleet-overview.tsx',
  'components/cost/cost-view.tsx',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?|mjs)$/.test(e.name) && !/\.test\./.test(e.name) ? [full] : [];
  });
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a file names: static imports and re-exports, side-effect imports, import() and require(). */
function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const patterns = [
    /\b(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const m of source.matchAll(patterns[0] as RegExp)) refs.push({ specifier: m[3] as string, typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(patterns[1] as RegExp)) refs.push({ specifier: m[1] as string, typeOnly: false });
  for (const m of source.matchAll(patterns[2] as RegExp)) refs.push({ specifier: m[1] as string, typeOnly: false });
  return refs;
}

/** The repository path an import points at: `@/x` is the root, relative paths resolve from the file. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.relative(ROOT, path.resolve(path.dirname(fromFile), specifier)).split(path.sep).join('/');
  return null;
}

function forbiddenImports(file: string, source: string): ImportRef[] {
  return importsOf(source).filter((ref) => {
    const target = resolveSpecifier(file, ref.specifier);
    return target !== null && FORBIDDEN.some((f) => target === f || target.startsWith(`${f}/`));
  });
}

describe('layering', () => {
  const files = sourceFiles(path.join(ROOT, 'components'));

  it('finds the component files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('components import neither lib/server nor lib/sources', () => {
    const offences: string[] = [];
    for (const file of files) {
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      for (const ref of forbiddenImports(file, readFileSync(file, 'utf8'))) {
        if (ref.typeOnly && KNOWN_TYPE_IMPORTS.has(rel)) continue;
        offences.push(`${rel} imports ${ref.specifier}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the list of known type imports only holds files that still have one', () => {
    const stale = [...KNOWN_TYPE_IMPORTS].filter((rel) => forbiddenImports(path.join(ROOT, rel), readFileSync(path.join(ROOT, rel), 'utf8')).length === 0);
    expect(stale, 'remove these from KNOWN_TYPE_IMPORTS').toEqual([]);
  });

  it('sees every way of naming a forbidden module', () => {
    const file = path.join(ROOT, 'components/cluster/x.tsx');
    const hits = (src: string): string[] => forbiddenImports(file, src).map((r) => r.specifier);
    expect(hits("import { a } from '@/lib/server/access';")).toEqual(['@/lib/server/access']);
    expect(hits('import type { B } from "../../lib/sources/runner";')).toEqual(['../../lib/sources/runner']);
    expect(hits("import '../../lib/server/config';")).toEqual(['../../lib/server/config']);
    expect(hits("const m = await import('@/lib/sources');")).toEqual(['@/lib/sources']);
    expect(hits("export { c } from '@/lib/server/panels';")).toEqual(['@/lib/server/panels']);
    expect(hits("import {\n  d,\n  e,\n} from '@/lib/server/cache';")).toEqual(['@/lib/server/cache']);
    // Neighbours that only share a prefix, and the domain, are fine.
    expect(hits("import { f } from '@/lib/serverless'; import { g } from '@/lib/fleet/cluster/panels'; import h from '../ui/x';")).toEqual([]);
  });
});
