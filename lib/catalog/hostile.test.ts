import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOG } from './index';
import { kqlString, promAnyOf, promString, UnsafeQueryValueError } from './escape';
import { odataString } from './queries/rest';
import type { CatalogQuery } from './types';

/**
 * Hostile input through every catalog query: each string parameter (and each string list)
 * is replaced by generated values made of quotes, backslashes, pipes, braces, comments,
 * line breaks, control characters, lone surrogates and arbitrary Unicode. The built text
 * is tokenised; outside its string literals it must be identical to the text built from a
 * plain value. So a value can only ever be data inside a literal — never a new operator,
 * pipe stage, matcher or comment. The catalog is read from CATALOG, so queries added later
 * are covered without listing them.
 */

type Lang = 'kql' | 'promql' | 'odata' | 'path';

/** An ARM request: the path must be ARM name characters only, and what follows `?` is fixed by the catalog. */
function pathSkeleton(text: string): string {
  const [path = '', ...rest] = text.split('?');
  if (rest.length !== 1) throw new Error(`expected exactly one "?" in ${text}`);
  if (!/^[\w./()-]+$/.test(path)) throw new Error(`path leaves ARM name characters: ${path}`);
  if (path.split('/').some((s) => s === '.' || s === '..')) throw new Error(`path climbs: ${path}`);
  return `PATH?${rest[0]}`;
}

/** The query text with every string literal replaced by S; throws on an unterminated literal. */
export function skeleton(text: string, lang: Lang): string {
  if (lang === 'path') return pathSkeleton(text);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (lang === 'kql' && ch === '/' && next === '/') {
      // A comment swallows the rest of the line: keep it visible in the skeleton.
      const end = text.indexOf('\n', i);
      out += `#COMMENT(${text.slice(i, end === -1 ? undefined : end)})`;
      i = end === -1 ? text.length : end;
      continue;
    }
    if (lang === 'promql' && ch === '#') {
      const end = text.indexOf('\n', i);
      out += `#COMMENT(${text.slice(i, end === -1 ? undefined : end)})`;
      i = end === -1 ? text.length : end;
      continue;
    }
    const verbatim = lang === 'kql' && (ch === '@' || ch === 'h' || ch === 'H') && (next === '"' || next === "'");
    if (verbatim) {
      // @"..." ("" escapes a quote) or h"..." (obfuscated, normal escapes): skip the prefix.
      i += 1;
      const quote = text[i];
      if (ch === '@') {
        let j = i + 1;
        for (;;) {
          if (j >= text.length) throw new Error(`unterminated verbatim literal at ${i}`);
          if (text[j] === quote && text[j + 1] === quote) j += 2;
          else if (text[j] === quote) break;
          else j += 1;
        }
        out += 'S';
        i = j + 1;
        continue;
      }
    }
    if (lang === 'odata' && ch === "'") {
      // OData: a quote inside a literal is doubled; there is no backslash escape.
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`unterminated ' literal at ${i}`);
        if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j += 1;
      }
      out += 'S';
      i = j + 1;
      continue;
    }
    if (lang === 'odata' && ch === '"') {
      out += ch;
      i += 1;
      continue;
    }
    if (text[i] === '"' || text[i] === "'" || (lang === 'promql' && text[i] === '`')) {
      const quote = text[i];
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`unterminated ${quote} literal at ${i}`);
        const c = text[j];
        if (quote !== '`' && c === '\\') j += 2;
        else if (c === quote) break;
        else if (quote !== '`' && (c === '\n' || c === '\r'))
          throw new Error(`raw line break inside a literal at ${j}`);
        else j += 1;
      }
      out += 'S';
      i = j + 1;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out.replace(/\s+/g, ' ');
}

const FRAGMENTS = [
  '"',
  "'",
  '\\',
  '`',
  '|',
  '}',
  '{',
  ')',
  '(',
  ']',
  '[',
  '\n',
  '\r',
  '\t',
  '//',
  '#',
  ';',
  ',',
  '=~',
  '!=',
  '*',
  '.',
  ' ',
  'or',
  'vector(1)',
  'take 1',
  'union *',
  '@"',
  'h"',
  '$',
  '^',
  '✓',
  '集群',
  '\u0000',
  '\u001b',
  '\u2028',
  '\ud800',
  '\udfff',
  '\u{1F600}',
];

/** The hostile corpus: fragment soup, arbitrary code points, and known injection strings. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', '`', '}', '|', 'a', '\n'), minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    `prod"} or vector(1) #`,
    `" | take 1 //`,
    `' | union * //`,
    `x") or true or ("`,
    `a\\"}[5m]) or on() vector(1)`,
    `\\`,
    `"`,
    `@"x`,
  ),
);

interface JsonProp {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  items?: JsonProp;
}

/** Plain values for strings a pattern validates (the generic `base-<name>` would not pass). */
const PATTERN_EXAMPLES: Record<string, unknown> = {
  resourceId:
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/managedClusters/aks-1',
  region: 'westeurope',
  skus: ['Standard_D4s_v5', 'Standard_E8as_v5'],
};

/** A plain value for each property, and which properties take user text. */
function baseParams(query: CatalogQuery<never, unknown>): {
  base: Record<string, unknown>;
  targets: Array<{ name: string; list: boolean; identifier: boolean }>;
} {
  const schema = z.toJSONSchema(query.params as z.ZodType, { unrepresentable: 'any' }) as {
    properties?: Record<string, JsonProp>;
  };
  const base: Record<string, unknown> = {};
  const targets: Array<{ name: string; list: boolean; identifier: boolean }> = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default !== undefined) base[name] = prop.default;
    else if (name in PATTERN_EXAMPLES) base[name] = PATTERN_EXAMPLES[name];
    else if (prop.enum) base[name] = prop.enum[0];
    else if (prop.type === 'string' && prop.format === 'date-time') base[name] = '2026-01-01T00:00:00Z';
    else if (prop.type === 'string') base[name] = `base-${name}`;
    else if (prop.type === 'number' || prop.type === 'integer') base[name] = prop.minimum ?? 1;
    else if (prop.type === 'boolean') base[name] = false;
    else if (prop.type === 'array' && prop.items?.type === 'string') base[name] = [`base-${name}-1`, `base-${name}-2`];
    // Identifiers (label names) are validated by a pattern, not escaped: hostile values must be refused.
    if (prop.type === 'string' && !prop.enum)
      targets.push({ name, list: false, identifier: prop.pattern !== undefined });
    if (prop.type === 'array' && prop.items?.type === 'string' && !prop.items.enum)
      targets.push({ name, list: true, identifier: prop.items.pattern !== undefined });
  }
  return { base, targets };
}

const LANG_BY_KIND: Record<CatalogQuery<never, unknown>['kind'], Lang> = {
  prom: 'promql',
  arg: 'kql',
  logs: 'kql',
  prices: 'odata',
  arm: 'path',
};
const lang = (q: CatalogQuery<never, unknown>): Lang => LANG_BY_KIND[q.kind];

let corpus = 0;
let escapedCorpus = 0;
let refused = 0;
let built = 0;

describe('hostile input through every catalog query', () => {
  const queries = [...CATALOG.values()];

  it('the catalog has queries taking user text', () => {
    expect(queries.filter((q) => baseParams(q).targets.length > 0).length).toBeGreaterThan(10);
  });

  for (const query of queries) {
    const { base, targets } = baseParams(query);
    if (targets.length === 0) continue;
    it(`${query.id}: ${targets.map((t) => t.name).join(', ')} never leave their literals`, () => {
      const baseParsed = query.params.safeParse(base);
      expect(baseParsed.success, `plain parameters must be valid for ${query.id}`).toBe(true);
      if (!baseParsed.success) return;
      const plain = skeleton(query.build(baseParsed.data), lang(query));
      for (const target of targets) {
        fc.assert(
          fc.property(hostileValue, hostileValue, (a, b) => {
            corpus += 1;
            if (!target.identifier) escapedCorpus += 1;
            const params = { ...base, [target.name]: target.list ? [a, b] : a };
            const parsed = query.params.safeParse(params);
            if (!parsed.success) {
              refused += 1;
              return;
            }
            if (target.identifier) {
              // Validated, not escaped (label names, ARM ids, VM sizes): whatever passes must be a bare identifier.
              for (const v of target.list ? [a, b] : [a]) expect(v).toMatch(/^[A-Za-z0-9_./()-]+$/);
              // A REST request built from it keeps the plain shape (a label name is meant to change the text).
              if (query.kind === 'arm' || query.kind === 'prices')
                expect(skeleton(query.build(parsed.data), lang(query))).toBe(plain);
              return;
            }
            let text: string;
            try {
              text = query.build(parsed.data);
            } catch (error) {
              // Refusing a value KQL cannot express is fine; anything else is a bug.
              if (error instanceof UnsafeQueryValueError) {
                refused += 1;
                return;
              }
              throw error;
            }
            built += 1;
            expect(skeleton(text, lang(query))).toBe(plain);
          }),
          { numRuns: 150, seed: 7 },
        );
      }
    });
  }

  it('ran a large corpus', () => {
    console.info(
      `hostile corpus: ${corpus} generated parameter sets through ${queries.length} catalog queries: ${built} built and tokenised, ${refused} refused by validation`,
    );
    expect(corpus).toBeGreaterThan(1000);
    // Most hostile values for escaped parameters must really reach a text builder, or the test proves nothing.
    expect(built).toBeGreaterThan(escapedCorpus / 2);
  });
});

describe('the tokenizer itself catches an escape', () => {
  it('sees a value that closes its literal', () => {
    const naive = (v: string): string => `X | where name == "${v}" | take 5`;
    expect(skeleton(naive('a" or 1==1 or "'), 'kql')).not.toBe(skeleton(naive('plain'), 'kql'));
    expect(skeleton(`X | where name == ${kqlString('a" or 1==1 or "')} | take 5`, 'kql')).toBe(
      skeleton(naive('plain'), 'kql'),
    );
    expect(skeleton(`up{c=${promString('x"} or vector(1) #')}}`, 'promql')).toBe(skeleton('up{c="x"}', 'promql'));
    expect(skeleton(`up{${promAnyOf('c', ['a"', 'b|c'])}}`, 'promql')).toBe(skeleton('up{c=~"a"}', 'promql'));
    expect(() => skeleton('X | where a == "open', 'kql')).toThrow(/unterminated/);
    expect(skeleton(`a eq '${"x' or 1 eq 1 or 'y"}'`, 'odata')).not.toBe(skeleton("a eq 'plain'", 'odata'));
    expect(skeleton(`a eq ${odataString("x' or 1 eq 1 or 'y")}`, 'odata')).toBe(skeleton("a eq 'plain'", 'odata'));
    expect(() => skeleton('/subscriptions/s/../providers/x?api-version=1', 'path')).toThrow(/climbs/);
    expect(() => skeleton('/subscriptions/s?x=1#/y?api-version=1', 'path')).toThrow();
  });
});
