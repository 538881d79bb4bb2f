import { z } from 'zod';

/** One wrong query parameter, named, with the reason. */
export interface ParamError {
  param: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ParamError[]; value: T };

export type SearchParamsLike = { get(name: string): string | null };

export const MAX_SEARCH_LENGTH = 200;

/** Free search text: bounded, and no control characters (they have no business in a link). */
export const searchTextSchema = z
  .string()
  .max(MAX_SEARCH_LENGTH, `is longer than ${MAX_SEARCH_LENGTH} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters');

/**
 * Reads every known parameter through its schema. Absent or empty ones are left out; invalid
 * ones are reported by name and left out too, so the view falls back to its default for them.
 */
export function readParams<F extends Record<string, z.ZodType<unknown, string>>>(
  params: SearchParamsLike,
  fields: F,
): { values: { [K in keyof F]?: z.output<F[K]> }; errors: ParamError[] } {
  const values: { [K in keyof F]?: z.output<F[K]> } = {};
  const errors: ParamError[] = [];
  for (const name of Object.keys(fields) as Array<keyof F & string>) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const parsed = (fields[name] as F[typeof name]).safeParse(raw);
    if (parsed.success) values[name] = parsed.data as z.output<F[typeof name]>;
    else errors.push({ param: name, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
  }
  return { values, errors };
}

export function result<T>(value: T, errors: ParamError[]): ParseResult<T> {
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
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
