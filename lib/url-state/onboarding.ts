import { z } from 'zod';
import { PERSONAS } from '../catalog/types';
import { CAPABILITY_IDS, type OnboardingFilters } from '../fleet/onboarding';
import { MAX_SEARCH_LENGTH, type ParamError, type ParseResult } from './overview';

/**
 * /onboarding's view state in the query string. Links are a contract: parameters are only
 * added, defaults are omitted, and the order is fixed so one view has one URL.
 */

export interface OnboardingView extends OnboardingFilters {
  selected: string | null;
}
export const DEFAULT_ONBOARDING: OnboardingView = { persona: 'all', gapsOnly: false, q: '', capability: null, selected: null };
const PERSONA_VALUES = ['all', ...PERSONAS] as const;

const fields = {
  persona: z.enum(PERSONA_VALUES, { error: `must be one of ${PERSONA_VALUES.join(', ')}` }),
  gaps: z.enum(['1', '0'], { error: 'must be 1 or 0' }).transform((v) => v === '1'),
  q: z
    .string()
    .max(MAX_SEARCH_LENGTH, `is longer than ${MAX_SEARCH_LENGTH} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters'),
  cap: z.enum(CAPABILITY_IDS as [string, ...string[]], { error: 'must be a capability id such as managed-prometheus' }),
  // The selected cell: "<cluster>~<capability>", whose fix is shown.
  sel: z.string().max(300, 'is too long').regex(/^[^~\u0000-\u001f]+~[a-z0-9-]+$/, 'must be <cluster>~<capability>'),
} as const;

export const ONBOARDING_PARAMS = Object.keys(fields) as Array<keyof typeof fields>;

type SearchParamsLike = { get(name: string): string | null };

export function parseOnboardingParams(params: SearchParamsLike): ParseResult<OnboardingView> {
  const value: OnboardingView = { ...DEFAULT_ONBOARDING };
  const errors: ParamError[] = [];
  for (const name of ONBOARDING_PARAMS) {
    const raw = params.get(name);
    if (raw === null || raw === '') continue;
    const parsed = fields[name].safeParse(raw);
    if (!parsed.success) {
      errors.push({ param: name, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
      continue;
    }
    if (name === 'persona') value.persona = parsed.data as OnboardingFilters['persona'];
    else if (name === 'gaps') value.gapsOnly = parsed.data as boolean;
    else if (name === 'q') value.q = parsed.data as string;
    else if (name === 'sel') value.selected = parsed.data as string;
    else value.capability = parsed.data as OnboardingFilters['capability'];
  }
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}

export function serializeOnboardingParams(f: OnboardingView): string {
  const out = new URLSearchParams();
  // The order of the page's form fields, so a submitted form and a serialized view are the same URL.
  if (f.persona !== 'all') out.set('persona', f.persona);
  if (f.capability) out.set('cap', f.capability);
  if (f.q.trim()) out.set('q', f.q.trim());
  if (f.gapsOnly) out.set('gaps', '1');
  if (f.selected) out.set('sel', f.selected);
  return out.toString();
}

/** The API also takes `format` (json, csv) and refuses parameters it does not know. */
export function parseOnboardingApiParams(params: URLSearchParams): ParseResult<{ filters: OnboardingView; format: 'json' | 'csv' }> {
  const page = parseOnboardingParams(params);
  const errors: ParamError[] = page.ok ? [] : [...page.errors];
  const known = new Set<string>([...ONBOARDING_PARAMS, 'format']);
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) errors.push({ param: name.slice(0, 40), message: `unknown parameter ${name.slice(0, 40)}` });
    else if (params.getAll(name).length > 1) errors.push({ param: name, message: `${name} is given more than once` });
  }
  const rawFormat = params.get('format') ?? 'json';
  const format = rawFormat === 'csv' ? 'csv' : 'json';
  if (rawFormat !== 'csv' && rawFormat !== 'json') errors.push({ param: 'format', message: 'format must be json or csv' });
  const value = { filters: page.value, format } as const;
  return errors.length ? { ok: false, errors, value } : { ok: true, value };
}
