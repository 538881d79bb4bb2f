import { createMultiParser, createParser, createSerializer, type ParserMap, type inferParserType } from 'nuqs/server';
import { z } from 'zod';

/**
 * The URL contract of every view, on nuqs: each view is a map of nuqs parsers (used by the
 * server pages, the API routes and the client hooks alike). What nuqs does not do, and this
 * file adds: naming each parameter it ignored and why, old names read through `legacy`
 * rewrites, and one parameter order for every URL the portal writes.
 */

/** One wrong query parameter, named, with the reason. */
export interface ParamError {
  param: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ParamError[]; value: T };

export type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * The order of parameters in every URL the portal writes, so one view has one URL. Each view's
 * names keep the order its links have always had (a view's names are a subsequence of this).
 */
export const PARAM_ORDER = [
  'persona',
  'cap',
  'query',
  'z',
  'cq',
  'cp',
  'from',
  'to',
  'group',
  'sev',
  'refresh',
  'step',
  'node',
  'namespace',
  'workload',
  'q',
  'health',
  'provider',
  'region',
  'version',
  'sort',
  'dir',
  'cov',
  'gaps',
  'sel',
  'cluster',
  'ws',
  'view',
  'legend',
  'mode',
  'format',
  'limit',
  'offset',
] as const;
const RANK = new Map<string, number>(PARAM_ORDER.map((name, i) => [name, i]));

/** Sorts known names into PARAM_ORDER (repeated keys keep their order); unknown names go last as they came. */
export function canonicalOrder(search: URLSearchParams): URLSearchParams {
  const entries = [...search.entries()];
  const rank = (key: string): number => RANK.get(key) ?? PARAM_ORDER.length;
  return new URLSearchParams(
    entries
      .map((e, i) => [e, i] as const)
      .sort(([a, i], [b, j]) => rank(a[0]) - rank(b[0]) || i - j)
      .map(([e]) => e),
  );
}

/** Thrown by a parser: nuqs' hooks turn it into the default; `readView` reports the message. */
class Rejected extends Error {}

/** A parameter read through a zod schema; `serialize` writes it back (String by default). */
export function zodParam<T>(
  schema: z.ZodType<T, string>,
  serialize: (value: T) => string = String,
  eq?: (a: T, b: T) => boolean,
) {
  return createParser<T>({
    parse: (raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new Rejected(parsed.error.issues[0]?.message ?? 'is invalid');
      return parsed.data;
    },
    serialize,
    ...(eq ? { eq } : {}),
  });
}

/** One of a fixed list of values. */
export function literalParam<const T extends readonly [string, ...string[]]>(
  values: T,
  message = `must be one of ${values.join(', ')}`,
) {
  return zodParam(z.enum(values, { error: message }));
}

/** A comma-separated set: written sorted and without repeats, so a set has one spelling. */
export function setParam<T extends string>(item: z.ZodType<T, string>, max: number) {
  const schema = z
    .string()
    .max(2000, 'is too long')
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max, `lists at most ${max} values`))
    .transform((values) => [...new Set(values)]);
  const spelling = (values: readonly T[]): string => [...new Set(values)].sort().join(',');
  return zodParam<T[]>(schema, spelling, (a, b) => spelling(a) === spelling(b)).withDefault([] as T[]);
}

/** A parameter that may be repeated (`query=a&query=b`), each value through `item`. */
export function repeatedParam(item: z.ZodType<string, string>, max: number) {
  return createMultiParser<string[]>({
    parse: (values) => {
      if (values.length > max) throw new Rejected(`is given more than ${max} times`);
      return values.map((v) => {
        const parsed = item.safeParse(v);
        if (!parsed.success) throw new Rejected(parsed.error.issues[0]?.message ?? 'is invalid');
        return parsed.data;
      });
    },
    serialize: (values) => values,
    eq: (a, b) => a.length === b.length && a.every((v, i) => v === b[i]),
  });
}

export const MAX_SEARCH_LENGTH = 200;

/** Free search text: bounded, and no control characters (they have no business in a link). */
export const searchTextSchema = z
  .string()
  .max(MAX_SEARCH_LENGTH, `is longer than ${MAX_SEARCH_LENGTH} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters');
export const searchTextParam = zodParam(searchTextSchema, (s) => s.trim()).withDefault('');

export function toSearchParams(input: SearchInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(input))
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, item);
  return out;
}

/**
 * Old parameter names and forms, rewritten to current ones before parsing; a current name wins
 * over an old one. `from` says which old name a current one was read from, so errors name what the link says.
 */
export type Legacy = (params: URLSearchParams) => { params: URLSearchParams; from: Record<string, string> };

export function renamed(map: Record<string, (value: string) => [string, string] | null>): Legacy {
  return (params) => {
    const out = new URLSearchParams(params);
    const from: Record<string, string> = {};
    for (const [old, rewrite] of Object.entries(map)) {
      const raw = params.get(old);
      const mapped = raw ? rewrite(raw) : null;
      if (!mapped) continue;
      out.delete(old);
      if (params.get(mapped[0])) continue;
      out.set(mapped[0], mapped[1]);
      from[mapped[0]] = old;
    }
    return { params: out, from };
  };
}

/** Applies rewrites in order. */
export function legacyChain(...steps: Legacy[]): Legacy {
  return (params) =>
    steps.reduce<ReturnType<Legacy>>(
      (acc, step) => {
        const next = step(acc.params);
        return { params: next.params, from: { ...acc.from, ...next.from } };
      },
      { params, from: {} },
    );
}

/**
 * Reads every parameter of a view. Absent or empty ones take their default; invalid ones are
 * reported by name and take their default too, so a page still opens on a half-broken link.
 */
export function readView<P extends ParserMap>(
  parsers: P,
  input: SearchInput,
  legacy?: Legacy,
): { values: inferParserType<P>; errors: ParamError[]; spelled: (key: string) => string } {
  const { params, from } = legacy
    ? legacy(toSearchParams(input))
    : { params: toSearchParams(input), from: {} as Record<string, string> };
  const values: Record<string, unknown> = {};
  const errors: ParamError[] = [];
  for (const [key, parser] of Object.entries(parsers)) {
    const raw = parser.type === 'multi' ? params.getAll(key) : params.get(key);
    const absent = raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
    let value: unknown = null;
    if (!absent) {
      try {
        value = (parser.parse as (v: unknown) => unknown)(raw);
      } catch (error) {
        const param = from[key] ?? key;
        errors.push({ param, message: `${param} ${error instanceof Rejected ? error.message : 'is invalid'}` });
      }
    }
    values[key] = value ?? parser.defaultValue ?? null;
  }
  return { values: values as inferParserType<P>, errors, spelled: (key) => from[key] ?? key };
}

export function result<T>(value: T, errors: ParamError[]): ParseResult<T> {
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

/** A view's query string without the "?": defaults left out, names in PARAM_ORDER. */
export function viewSerializer<P extends ParserMap>(
  parsers: P,
): (values: Partial<{ [K in keyof P]: inferParserType<P>[K] | null }>) => string {
  const serialize = createSerializer(parsers, { clearOnDefault: true, processUrlSearchParams: canonicalOrder });
  return (values) => (serialize as (v: unknown) => string)(values).replace(/^\?/, '');
}

/** Scripts get a 400 for a parameter the API does not know, or one given twice. */
export function strictParamErrors(params: URLSearchParams, known: ReadonlySet<string>): ParamError[] {
  const errors: ParamError[] = [];
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) errors.push({ param: name.slice(0, 40), message: `unknown parameter ${name.slice(0, 40)}` });
    else if (params.getAll(name).length > 1) errors.push({ param: name, message: `${name} is given more than once` });
  }
  return errors;
}

/** The `format` of a downloadable API answer. */
export function readFormat(params: URLSearchParams, errors: ParamError[]): 'json' | 'csv' {
  const raw = params.get('format') ?? 'json';
  if (raw !== 'csv' && raw !== 'json') errors.push({ param: 'format', message: 'format must be json or csv' });
  return raw === 'csv' ? 'csv' : 'json';
}
