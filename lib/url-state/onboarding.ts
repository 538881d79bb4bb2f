import { z } from 'zod';
import { PERSONAS } from '../catalog/types';
import { CAPABILITY_IDS, type OnboardingFilters } from '../fleet/onboarding';
import { readFormat, readParams, result, searchTextSchema, strictParamErrors, type ParseResult, type SearchParamsLike } from './params';

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
  q: searchTextSchema,
  cap: z.enum(CAPABILITY_IDS as [string, ...string[]], { error: 'must be a capability id such as managed-prometheus' }),
  // The selected cell: "<cluster>~<capability>", whose fix is shown.
  sel: z.string().max(300, 'is too long').regex(/^[^~\u0000-\u001f]+~[a-z0-9-]+$/, 'must be <cluster>~<capability>'),
} as const;

export const ONBOARDING_PARAMS = Object.keys(fields) as Array<keyof typeof fields>;

export function parseOnboardingParams(params: SearchParamsLike): ParseResult<OnboardingView> {
  const { values: v, errors } = readParams(params, fields);
  const d = DEFAULT_ONBOARDING;
  return result(
    {
      persona: (v.persona as OnboardingFilters['persona'] | undefined) ?? d.persona,
      gapsOnly: v.gaps ?? d.gapsOnly,
      q: v.q ?? d.q,
      capability: (v.cap as OnboardingFilters['capability'] | undefined) ?? d.capability,
      selected: v.sel ?? d.selected,
    },
    errors,
  );
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
  const errors = [...(page.ok ? [] : page.errors), ...strictParamErrors(params, new Set([...ONBOARDING_PARAMS, 'format']))];
  const format = readFormat(params, errors);
  return result({ filters: page.value, format }, errors);
}
