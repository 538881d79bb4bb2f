import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The design's one direction (DESIGN.md, "The flow of data"): components render what pages
 * hand them, so nothing under components/ may import the server layer (request access, loaders)
 * or the backends. `npm run lint` enforces it on every file (eslint.config.mjs); this test lints
 * sample sources under components/ to prove the rule sees every way of naming such a module.
 */

const ROOT = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layering messages ESLint gives a source placed at `file`. */
async function layeringHits(src: string, file = 'components/cluster/x.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(src, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => `${m.line}:${m.ruleId}`);
}

describe('layering (components never fetch)', () => {
  it('is on for every component file', async () => {
    const config = (await eslint.calculateConfigForFile(path.join(ROOT, 'components/cluster/panel.tsx'))) as {
      rules: Record<string, [number, ...unknown[]]>;
    };
    // 2 is "error": a warning would not stop `npm test`.
    expect(config.rules['no-restricted-imports']?.[0]).toBe(2);
    expect(config.rules['no-restricted-syntax']?.[0]).toBe(2);
  });

  it('sees every way of naming a forbidden module', async () => {
    expect(await layeringHits("import { a } from '@/lib/server/access';\nexport const x = a;\n")).toEqual([
      '1:no-restricted-imports',
    ]);
    expect(await layeringHits('import type { B } from "../../lib/sources/runner";\nexport type X = B;\n')).toEqual([
      '1:no-restricted-imports',
    ]);
    expect(await layeringHits("import '../../lib/server/config';\n")).toEqual(['1:no-restricted-imports']);
    expect(await layeringHits("export const m = () => import('@/lib/sources');\n")).toEqual(['1:no-restricted-syntax']);
    expect(
      await layeringHits(
        "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const r = require('../../lib/server/cache');\n",
      ),
    ).toEqual(['2:no-restricted-syntax']);
    expect(await layeringHits("export { c } from '@/lib/server/panels';\n")).toEqual(['1:no-restricted-imports']);
    expect(await layeringHits("export * from '@/lib/sources/prometheus/client';\n")).toEqual([
      '1:no-restricted-imports',
    ]);
    expect(
      await layeringHits("import {\n  d,\n  e,\n} from '@/lib/server/cache';\nexport const y = [d, e];\n"),
    ).toEqual(['1:no-restricted-imports']);
  });

  it('leaves neighbours that only share a prefix, the domain, and files outside components/ alone', async () => {
    const neighbours =
      "import { f } from '@/lib/serverless';\nimport { g } from '@/lib/fleet/cluster/panels';\nimport h from '../ui/x';\nexport const z = [f, g, h];\n";
    expect(await layeringHits(neighbours)).toEqual([]);
    expect(
      await layeringHits("import { a } from '@/lib/server/access';\nexport const x = a;\n", 'app/clusters/x.tsx'),
    ).toEqual([]);
  });
});
