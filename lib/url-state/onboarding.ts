import { z } from 'zod';
import { PERSONAS } from '../catalog/types';
import { CAPABILITY_IDS, type CapabilityId, type OnboardingFilters } from '../fleet/onboarding';
import {
  literalParam,
  readFormat,
  readView,
  result,
  searchTextParam,
  strictParamErrors,
  viewSerializer,
  zodParam,
  type ParseResult,
  type SearchInput,
} from './codec';

/**
 * /onboarding's view state in the query string. Links are a contract: parameters are only
 * added, defaults are omitted, and the order is fixed so one view has one URL.
 */

export interface OnboardingView extends OnboardingFilters {
  selected: string | null;
}
export const DEFAULT_ONBOARDING: OnboardingView = {
  persona: 'all',
  gapsOnly: false,
  q: '',
  capability: null,
  selected: null,
};
const PERSONA_VALUES = ['all', ...PERSONAS] as const;

export const onboardingParsers = {
  persona: literalParam(PERSONA_VALUES).withDefault(DEFAULT_ONBOARDING.persona),
  cap: zodParam(
    z.enum(CAPABILITY_IDS as [CapabilityId, ...CapabilityId[]], {
      error: 'must be a capability id such as managed-prometheus',
    }),
  ),
  q: searchTextParam,
  gaps: zodParam(
    z.enum(['1', '0'], { error: 'must be 1 or 0' }).transform((v) => v === '1'),
    (on) => (on ? '1' : '0'),
  ).withDefault(false),
  // The selected cell: "<cluster>~<capability>", whose fix is shown.
  sel: zodParam(
    z
      .string()
      .max(300, 'is too long')
      .regex(/^[^~\u0000-\u001f]+~[a-z0-9-]+$/, 'must be <cluster>~<capability>'),
  ),
};

export const ONBOARDING_PARAMS = Object.keys(onboardingParsers) as Array<keyof typeof onboardingParsers>;

export function parseOnboardingParams(params: SearchInput): ParseResult<OnboardingView> {
  const { values: v, errors } = readView(onboardingParsers, params);
  return result({ persona: v.persona, gapsOnly: v.gaps, q: v.q, capability: v.cap, selected: v.sel }, errors);
}

const serialize = viewSerializer(onboardingParsers);

export function serializeOnboardingParams(f: OnboardingView): string {
  return serialize({ persona: f.persona, cap: f.capability, q: f.q, gaps: f.gapsOnly, sel: f.selected });
}

/** The API also takes `format` (json, csv) and refuses parameters it does not know. */
export function parseOnboardingApiParams(
  params: URLSearchParams,
): ParseResult<{ filters: OnboardingView; format: 'json' | 'csv' }> {
  const page = parseOnboardingParams(params);
  const errors = [
    ...(page.ok ? [] : page.errors),
    ...strictParamErrors(params, new Set([...ONBOARDING_PARAMS, 'format'])),
  ];
  const format = readFormat(params, errors);
  return result({ filters: page.value, format }, errors);
}
