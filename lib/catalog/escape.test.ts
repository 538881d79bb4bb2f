import { describe, expect, it } from 'vitest';
import {
  kqlString,
  kqlStringList,
  promAnyOf,
  promLabelName,
  promMatcher,
  promString,
  re2Literal,
  UnsafeQueryValueError,
} from './escape';

/** Reads a KQL double-quoted literal back, following the documented escape rules. */
function unquoteKql(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') throw new Error(`unescaped quote at ${i}: the literal would end early`);
    if (ch === '\n' || ch === '\r') throw new Error('raw line break inside a KQL literal');
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    const map: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', r: '\r', t: '\t' };
    if (next === undefined || !(next in map)) throw new Error(`bad escape \\${next}`);
    out += map[next];
  }
  return out;
}

const HOSTILE = [
  `prod"} or vector(1)`,
  `' | take 1 //`,
  `" | take 1 //`,
  'back\\slash\\',
  'new\nline',
  'tab\tand\rreturn',
  `"; drop table --`,
  `a"b'c\\d`,
  'unicode ✓ 集群',
  '',
  '\\"',
  `x") or true or ("`,
];

describe('kqlString', () => {
  it.each(HOSTILE)('round-trips %j as one literal', (value) => {
    expect(unquoteKql(kqlString(value))).toBe(value);
  });

  it('keeps an injection attempt inside the literal', () => {
    const text = `Resources | where name == ${kqlString(`x" | take 1 //`)}`;
    expect(text).toBe('Resources | where name == "x\\" | take 1 //"');
  });

  it('refuses control characters KQL cannot express', () => {
    expect(() => kqlString('nul\u0000byte')).toThrow(UnsafeQueryValueError);
    expect(() => kqlString('bell\u0007')).toThrow(UnsafeQueryValueError);
  });

  it('builds lists of literals', () => {
    expect(kqlStringList(['a', `b"`])).toBe('("a", "b\\"")');
  });
});

describe('promString', () => {
  it.each(HOSTILE)('round-trips %j as one Go-style literal', (value) => {
    const literal = promString(value);
    // JSON's escapes are a subset of Go's, so JSON.parse reads what Prometheus reads.
    expect(JSON.parse(literal)).toBe(value);
    expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/);
  });

  it('rejects lone surrogates, which Go would not read back', () => {
    expect(() => promString('bad\ud800')).toThrow(UnsafeQueryValueError);
    expect(promString('ok😀')).toBe('"ok😀"');
  });
});

describe('PromQL matchers', () => {
  it('escapes the classic label injection', () => {
    expect(promMatcher('cluster', 'prod"} or vector(1)')).toBe('cluster="prod\\"} or vector(1)"');
  });

  it('matches each value literally inside a regex matcher', () => {
    const m = promAnyOf('cluster', ['aks.prod', 'a|b', 'x"y']);
    expect(m).toBe('cluster=~"aks\\\\.prod|a\\\\|b|x\\"y"');
    const regex = new RegExp(`^(?:${JSON.parse(m.slice('cluster=~'.length))})$`);
    expect(regex.test('aks.prod')).toBe(true);
    expect(regex.test('aksXprod')).toBe(false);
    expect(regex.test('a|b')).toBe(true);
    expect(regex.test('a')).toBe(false);
  });

  it('escapes every RE2 metacharacter', () => {
    const meta = '\\.+*?()|[]{}^$';
    expect(new RegExp(`^${re2Literal(meta)}$`).test(meta)).toBe(true);
  });

  it('validates label names instead of quoting them', () => {
    expect(promLabelName('cluster')).toBe('cluster');
    expect(() => promLabelName('cluster"} or vector(1) #')).toThrow(UnsafeQueryValueError);
    expect(() => promMatcher('1abc', 'x')).toThrow(UnsafeQueryValueError);
  });

  it('refuses an empty alternation, which would match everything', () => {
    expect(() => promAnyOf('cluster', [])).toThrow(UnsafeQueryValueError);
  });
});
