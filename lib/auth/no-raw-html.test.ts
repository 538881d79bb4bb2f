import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Cluster names, labels and log lines are untrusted. React escapes text, so the one way to
 * render them as markup is a raw-HTML escape hatch; none may exist in the UI. (e2e/hostile.spec.ts
 * checks a hostile cluster name in a real browser.)
 */

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(tsx?|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  });
}

describe('no raw HTML in the UI', () => {
  it('never uses dangerouslySetInnerHTML, innerHTML, outerHTML or insertAdjacentHTML', () => {
    const files = [...sources(path.join(ROOT, 'app')), ...sources(path.join(ROOT, 'components'))];
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
